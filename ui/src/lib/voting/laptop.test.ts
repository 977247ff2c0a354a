import { describe, expect, it } from 'vitest';
import {
  INITIAL_LAPTOP,
  cardKeyAction,
  laptopReducer,
  moveFocus,
  refusalOf,
  retractTarget,
  votesOn,
  type LaptopEvent,
  type LaptopState,
} from './laptop';

const run = (events: LaptopEvent[], from: LaptopState = INITIAL_LAPTOP) => events.reduce(laptopReducer, from);
const aino = { id: 'p1', name: 'Aino' };
const joined: LaptopEvent = { type: 'joined', voter: aino, budget: 3, cap: 2 };

describe('pass-the-laptop state machine', () => {
  it('starts by asking who votes, and ignores votes until someone has joined', () => {
    expect(INITIAL_LAPTOP).toEqual({ step: 'identify', handedOver: false });
    const state = run([{ type: 'voted', noteId: 'n1', clientId: 'c1', votesLeft: 2 }, { type: 'done' }]);
    expect(state).toEqual(INITIAL_LAPTOP);
  });

  it('gives a joined voter their full budget and no votes', () => {
    const state = run([joined]);
    expect(state).toMatchObject({ step: 'voting', voter: aino, votesLeft: 3, budget: 3, cap: 2, refusal: null, votes: {} });
    expect(votesOn(state, 'n1')).toBe(0);
  });

  it('records each accepted vote under its note and takes votes left from the backend', () => {
    const state = run([
      joined,
      { type: 'voted', noteId: 'n1', clientId: 'c1', votesLeft: 2 },
      { type: 'voted', noteId: 'n1', clientId: 'c2', votesLeft: 1 },
      { type: 'voted', noteId: 'n2', clientId: 'c3', votesLeft: 0 },
    ]);
    expect(votesOn(state, 'n1')).toBe(2);
    expect(votesOn(state, 'n2')).toBe(1);
    expect(state.step === 'voting' && state.votesLeft).toBe(0);
  });

  it('counts a resent vote (same client id) once', () => {
    const state = run([
      joined,
      { type: 'voted', noteId: 'n1', clientId: 'c1', votesLeft: 2 },
      { type: 'voted', noteId: 'n1', clientId: 'c1', votesLeft: 2 },
    ]);
    expect(votesOn(state, 'n1')).toBe(1);
  });

  it('keeps a refusal until the next accepted action; running out of budget means none left', () => {
    let state = run([joined, { type: 'voted', noteId: 'n1', clientId: 'c1', votesLeft: 2 }, { type: 'refused', refusal: 'note_cap_reached' }]);
    expect(state).toMatchObject({ refusal: 'note_cap_reached', votesLeft: 2 });
    state = laptopReducer(state, { type: 'refused', refusal: 'budget_exhausted' });
    expect(state).toMatchObject({ refusal: 'budget_exhausted', votesLeft: 0 });
    state = laptopReducer(state, { type: 'retracted', noteId: 'n1', clientId: 'c1' });
    expect(state).toMatchObject({ refusal: null, votesLeft: 1 });
  });

  it('takes back the newest vote on a note, giving the vote back', () => {
    let state = run([
      joined,
      { type: 'voted', noteId: 'n1', clientId: 'c1', votesLeft: 2 },
      { type: 'voted', noteId: 'n1', clientId: 'c2', votesLeft: 1 },
    ]);
    expect(retractTarget(state, 'n1')).toBe('c2');
    expect(retractTarget(state, 'n2')).toBeNull();
    state = laptopReducer(state, { type: 'retracted', noteId: 'n1', clientId: 'c2' });
    expect(votesOn(state, 'n1')).toBe(1);
    expect(retractTarget(state, 'n1')).toBe('c1');
    state = laptopReducer(state, { type: 'retracted', noteId: 'n1', clientId: 'c1' });
    expect(state.step === 'voting' && state.votes).toEqual({});
    expect(state.step === 'voting' && state.votesLeft).toBe(3);
  });

  it('ignores taking back a vote it does not know, and never exceeds the budget', () => {
    const state = run([joined]);
    expect(laptopReducer(state, { type: 'retracted', noteId: 'n1', clientId: 'nope' })).toBe(state);
  });

  it('forgets everything about a voter once they are done', () => {
    const state = run([joined, { type: 'voted', noteId: 'n1', clientId: 'c1', votesLeft: 2 }, { type: 'done' }]);
    expect(state).toEqual({ step: 'identify', handedOver: true });
    expect(votesOn(state, 'n1')).toBe(0);
    expect(retractTarget(state, 'n1')).toBeNull();
    const next = laptopReducer(state, { type: 'joined', voter: { id: 'p2', name: null }, budget: 3, cap: 2 });
    expect(next).toMatchObject({ step: 'voting', voter: { id: 'p2', name: null }, votes: {}, votesLeft: 3 });
  });

  it('does not let a second person join over someone still voting', () => {
    const state = run([joined]);
    expect(laptopReducer(state, { type: 'joined', voter: { id: 'p2', name: 'B' }, budget: 5, cap: 3 })).toBe(state);
  });
});

