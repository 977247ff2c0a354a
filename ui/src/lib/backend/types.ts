// Types of the facilitator API, as specified in docs/api.md.
// Keep this file in step with that document: it is the UI's half of the contract.

export type Language = 'en' | 'fi';
export type TemplateId = 'blank' | 'hotel' | 'digital';

export const LANGUAGES: readonly Language[] = ['en', 'fi'];
export const TEMPLATE_IDS: readonly TemplateId[] = ['blank', 'hotel', 'digital'];

export interface Stage {
  id: string;
  position: number;
  title: string;
  description: string;
}

export interface Workshop {
  /** UUID v7: sorts by creation time. */
  id: string;
  title: string;
  /** ISO date (YYYY-MM-DD) or null. */
  date: string | null;
  goal: string;
  facilitator: string;
  language: Language;
  template: TemplateId;
  /** RFC 3339 timestamps. */
  created_at: string;
  updated_at: string;
  /** RFC 3339 when in the trash, else null. */
  trashed_at: string | null;
  stages: Stage[];
}

/** A `Workshop` without `goal`, `facilitator` and `stages`, plus `stage_count`. */
export interface WorkshopSummary extends Omit<Workshop, 'goal' | 'facilitator' | 'stages'> {
  stage_count: number;
}

export interface TemplateInfo {
  id: TemplateId;
  name: string;
  description: string;
  stages: string[];
}

export interface AppInfo {
  version: string;
  database_path: string;
  schema_version: number;
}

/** Limits from docs/api.md. */
export const LIMITS = {
  title: 200,
  goal: 2000,
  facilitator: 200,
  note_text: 1000,
  cluster_title: 200,
  participant_name: 60,
  notes_per_call: 1000,
} as const;

// ---- the board ------------------------------------------------------------

/** The named, colour-blind-safe palette of sticky notes; the API uses the names. */
export const NOTE_COLOURS = ['yellow', 'orange', 'sky', 'green', 'blue', 'red', 'pink', 'grey'] as const;
export type NoteColour = (typeof NOTE_COLOURS)[number];

/** A note is 180 × 120 board units; `x`, `y` is its top-left corner. */
export const NOTE_SIZE = { width: 180, height: 120 } as const;

