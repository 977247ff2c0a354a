// People's text stays text, also in direction: every element showing (or taking) what people
// wrote has the shared `user-text` class of theme.css, which isolates it in direction, so a
// U+202E RIGHT-TO-LEFT OVERRIDE inside one note can never reorder what follows it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { PhoneState } from './backend/generated';
import Sentence from './components/Sentence.svelte';
import { templateParts } from './i18n/parts';
import RoundResults from './voting/RoundResults.svelte';
import Notes from '../phone/Notes.svelte';
import Vote from '../phone/Vote.svelte';
import Feel from '../phone/Feel.svelte';

const src = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(src, path), 'utf8');
const RLO = '\u202e';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(svelte|css)$/.test(name) ? [path] : [];
  });
}

/** The opening tags of `source` (braces and quotes may hold `>`), each as written. */
function tags(source: string): string[] {
  const out: string[] = [];
  for (let i = source.indexOf('<'); i >= 0; i = source.indexOf('<', i + 1)) {
    if (!/[a-zA-Z]/.test(source[i + 1] ?? '')) continue;
    let depth = 0;
    let quote = '';
    let j = i + 1;
    for (; j < source.length; j++) {
      const c = source[j];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '>' && depth === 0) break;
    }
    out.push(source.slice(i, j + 1));
  }
  return out;
}

const classOf = (tag: string) => /\sclass="([^"]*)"/.exec(tag)?.[1].split(/\s+/) ?? [];

describe('one rule isolates people’s text in direction', () => {
  it('theme.css gives .user-text unicode-bidi: plaintext (an isolate that finds its own direction)', () => {
    expect(read('theme.css')).toMatch(/\.user-text\s*\{\s*unicode-bidi:\s*(plaintext|isolate);\s*\}/);
  });

  it('no component or other style sheet sets unicode-bidi of its own', () => {
    const setters = files(src)
      .filter((path) => !path.endsWith('theme.css'))
      .filter((path) => /unicode-bidi\s*:/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(src, path));
    expect(setters).toEqual([]);
  });
});

