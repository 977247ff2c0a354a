import { describe, expect, it } from 'vitest';
import { RELOAD_TABLES, applyJourneyChange, countEmotions, emotionOf, journeyHasGap, journeyState, sameStages, withLocalScore } from './state';
import { W, change, journey, persona, point, stage } from './fixtures';

const base = () => journeyState(journey());

describe('journeyState', () => {
  it('sorts stages and personas by position and indexes points by (persona, stage, variant)', () => {
    const s = journeyState(journey({ stages: [stage('b', 1), stage('a', 0)], personas: [persona('y', 1), persona('x', 0)] }));
    expect(s.stages.map((x) => x.id)).toEqual(['a', 'b']);
    expect(s.personas.map((x) => x.id)).toEqual(['x', 'y']);
    expect(emotionOf(base(), 'p1', 's1', 'current')?.score).toBe(1);
    expect(emotionOf(base(), 'p1', 's1', 'target')).toBeUndefined();
  });
});

describe('applyJourneyChange', () => {
  it('upserts and re-sorts stages (a move sends every stage whose position changed)', () => {
    const moved = change(11, { stages: [stage('s3', 0), stage('s1', 1), stage('s2', 2)] }, {}, { undo: 'move_stage' });
    const { state, reload } = applyJourneyChange(base(), moved);
    expect(reload).toBe(false);
    expect(state.stages.map((s) => s.id)).toEqual(['s3', 's1', 's2']);
    expect(state.revision).toBe(11);
    expect(state.undo).toBe('move_stage');
  });

  it('is idempotent', () => {
    const c = change(11, { personas: [persona('p3', 2)], emotions: [point('e3', 'p3', 's1', 2)] });
    const once = applyJourneyChange(base(), c).state;
    const twice = applyJourneyChange(once, c).state;
    expect(twice.personas).toEqual(once.personas);
    expect([...twice.emotions.entries()]).toEqual([...once.emotions.entries()]);
    expect(twice.revision).toBe(once.revision);
  });

  it('ignores other workshops and changes already in the snapshot', () => {
    const s = base();
    expect(applyJourneyChange(s, change(11, { stages: [stage('x', 9)] }, {}, { workshop_id: 'other' })).state).toBe(s);
    expect(applyJourneyChange(s, change(10, { stages: [stage('x', 9)] })).state).toBe(s);
  });

  it('never lets an older change overwrite a newer one, even arriving late', () => {
    const newer = change(12, { stages: [stage('s1', 0, { title: 'new' })] });
    const older = change(11, { stages: [stage('s1', 0, { title: 'old' })] }, {}, { undo: 'older' });
    const s = applyJourneyChange(applyJourneyChange(base(), newer).state, older).state;
    expect(s.stages[0].title).toBe('new');
    expect(s.revision).toBe(12);
    expect(s.undo).toBe('update_stage');
    // A deleted row is not brought back by an older upsert.
    const del = applyJourneyChange(base(), change(12, {}, { personas: ['p2'] })).state;
    expect(applyJourneyChange(del, change(11, { personas: [persona('p2', 1)] })).state.personas.map((p) => p.id)).toEqual(['p1']);
  });

  it('sets, replaces and removes emotion points', () => {
    let s = applyJourneyChange(base(), change(11, { emotions: [point('e9', 'p1', 's3', 2, 'target')] })).state;
    expect(emotionOf(s, 'p1', 's3', 'target')?.score).toBe(2);
    s = applyJourneyChange(s, change(12, { emotions: [point('e1', 'p1', 's1', -2)] })).state;
    expect(emotionOf(s, 'p1', 's1', 'current')?.score).toBe(-2);
    s = applyJourneyChange(s, change(13, {}, { emotions: ['e1'] })).state;
    expect(emotionOf(s, 'p1', 's1', 'current')).toBeUndefined();
  });

  it('drops the points of a deleted stage or persona, and undo brings them back', () => {
    let s = applyJourneyChange(base(), change(11, {}, { stages: ['s1'] }, { undo: 'delete_stage' })).state;
    expect(s.stages.map((x) => x.id)).toEqual(['s2', 's3']);
    expect(emotionOf(s, 'p1', 's1', 'current')).toBeUndefined();
    s = applyJourneyChange(s, change(12, { stages: [stage('s1', 0)], emotions: [point('e1', 'p1', 's1', 1)] }, {}, { undo: null, redo: 'delete_stage' })).state;
    expect(s.stages.map((x) => x.id)).toEqual(['s1', 's2', 's3']);
    expect(emotionOf(s, 'p1', 's1', 'current')?.score).toBe(1);
    expect(s.redo).toBe('delete_stage');
    s = applyJourneyChange(s, change(13, {}, { personas: ['p2'] })).state;
    expect(emotionOf(s, 'p2', 's2', 'current')).toBeUndefined();
  });

  it('ignores board rows, and asks for a reload for what it cannot apply', () => {
    const board = change(11, { notes: [{ id: 'n' }] as unknown[] });
    expect(applyJourneyChange(base(), board).reload).toBe(false);
    expect(applyJourneyChange(base(), change(11, { ratings: [{ stage_id: 's1' }] })).reload).toBe(true);
    expect(applyJourneyChange(base(), change(11, {}, { ratings: ['r1'] })).reload).toBe(true);
    // The scale is not in a Change: its step (or undoing it) means reload.
    expect(applyJourneyChange(base(), change(11, { emotions: [point('e1', 'p1', 's1', 8.5)] }, {}, { undo: 'set_emotion_scale' })).reload).toBe(true);
    expect(applyJourneyChange(base(), change(11, {}, {}, { undo: null, redo: 'set_emotion_scale' })).reload).toBe(true);
  });

  it('reloads when another process changed the workshop (a change with reload and no rows)', () => {
    expect(applyJourneyChange(base(), change(11, {}, {}, { reload: true })).reload).toBe(true);
    expect(applyJourneyChange(base(), change(11, {}, {}, { reload: false })).reload).toBe(false);
  });

  it('takes the scale from journey_settings when a change carries it', () => {
    const c = change(11, { journey_settings: [{ id: 'js', workshop_id: 'w', emotion_scale: '1..10' }] }, {}, { undo: 'set_emotion_scale' });
    const { state, reload } = applyJourneyChange(base(), c);
    expect(state.scale).toBe('1..10');
    expect(reload).toBe(true); // its undo carries no settings row: reload to be sure
  });

  it('notices a missed revision', () => {
    const s = applyJourneyChange(base(), change(12, { stages: [stage('s1', 0)] })).state;
    expect(journeyHasGap(s)).toBe(true);
    expect(journeyHasGap(applyJourneyChange(s, change(11)).state)).toBe(false);
  });

  it('counts the rescaled points of a change', () => {
    expect(countEmotions(change(11, { emotions: [point('a', 'p1', 's1', 1), point('b', 'p1', 's2', 2)] }))).toBe(2);
  });
});