export interface Note {
  id: string;
  workshop_id: string;
  /** Plain text, 1–1,000 characters after trimming. */
  text: string;
  colour: NoteColour;
  x: number;
  y: number;
  cluster_id: string | null;
  stage_id: string | null;
  persona_id: string | null;
  author_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface Cluster {
  id: string;
  workshop_id: string;
  title: string;
  created_at: string;
  updated_at: string;
}

export type ParticipantRole = 'customer' | 'employee' | 'stakeholder';
export const PARTICIPANT_ROLES: readonly ParticipantRole[] = ['customer', 'employee', 'stakeholder'];

export interface Participant {
  id: string;
  workshop_id: string;
  /** null = anonymous. */
  name: string | null;
  role: ParticipantRole;
  created_at: string;
}

/** The board operations that make an undo step (the values of `Change.undo`/`redo`). */
export const BOARD_STEPS = ['create_notes', 'update_notes', 'delete_notes', 'group_notes', 'rename_cluster', 'ungroup'] as const;
export type BoardStep = (typeof BOARD_STEPS)[number];

/** What one step changed in a workshop's content; returned by board operations and pushed live. */
export interface Change {
  workshop_id: string;
  /** Grows by one with every change to the workshop. */
  revision: number;
  upserted: {
    notes: Note[];
    clusters: Cluster[];
    // The API always sends every key; optional here so board fixtures need not list them.
    stages?: JourneyStage[];
    personas?: Persona[];
    emotions?: EmotionPoint[];
    participants?: Participant[];
    room?: Room[];
  };
  deleted: {
    notes: string[];
    clusters: string[];
    stages?: string[];
    personas?: string[];
    emotions?: string[];
    participants?: string[];
    room?: string[];
  };
  undo: string | null;
  redo: string | null;
  /** True when the workshop changed in a way this change does not list: load it again. */
  reload?: boolean;
}

export interface Board {
  workshop_id: string;
  revision: number;
  /** In creation order. */
  notes: Note[];
  clusters: Cluster[];
  participants: Participant[];
  undo: string | null;
  redo: string | null;
}

export interface WorkshopIdInput {
  workshop_id: string;
}

export interface NewNote {
  text: string;
  colour?: NoteColour;
  x: number;
  y: number;
  cluster_id?: string | null;
  stage_id?: string | null;
  author_id?: string | null;
}

export interface CreateNotesInput {
  workshop_id: string;
  notes: NewNote[];
}

export interface NotePatch {
  id: string;
  text?: string;
  colour?: NoteColour;
  x?: number;
  y?: number;
  cluster_id?: string | null;
  stage_id?: string | null;
  author_id?: string | null;
}

export interface UpdateNotesInput {
  workshop_id: string;
  notes: NotePatch[];
}

export interface DeleteNotesInput {
  workshop_id: string;
  ids: string[];
}

export interface GroupNotesInput {
  workshop_id: string;
  title: string;
  note_ids: string[];
}

export interface RenameClusterInput {
  workshop_id: string;
  id: string;
  title: string;
}

export interface UngroupInput {
  workshop_id: string;
  id: string;
}

export interface AddParticipantInput {
  workshop_id: string;
  name?: string | null;
  role?: ParticipantRole;
}

// ---- journey, personas and emotions -------------------------------------------

/** `Stage` in docs/api.md: one touchpoint of the journey (`Workshop.stages` lists fewer fields). */
export interface JourneyStage {
  id: string;
  workshop_id: string;
  /** 0, 1, 2… without gaps. */
  position: number;
  title: string;
  description: string;
  pain_points: string;
  opportunities: string;
  channels: string[];
  moment_of_truth: boolean;
}

export const AVATAR_COLOURS = ['teal', 'indigo', 'amber', 'rose', 'green', 'violet', 'slate', 'orange'] as const;
export type AvatarColour = (typeof AVATAR_COLOURS)[number];

/** Suggested channels for personas and stages (free entry is allowed too). */
export const SUGGESTED_CHANNELS = ['web', 'mobile app', 'phone', 'chat', 'e-mail', 'in person', 'social media'] as const;

export type PersonaSection =
  | { id?: string; kind: 'text'; title: string; text: string }
  | { id?: string; kind: 'list'; title: string; items: string[] }
  | { id?: string; kind: 'slider'; title: string; value: number }
  | { id?: string; kind: 'tags'; title: string; items: string[] };
export type PersonaSectionKind = PersonaSection['kind'];
export const SECTION_KINDS: readonly PersonaSectionKind[] = ['text', 'list', 'slider', 'tags'];

export interface Persona {
  id: string;
  workshop_id: string;
  position: number;
  name: string;
  photo_id: string | null;
  avatar_colour: AvatarColour;
  age: string;
  occupation: string;
  quote: string;
  background: string;
  goals: string;
  needs: string;
  pains: string;
  expectations: string;
  channels: string[];
  sections: PersonaSection[];
  created_at: string;
  updated_at: string;
}

export type EmotionVariant = 'current' | 'target';
export const EMOTION_VARIANTS: readonly EmotionVariant[] = ['current', 'target'];
export type EmotionScale = '-2..2' | '-3..3' | '1..10';
export const EMOTION_SCALES: readonly EmotionScale[] = ['-2..2', '-3..3', '1..10'];

export interface EmotionPoint {
  id: string;
  workshop_id: string;
  persona_id: string;
  stage_id: string;
  variant: EmotionVariant;
  score: number;
  note: string;
  updated_at: string;
}

export interface RatingSummary {
  /** null: participants rated themselves as customers. */
  persona_id: string | null;
  stage_id: string;
  variant: EmotionVariant;
  count: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  stddev: number;
}

export interface Journey {
  workshop_id: string;
  revision: number;
  scale: EmotionScale;
  /** By position. */
  stages: JourneyStage[];
  personas: Persona[];
  emotions: EmotionPoint[];
  ratings: RatingSummary[];
  undo: string | null;
  redo: string | null;
}

export interface CreateStageInput {
  workshop_id: string;
  title: string;
  position?: number;
}

export interface UpdateStageInput {
  workshop_id: string;
  id: string;
  title?: string;
  description?: string;
  channels?: string[];
  pain_points?: string;
  opportunities?: string;
  moment_of_truth?: boolean;
}

export interface MoveInput {
  workshop_id: string;
  id: string;
  position: number;
}

export interface WorkshopItemInput {
  workshop_id: string;
  id: string;
}

/** The Persona fields create_persona and update_persona take. */
export type PersonaFields = Partial<
  Pick<Persona, 'name' | 'avatar_colour' | 'age' | 'occupation' | 'quote' | 'background' | 'goals' | 'needs' | 'pains' | 'expectations' | 'channels' | 'sections'>
>;

export type CreatePersonaInput = PersonaFields & { workshop_id: string; name: string };
export type UpdatePersonaInput = PersonaFields & { workshop_id: string; id: string };

export interface SetPersonaPhotoInput {
  workshop_id: string;
  id: string;
  image_base64: string | null;
}

export interface Image {
  id: string;
  mime: string;
  width: number;
  height: number;
  data_url: string;
}

export interface SetEmotionInput {
  workshop_id: string;
  persona_id: string;
  stage_id: string;
  variant: EmotionVariant;
  score: number | null;
  note?: string;
}

export interface SetEmotionScaleInput {
  workshop_id: string;
  scale: EmotionScale;
}

export interface EmotionChartSvgInput {
  workshop_id: string;
  persona_ids?: string[];
}

// ---- inputs ---------------------------------------------------------------

export type Empty = Record<string, never>;

export interface ListWorkshopsInput {
  trashed?: boolean;
  search?: string;
}

export interface IdInput {
  id: string;
}

export interface CreateWorkshopInput {
  title: string;
  date?: string | null;
  goal?: string;
  facilitator?: string;
  language?: Language;
  template?: TemplateId;
}

export interface UpdateWorkshopInput {
  id: string;
  title?: string;
  date?: string | null;
  goal?: string;
  facilitator?: string;
  language?: Language;
}

export interface DuplicateWorkshopInput {
  id: string;
  title?: string;
}

export interface ListTemplatesInput {
  language?: Language;
}

// ---- operations -----------------------------------------------------------

/**
 * Every facilitator operation, keyed by its name in docs/api.md.
 * Adding an operation to the UI is one line here.
 */
export interface Operations {
  list_workshops: { input: ListWorkshopsInput; output: WorkshopSummary[] };
  get_workshop: { input: IdInput; output: Workshop };
  create_workshop: { input: CreateWorkshopInput; output: Workshop };
  update_workshop: { input: UpdateWorkshopInput; output: Workshop };
  duplicate_workshop: { input: DuplicateWorkshopInput; output: Workshop };
  trash_workshop: { input: IdInput; output: Workshop };
  restore_workshop: { input: IdInput; output: Workshop };
  delete_workshop: { input: IdInput; output: null };
  list_templates: { input: ListTemplatesInput; output: TemplateInfo[] };
  app_info: { input: Empty; output: AppInfo };
  get_board: { input: WorkshopIdInput; output: Board };
  create_notes: { input: CreateNotesInput; output: Change };
  update_notes: { input: UpdateNotesInput; output: Change };
  delete_notes: { input: DeleteNotesInput; output: Change };
  group_notes: { input: GroupNotesInput; output: Change };
  rename_cluster: { input: RenameClusterInput; output: Change };
  ungroup: { input: UngroupInput; output: Change };
  undo: { input: WorkshopIdInput; output: Change };
  redo: { input: WorkshopIdInput; output: Change };
  add_participant: { input: AddParticipantInput; output: Participant };
  get_journey: { input: WorkshopIdInput; output: Journey };
  create_stage: { input: CreateStageInput; output: Change };
  update_stage: { input: UpdateStageInput; output: Change };
  move_stage: { input: MoveInput; output: Change };
  delete_stage: { input: WorkshopItemInput; output: Change };
  create_persona: { input: CreatePersonaInput; output: Change };
  update_persona: { input: UpdatePersonaInput; output: Change };
  move_persona: { input: MoveInput; output: Change };
  duplicate_persona: { input: WorkshopItemInput; output: Change };
  delete_persona: { input: WorkshopItemInput; output: Change };
  set_persona_photo: { input: SetPersonaPhotoInput; output: Change };
  get_image: { input: WorkshopItemInput; output: Image };
  set_emotion: { input: SetEmotionInput; output: Change };
  set_emotion_scale: { input: SetEmotionScaleInput; output: Change };
  emotion_chart_svg: { input: EmotionChartSvgInput; output: string };
  export_workshop: { input: WorkshopIdInput; output: WorkshopFile };
  import_workshop: { input: { text: string }; output: Workshop };
  merge_workshop: { input: { workshop_id: string; text: string }; output: Change };
  export_report: { input: { workshop_id: string; format: ReportFormat; paper?: Paper }; output: string };
  list_rounds: { input: WorkshopIdInput; output: VotingRound[] };
  create_round: { input: CreateRoundInput; output: Change };
  close_round: { input: WorkshopItemInput; output: Change };
  reveal_round: { input: WorkshopItemInput; output: Change };
  cast_vote: { input: CastVoteInput; output: VoteReceipt };
  retract_vote: { input: RetractVoteInput; output: Change };
  mark_done: { input: { workshop_id: string; round_id: string; participant_id: string }; output: Change };
  add_paper_votes: { input: { workshop_id: string; round_id: string; note_id: string; count: number }; output: Change };
  round_progress: { input: RoundInput; output: RoundProgress };
  round_results: { input: RoundInput; output: NoteResult[] };
  list_participants: { input: WorkshopIdInput; output: ParticipantEntry[] };
  remove_participant: { input: WorkshopItemInput; output: Change };
  get_room: { input: WorkshopIdInput; output: Room };
  update_room: { input: UpdateRoomInput; output: Room };
  set_timer: { input: SetTimerInput; output: Room };
  participant_access: { input: Empty; output: Access };
  open_participant_access: { input: OpenAccessInput; output: Access };
  close_participant_access: { input: Empty; output: Access };
  open_presenter: { input: WorkshopIdInput; output: null };
  app_ready: { input: Empty; output: null };
  list_backups: { input: Empty; output: Backup[] };
  backup_now: { input: Empty; output: Backup };
  restore_backup: { input: { name: string }; output: RestoredBackup };
  recovery_status: { input: Empty; output: RecoveryStatus | null };
  recover: { input: RecoverInput; output: null };
  diagnostics: { input: Empty; output: { text: string } };
  save_export: { input: SaveExportInput; output: SavedExport | null };
  import_file: { input: ImportFileInput; output: ImportedFile | null };
  open_exported: { input: { path: string }; output: null };
  show_exported: { input: { path: string }; output: null };
}

// ---- workshop file, reports and voting (docs/api.md) -------------------------

/** The workshop file (docs/workshop-format.md); the UI only passes it through. */
export type WorkshopFile = { format: 'fiilis-workshop'; version: number } & Record<string, unknown>;

export type ReportFormat = 'html' | 'md' | 'csv' | 'pdf';
export type Paper = 'a4' | 'letter';

// ---- files on the desktop (desktop only, docs/api.md) ----------------------------

/** `json` is the workshop file, `svg` the emotion chart of all personas. */
export interface SaveExportInput {
  workshop_id: string;
  format: ReportFormat | 'json' | 'svg';
  paper?: Paper;
}

export interface SavedExport {
  path: string;
  bytes: number;
}

/** No `path`: the open dialog. `merge_into`: merge into that workshop, else import as new. */
export interface ImportFileInput {
  path?: string;
  merge_into?: string;
}

export interface ImportedFile {
  path: string;
  workshop?: Workshop;
  change?: Change;
}

export type RoundScope = 'all' | 'cluster' | 'stage';
export type RoundStatus = 'open' | 'closed' | 'revealed';

export interface VotingRound {
  id: string;
  workshop_id: string;
  title: string;
  votes_per_participant: number;
  max_per_note: number;
  anonymous: boolean;
  scope: RoundScope;
  scope_id: string | null;
  status: RoundStatus;
  closes_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CreateRoundInput {
  workshop_id: string;
  title?: string;
  votes_per_participant?: number;
  max_per_note?: number;
  anonymous?: boolean;
  scope?: RoundScope;
  scope_id?: string | null;
  duration_seconds?: number;
}

export interface RoundInput {
  workshop_id: string;
  round_id: string;
}

export interface CastVoteInput extends RoundInput {
  participant_id: string;
  note_id: string;
  client_id: string;
}

export interface RetractVoteInput extends RoundInput {
  participant_id: string;
  client_id: string;
}

export interface VoteReceipt {
  round_id: string;
  note_id: string;
  on_note: number;
  votes_left: number;
}

export interface RoundProgress {
  round_id: string;
  participants: { participant_id: string; name: string | null; votes_used: number; votes_left: number; done: boolean }[];
}

export interface NoteResult {
  note_id: string;
  text: string;
  votes: number;
  voters: string[];
}

// ---- the room: participants, what phones show, the timer, access (docs/api.md) ----

/** A participant as `list_participants` lists them. */
export interface ParticipantEntry extends Participant {
  /** Joined from a phone, rather than added by hand. */
  via_phone: boolean;
  removed: boolean;
}

export type TimerStatus = 'stopped' | 'running' | 'paused';

export interface Timer {
  status: TimerStatus;
  duration_seconds: number;
  /** Whole seconds left when the room was read. */
  remaining_seconds: number;
  /** RFC 3339, while running. */
  ends_at: string | null;
}

export interface Room {
  workshop_id: string;
  brainstorm_open: boolean;
  notes_hidden: boolean;
  rating_open: boolean;
  /** null: participants rate the stages as themselves, as customers. */
  rating_persona_id: string | null;
  timer: Timer;
}

export interface UpdateRoomInput {
  workshop_id: string;
  brainstorm_open?: boolean;
  notes_hidden?: boolean;
  rating_open?: boolean;
  rating_persona_id?: string | null;
}

export type TimerAction = 'start' | 'pause' | 'resume' | 'add_minute' | 'reset';

export interface SetTimerInput {
  workshop_id: string;
  action: TimerAction;
  /** For `start`: 1–86,400. */
  seconds?: number;
}

export interface AccessAddress {
  interface: string;
  ip: string;
}

/** Whether phones can join, and where: the host's participant listener. */
export interface Access {
  open: boolean;
  workshop_id: string | null;
  port: number | null;
  addresses: AccessAddress[];
  address: string | null;
  join_url: string | null;
  room_code: string | null;
  /** Shown only as an image (a data URI), never as markup. */
  qr_svg: string | null;
}

export interface OpenAccessInput {
  workshop_id: string;
  port?: number;
  address?: string;
}

// ---- backups and recovery (docs/api.md) ---------------------------------------

/** A whole copy of the library in the data folder's `backups/`. */
export interface Backup {
  /** e.g. `library-20261123T141000.123Z.db`: sorts by time. */
  name: string;
  /** RFC 3339. */
  created_at: string;
  bytes: number;
}

export interface RestoredBackup {
  restored: string;
  /** The backup of the state just replaced: restoring it undoes the restore. */
  safety_backup: string;
}

/** Desktop only: why the library could not be opened at start, and what can bring it back. */
export interface RecoveryStatus {
  problem: { code: string; message: string };
  library_path: string;
  backups: Backup[];
}

export type RecoverInput = { action: 'restore'; backup: string } | { action: 'start_fresh' };

export type OperationName = keyof Operations;

/** Every operation name at run time (checked against docs/api.md by a unit test). */
export const OPERATION_NAMES = [
  'list_workshops',
  'get_workshop',
  'create_workshop',
  'update_workshop',
  'duplicate_workshop',
  'trash_workshop',
  'restore_workshop',
  'delete_workshop',
  'list_templates',
  'app_info',
  'get_board',
  'create_notes',
  'update_notes',
  'delete_notes',
  'group_notes',
  'rename_cluster',
  'ungroup',
  'undo',
  'redo',
  'add_participant',
  'get_journey',
  'create_stage',
  'update_stage',
  'move_stage',
  'delete_stage',
  'create_persona',
  'update_persona',
  'move_persona',
  'duplicate_persona',
  'delete_persona',
  'set_persona_photo',
  'get_image',
  'set_emotion',
  'set_emotion_scale',
  'emotion_chart_svg',
  'export_workshop',
  'import_workshop',
  'merge_workshop',
  'export_report',
  'list_rounds',
  'create_round',
  'close_round',
  'reveal_round',
  'cast_vote',
  'retract_vote',
  'mark_done',
  'add_paper_votes',
  'round_progress',
  'round_results',
  'list_participants',
  'remove_participant',
  'get_room',
  'update_room',
  'set_timer',
  'participant_access',
  'open_participant_access',
  'close_participant_access',
  'open_presenter',
  'app_ready',
  'list_backups',
  'backup_now',
  'restore_backup',
  'recovery_status',
  'recover',
  'diagnostics',
  'save_export',
  'import_file',
  'open_exported',
  'show_exported',
] as const satisfies readonly OperationName[];

// Compile-time check that OPERATION_NAMES lists every key of Operations.
type AssertNever<T extends never> = T;
export type AllOperationsListed = AssertNever<Exclude<OperationName, (typeof OPERATION_NAMES)[number]>>;
export type Input<K extends OperationName> = Operations[K]['input'];
export type Output<K extends OperationName> = Operations[K]['output'];

// ---- errors ---------------------------------------------------------------

/** Error codes documented in docs/api.md, plus `network` (the UI's own: the server could not be reached). */
export const KNOWN_ERROR_CODES = [
  'invalid_input',
  'not_found',
  'in_trash',
  'not_in_trash',
  'nothing_to_undo',
  'unknown_operation',
  'database_too_new',
  'disk_full',
  'read_only',
  'library_damaged',
  'storage',
  'unauthorized',
  'forbidden',
  'payload_too_large',
  'budget_exhausted',
  'note_cap_reached',
  'round_closed',
  'round_still_open',
  'results_hidden',
  'not_in_round',
  'activity_closed',
  'port_in_use',
  'not_chosen',
  'not_exported',
  'network',
] as const;

export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

/** A failure reported by the backend (or the transport), as `{ code, message }`. */
export class ApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return (KNOWN_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * Turn anything a transport rejected with into an ApiError.
 * Tauri rejects with the command's error value (`{code, message}`), or with a plain
 * string for its own failures (unknown command, ACL denial).
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err && typeof err === 'object') {
    const rec = err as Record<string, unknown>;
    if (typeof rec.code === 'string') {
      const message = typeof rec.message === 'string' ? rec.message : rec.code;
      return new ApiError(rec.code, message);
    }
    if (err instanceof Error) return new ApiError('unknown', err.message);
  }
  if (typeof err === 'string') return new ApiError('unknown', err);
  return new ApiError('unknown', String(err));
}