describe('refusalOf', () => {
  it('knows the voting refusals and nothing else', () => {
    expect(refusalOf('budget_exhausted')).toBe('budget_exhausted');
    expect(refusalOf('note_cap_reached')).toBe('note_cap_reached');
    expect(refusalOf('round_closed')).toBe('round_closed');
    expect(refusalOf('not_in_round')).toBe('not_in_round');
    expect(refusalOf('invalid_input')).toBeNull();
    expect(refusalOf('storage')).toBeNull();
  });
});

describe('moveFocus', () => {
  it('moves by one card sideways and by a row up and down, stopping at the edges', () => {
    // 7 cards, 3 to a row: 0 1 2 / 3 4 5 / 6
    expect(moveFocus(0, 'ArrowRight', 7, 3)).toBe(1);
    expect(moveFocus(6, 'ArrowRight', 7, 3)).toBe(6);
    expect(moveFocus(0, 'ArrowLeft', 7, 3)).toBe(0);
    expect(moveFocus(1, 'ArrowDown', 7, 3)).toBe(4);
    expect(moveFocus(4, 'ArrowDown', 7, 3)).toBe(4);
    expect(moveFocus(3, 'ArrowDown', 7, 3)).toBe(6);
    expect(moveFocus(4, 'ArrowUp', 7, 3)).toBe(1);
    expect(moveFocus(1, 'ArrowUp', 7, 3)).toBe(1);
    expect(moveFocus(4, 'Home', 7, 3)).toBe(0);
    expect(moveFocus(1, 'End', 7, 3)).toBe(6);
    expect(moveFocus(2, 'x', 7, 3)).toBe(2);
  });

  it('copes with no cards, a stale index and a nonsense column count', () => {
    expect(moveFocus(3, 'ArrowRight', 0, 3)).toBe(0);
    expect(moveFocus(9, 'ArrowLeft', 4, 2)).toBe(2);
    expect(moveFocus(0, 'ArrowDown', 4, 0)).toBe(1);
  });
});

describe('cardKeyAction', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
    cardKeyAction({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

  it('takes back with Backspace or Delete and finishes with Ctrl+Enter', () => {
    expect(key('Backspace')).toBe('retract');
    expect(key('Delete')).toBe('retract');
    expect(key('Enter', { ctrlKey: true })).toBe('done');
    expect(key('Enter', { metaKey: true })).toBe('done');
  });

  it('leaves other keys and combinations alone', () => {
    expect(key('a')).toBeNull();
    expect(key('Enter')).toBeNull();
    expect(key(' ')).toBeNull();
    expect(key('Backspace', { ctrlKey: true })).toBeNull();
    expect(key('Enter', { altKey: true })).toBeNull();
    expect(key(' ', { ctrlKey: true })).toBeNull();
  });
});