describe('elements that show people’s text carry user-text', () => {
  // [file, data-testid of the element]: board notes, note lists, persona fields, stage titles,
  // participant names, round titles and results, workshop titles, the presenter, the phones.
  const MARKED: [string, string][] = [
    ['lib/board/NoteView.svelte', 'note-text'],
    ['lib/board/ClusterFrame.svelte', 'cluster-title'],
    ['lib/board/NoteView.svelte', 'note-author-name'],
    ['lib/board/NoteEditor.svelte', 'note-editor'],
    ['lib/board/ClusterFrame.svelte', 'cluster-rename-input'],
    ['lib/board/GroupDialog.svelte', 'cluster-title-input'],
    ['lib/journey/StageCell.svelte', 'stage-note'],
    ['lib/journey/LaneLabel.svelte', 'lane-title'],
    ['lib/journey/LaneLabel.svelte', 'lane-title-input'],
    ['lib/journey/EmotionChart.svelte', 'emotion-note-input'],
    ['lib/personas/Personas.svelte', 'persona-card-name'],
    ['lib/personas/PersonaEditor.svelte', 'persona-{field}'],
    ['lib/personas/PersonaEditor.svelte', 'persona-quote'],
    ['lib/personas/PersonaEditor.svelte', 'section-item'],
    ['lib/room/ParticipantList.svelte', 'room-participant-name'],
    ['lib/voting/RoundResults.svelte', 'result-text'],
    ['lib/voting/Voting.svelte', 'round-name'],
    ['lib/components/WorkshopCard.svelte', 'workshop-title'],
    ['lib/workshop/WorkshopShell.svelte', 'workshop-heading'],
    ['lib/workshop/Overview.svelte', 'overview-title'],
    ['lib/presenter/Presenter.svelte', 'presenter-title'],
    ['phone/Phone.svelte', 'workshop-title'],
    ['phone/Notes.svelte', 'note-text'],
    ['lib/room/QuestionsPanel.svelte', 'question-prompt-text'],
    ['lib/room/QuestionsPanel.svelte', 'question-prompt'],
    ['lib/room/QuestionsPanel.svelte', 'question-option-{i}'],
    ['lib/room/QuestionResultView.svelte', 'cloud-word'],
    ['lib/room/QuestionResultView.svelte', 'question-text'],
    ['phone/Question.svelte', 'answer-text'],
  ];

  it.each(MARKED)('%s: [data-testid=%s]', (file, testid) => {
    const found = tags(read(file)).filter((tag) => tag.includes(`data-testid="${testid}"`));
    expect(found.length, 'found in the file').toBeGreaterThan(0);
    for (const tag of found) expect(classOf(tag), tag).toContain('user-text');
  });

  it('EditableText (stage titles, pain points, opportunities) marks its text and its fields', () => {
    const found = tags(read('lib/journey/EditableText.svelte')).filter((tag) => /class="et-/.test(tag));
    expect(found).toHaveLength(3);
    for (const tag of found) expect(classOf(tag), tag).toContain('user-text');
  });

  it('the emotion chart’s stage labels', () => {
    const found = tags(read('lib/journey/EmotionChart.svelte')).filter((tag) => tag.startsWith('<text') && tag.includes('stageX'));
    expect(found.length).toBeGreaterThan(0);
    for (const tag of found) expect(classOf(tag)).toContain('user-text');
  });
});

describe('rendered, an override in one text stays inside its own element', () => {
  const isolated = (html: string, text: string) => new RegExp(`class="[^"]*\\buser-text\\b[^"]*"[^>]*>${text}<`).test(html);

  it('a sentence with a name in it: the name alone is set apart', () => {
    const { body } = render(Sentence, { props: { parts: templateParts('{name}, choose your favourites', { name: `${RLO}Ann` }) } });
    expect(isolated(body, `${RLO}Ann`)).toBe(true);
    expect(body).toContain(', choose your favourites');
    expect(body).not.toMatch(/user-text[^>]*>[^<]*choose/);
  });

  it('results: each note and each voter', () => {
    const { body } = render(RoundResults, {
      props: {
        round: { anonymous: false },
        results: [{ note_id: 'n1', text: `${RLO}gnp.exe report`, votes: 2, rank: 1, tied: false, voters: [`${RLO}Ann`, 'Bob'] }],
      },
    });
    expect(isolated(body, `${RLO}gnp.exe report`)).toBe(true);
    expect(isolated(body, `${RLO}Ann`)).toBe(true);
    expect(isolated(body, 'Bob')).toBe(true);
  });

  const state = {
    workshop_title: 'Hotel day',
    language: 'en',
    participant_id: 'p1',
    name: 'Ann',
    scale: '-2..2',
    stages: [['s1', `${RLO}gnikooB`]],
    personas: [],
    room: {
      workshop_id: 'w',
      brainstorm_open: true,
      notes_hidden: false,
      rating_open: true,
      rating_persona_id: null,
      timer: { status: 'stopped', duration_seconds: 0, remaining_seconds: 0, ends_at: null },
    },
    my_notes: [],
    my_ratings: [],
    feelings: [],
    question: null,
    round: {
      id: 'r1',
      title: `${RLO}tsrif tahW`,
      status: 'open',
      closes_at: null,
      votes_per_participant: 3,
      max_per_note: 2,
      votes_left: 3,
      done: false,
      notes: [{ id: 'n1', text: `${RLO}gnp.exe report`, colour: 'yellow', section: `${RLO}noitces` }],
      my_votes: [],
      results: null,
    },
  } as PhoneState;
  const session = {
    state,
    myNotes: [{ id: 'n1', text: `${RLO}gnp.exe report`, colour: 'yellow', waiting: false }],
    myVotes: [],
    votesLeft: 3,
    ratings: {},
    doneWaiting: false,
  };

  it('the phone: my notes, the notes to vote on, the round’s title, the stages to rate', () => {
    const notes = render(Notes, { props: { session: session as never, draft: '', colour: 'yellow' } }).body;
    expect(isolated(notes, `${RLO}gnp.exe report`)).toBe(true);
    const vote = render(Vote, { props: { session: session as never } }).body;
    expect(isolated(vote, `${RLO}gnp.exe report`)).toBe(true);
    expect(isolated(vote, `${RLO}tsrif tahW`)).toBe(true);
    const feel = render(Feel, { props: { session: session as never } }).body;
    expect(isolated(feel, `${RLO}gnikooB`)).toBe(true);
  });
});
