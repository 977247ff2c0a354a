// The areas of the Workshop shell, in navigation order. To add one (board, personas,
// voting, reports…): write its component taking AreaProps, add a `nav_<id>` string to
// both dictionaries, and add a line here. The nav item gets `data-testid="nav-<id>"`.
import type { Component } from 'svelte';
import type { Workshop } from '../backend';
import type { MessageKey } from '../i18n/en';
import type { AREA_IDS, AreaId } from './default-area';
import Board from '../board/Board.svelte';
import Journey from '../journey/Journey.svelte';
import Personas from '../personas/Personas.svelte';
import Room from '../room/Room.svelte';
import Voting from '../voting/Voting.svelte';
import Overview from './Overview.svelte';

export interface AreaProps {
  workshop: Workshop;
  onupdated: (workshop: Workshop) => void;
}

export interface Area {
  id: AreaId;
  label: MessageKey;
  component: Component<AreaProps>;
}

export const AREAS = [
  // The board first: it is the heart of a workshop.
  { id: 'board', label: 'nav_board', component: Board },
  { id: 'overview', label: 'nav_overview', component: Overview },
  { id: 'journey', label: 'nav_journey', component: Journey },
  { id: 'personas', label: 'nav_personas', component: Personas },
  { id: 'room', label: 'nav_room', component: Room },
  { id: 'voting', label: 'voting_nav', component: Voting },
] as const satisfies readonly Area[];

export type { AreaId } from './default-area';

type IdsOf<T extends readonly { id: string }[]> = { readonly [K in keyof T]: T[K]['id'] };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
/** AREAS lists exactly AREA_IDS (default-area.ts), in its order: svelte-check fails otherwise. */
export type AreasInStep = Holds<Same<IdsOf<typeof AREAS>, typeof AREA_IDS>>;