describe('the experience model', () => {
  const feelings = [
    { key: 'welcomed', word: 'welcomed', positive: true, own: false },
    { key: 'frustrated', word: 'frustrated', positive: false, own: false },
  ];
  const rich = () =>
    journeyState(
      journey({
        stages: [stage('s1', 0, { channels: ['web'] }), stage('s2', 1, { channels: ['chat'] }), stage('s3', 2, { channels: ['chat'] })],
        lanes: [
          { id: 'l2', workshop_id: W, position: 1, kind: 'feelings', title: 'Feelings' },
          { id: 'l1', workshop_id: W, position: 0, kind: 'touchpoint', title: 'Touchpoint' },
        ],
        feelings,
        stage_feelings: [{ stage_id: 's2', designed: [], felt: [{ key: 'frustrated', count: 2 }], raters: 2, disagrees: false }],
        switches: [{ from_stage_id: 's1', to_stage_id: 's2', from: ['web'], to: ['chat'] }],
      }),
    );

  it('keeps lanes (by position), the vocabulary, felt feelings and switches from get_journey', () => {
    const s = rich();
    expect(s.lanes.map((l) => l.id)).toEqual(['l1', 'l2']);
    expect(s.feelings).toHaveLength(2);
    expect(s.stageFeelings[0].felt).toEqual([{ key: 'frustrated', count: 2 }]);
    expect(s.switches).toHaveLength(1);
    expect(s.figures).toEqual([]);
    expect(s.questions).toEqual([]);
    expect(s.cells).toEqual([]);
  });

  it('asks for a reload for every table it shows but does not apply', () => {
    expect([...RELOAD_TABLES].sort()).toEqual(['answers', 'feelings', 'lane_cells', 'lanes', 'questions', 'ratings', 'stage_figures']);
    for (const table of RELOAD_TABLES) {
      expect(applyJourneyChange(base(), change(11, { [table]: [{ id: 'x' }] })).reload, table).toBe(true);
      expect(applyJourneyChange(base(), change(11, {}, { [table]: ['x'] })).reload, table).toBe(true);
    }
    // An empty list of such rows is nothing to reload for.
    expect(applyJourneyChange(base(), change(11, { lanes: [] })).reload).toBe(false);
  });

  it('recomputes the switches and the designed side of the feelings when stages change', () => {
    // s2 gets "web" too: no switch any more; s3 switches to the phone.
    const edit = change(11, { stages: [stage('s2', 1, { channels: ['chat', 'web'], designed_feelings: ['welcomed'] }), stage('s3', 2, { channels: ['phone'] })] });
    const { state, reload } = applyJourneyChange(rich(), edit);
    expect(reload).toBe(false);
    expect(state.switches).toEqual([{ from_stage_id: 's2', to_stage_id: 's3', from: ['chat', 'web'], to: ['phone'] }]);
    expect(state.stageFeelings).toEqual([{ stage_id: 's2', designed: ['welcomed'], felt: [{ key: 'frustrated', count: 2 }], raters: 2, disagrees: true }]);
    // explain_again and designed feelings are kept on the stage itself.
    const again = applyJourneyChange(state, change(12, { stages: [stage('s3', 2, { channels: ['phone'], explain_again: true })] })).state;
    expect(again.stages[2].explain_again).toBe(true);
  });
});

