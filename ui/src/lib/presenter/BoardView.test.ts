// The projector's board as markup: a face-down note leaves nothing of its text or writer in
// the page (not in an attribute or a label either), only the count; people's text is text in
// an element of its own; groups' titles are buttons; votes are on their notes.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { boardState } from '../board/state';
import BoardView from './BoardView.svelte';
import { W, board, group, note } from './fixtures';

const SECRET = 'Breakfast <b>is</b> cold';
const NAME = 'Aino Zebrafish';

function shown(snapshot: ReturnType<typeof board>): string {
  const images = { url: (id: string) => (id === 'img1' ? 'data:image/jpeg;base64,AAAA' : undefined) };
  const store = { board: boardState(snapshot), votes: snapshot.votes, loaded: true, loadError: null, images };
  return render(BoardView, { props: { store: store as never } }).body;
}

describe('BoardView', () => {
  const snapshot = board({
    notes: [
      // A row that (against core's rule) still carried its text and author shows neither.
      note('h1', { hidden: true, text: SECRET, author_id: 'p1' }),
      note('h2', { hidden: true, text: '', author_id: null }),
      note('a', { text: 'Late check-out <img src=x>', x: 300, cluster_id: 'g' }),
    ],
    clusters: [group('g', { title: 'Arrival & <i>check-in</i>', x: 280, y: -56 })],
    participants: [{ id: 'p1', workshop_id: W, name: NAME, role: 'customer', created_at: '2026-11-23T07:00:00.000Z', removed_at: null }],
    votes: { round_id: 'r1', title: 'Round', counts: [['a', 7]] },
  });
  const body = shown(snapshot);

  it('says how many notes lie face down, and nothing about whose or what', () => {
    expect(body).toMatch(/data-testid="presenter-face-down-count"[^>]*data-count="2"[^>]*>2 notes face down</);
    expect(body.match(/data-testid="presenter-face-down"/g)).toHaveLength(2);
    expect(body).not.toContain('Breakfast');
    expect(body).not.toContain('p1');
    expect(body).not.toContain('Aino');
  });

  it('writes people’s text as text, isolated in direction', () => {
    expect(body).toContain('class="text user-text');
    expect(body).toContain('Late check-out &lt;img src=x>');
    expect(body).not.toContain('<img');
    expect(body).toMatch(/class="title-text user-text[^"]*">Arrival &amp; &lt;i>check-in&lt;\/i></);
  });

  it('makes each group’s title a button, over the notes', () => {
    expect(body).toMatch(/<button[^>]*data-testid="presenter-group-title"[^>]*data-group-id="g"/);
    expect(body.indexOf('presenter-group-title')).toBeGreaterThan(body.lastIndexOf('presenter-note"'));
  });

  it('shows the revealed votes on their note', () => {
    expect(body).toMatch(/data-testid="presenter-note"[^>]*data-votes="7"/);
    expect(body.match(/class="dot/g)).toHaveLength(5);
    expect(body).toContain('7 votes');
  });

  it('shows a photo note’s photo, named by its caption, and nothing of a face-down one', () => {
    const photos = shown(
      board({
        notes: [
          note('p', { image_id: 'img1', text: 'Flip chart <3' }),
          note('q', { image_id: 'img2', text: 'Still loading', x: 300 }),
          note('h', { hidden: true, image_id: 'img1', text: '', x: 600 }),
        ],
      }),
    );
    expect(photos.match(/<img[^>]*data-testid="presenter-note-photo"[^>]*>/g)).toEqual([
      expect.stringMatching(/src="data:image\/jpeg;base64,AAAA"[^>]*alt="[^"]*Flip chart &lt;3/),
    ]);
    expect(photos).toMatch(/role="img" aria-label="[^"]*Still loading/);
    expect(photos.match(/data-testid="presenter-face-down"/g)).toHaveLength(1);
  });

  it('says when the board is empty', () => {
    expect(shown(board())).toContain('data-testid="presenter-board-empty"');
  });
});