describe('withLocalScore', () => {
  it('shows a value before the backend has it, and removes with null', () => {
    let s = withLocalScore(base(), 'p2', 's3', 'target', 1.5);
    expect(emotionOf(s, 'p2', 's3', 'target')?.score).toBe(1.5);
    s = withLocalScore(s, 'p1', 's1', 'current', -1);
    expect(emotionOf(s, 'p1', 's1', 'current')?.id).toBe('e1');
    s = withLocalScore(s, 'p1', 's1', 'current', null);
    expect(emotionOf(s, 'p1', 's1', 'current')).toBeUndefined();
  });
});

describe('sameStages', () => {
  const list = [stage('a', 0, { channels: ['web'] }), stage('b', 1)];
  it('takes the copy in any order', () => {
    expect(sameStages([list[1], list[0]], list)).toBe(true);
  });
  it('sees a stage more or less, and any field that differs', () => {
    expect(sameStages([list[0]], list)).toBe(false);
    expect(sameStages([list[0], { ...list[1], title: 'Renamed' }], list)).toBe(false);
    expect(sameStages([{ ...list[0], channels: ['web', 'phone'] }, list[1]], list)).toBe(false);
    expect(sameStages([list[0], { ...list[1], designed_feelings: ['calm'] }], list)).toBe(false);
    expect(sameStages([list[0], { ...list[1], moment_of_truth: !list[1].moment_of_truth }], list)).toBe(false);
  });
});
