// Types of the facilitator API (docs/api.md). The shapes come from the Rust types, in
// ./generated.ts (ts-rs: do not edit it); this module re-exports them and adds only what
// the UI needs on its own: run-time lists of the unions, the desktop shell's commands
// (the shell does not generate its types), a few UI names for generated types, and the
// ApiError the transports reject with.
import {
  ACCESS_OPERATIONS,
  CORE_OPERATIONS,
  DESKTOP_OPERATIONS,
  type AccessStatus,
  type AVATAR_COLOURS,
  type Backup,
  type Change,
  type ErrorCode,
  type ExportFormat,
  type GeneratedOperations,
  type InWorkshop,
  type InWorkshopItem,
  type Language,
  type NewRound,
  type NewWorkshop,
  type NoArgs,
  type NOTE_COLOURS,
  type NoteEdit,
  type PaperSize,
  type PersonaFields,
  type Progress,
  type Role,
  type RoomUpdate,
  type Scale,
  type Scope,
  type Section,
  type Stage,
  type TemplateId,
  type Variant,
  type WireError,
  type Workshop,
  type WorkshopChanges,
  type WorkshopRef,
} from './generated';

export * from './generated';

/** Compile-time: `true` when A and B are the same union. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

// ---- run-time lists of generated unions ---------------------------------------------
// TypeScript unions vanish at run time; these lists are checked against them.

export const LANGUAGES = ['en', 'fi'] as const satisfies readonly Language[];
export const TEMPLATE_IDS = ['blank', 'hotel', 'digital'] as const satisfies readonly TemplateId[];
export const PARTICIPANT_ROLES = ['customer', 'employee', 'stakeholder'] as const satisfies readonly Role[];
/** The message key naming a role, in the app's and the phone page's words alike. */
export const roleKey = (role: Role) => `role_${role}` as const;
export const EMOTION_VARIANTS = ['current', 'target'] as const satisfies readonly Variant[];
export const EMOTION_SCALES = ['-2..2', '-3..3', '1..10'] as const satisfies readonly Scale[];
export const SECTION_KINDS = ['text', 'list', 'slider', 'tags'] as const satisfies readonly Section['kind'][];

export type AllLanguagesListed = Assert<Same<(typeof LANGUAGES)[number], Language>>;
export type AllTemplatesListed = Assert<Same<(typeof TEMPLATE_IDS)[number], TemplateId>>;
export type AllRolesListed = Assert<Same<(typeof PARTICIPANT_ROLES)[number], Role>>;
export type AllVariantsListed = Assert<Same<(typeof EMOTION_VARIANTS)[number], Variant>>;
export type AllScalesListed = Assert<Same<(typeof EMOTION_SCALES)[number], Scale>>;
export type AllSectionKindsListed = Assert<Same<(typeof SECTION_KINDS)[number], Section['kind']>>;

// ---- the UI's names for generated types -------------------------------------------------

export type NoteColour = (typeof NOTE_COLOURS)[number];
export type AvatarColour = (typeof AVATAR_COLOURS)[number];
export type ParticipantRole = Role;
/** One stage (touchpoint) of the journey: `Workshop.stages` lists the same rows. */
export type JourneyStage = Stage;
export type PersonaSection = Section;
export type PersonaSectionKind = Section['kind'];
export type EmotionVariant = Variant;
export type EmotionScale = Scale;
export type RoundScope = Scope;
export type Paper = PaperSize;
export type Access = AccessStatus;
export type RoundProgress = Progress;
export type NotePatch = NoteEdit;
export type CreateWorkshopInput = NewWorkshop;
export type UpdateWorkshopInput = WorkshopChanges;
export type CreateRoundInput = InWorkshop<NewRound>;
export type UpdateRoomInput = InWorkshop<RoomUpdate>;
export type CreatePersonaInput = InWorkshop<PersonaFields>;
export type UpdatePersonaInput = InWorkshopItem<PersonaFields>;

// ---- UI-only constants --------------------------------------------------------------------

/** Suggested channels for personas and stages (free entry is allowed too). */
export const SUGGESTED_CHANNELS = ['web', 'mobile app', 'phone', 'chat', 'e-mail', 'in person', 'social media'] as const;

/** The board operations that make an undo step (the values of `Change.undo`/`redo`). */
export const BOARD_STEPS = ['create_notes', 'update_notes', 'delete_notes', 'group_notes', 'rename_cluster', 'ungroup'] as const;
export type BoardStep = (typeof BOARD_STEPS)[number];

// ---- the desktop shell's commands (docs/api.md, "Desktop only") ------------------------
// Answered by the Tauri shell, not core: their types are not generated, so they are said here.

/** `json` is the workshop file, `svg` the emotion chart of all personas. */
export interface SaveExportInput {
  workshop_id: string;
  format: ExportFormat | 'json' | 'svg';
  paper?: PaperSize;
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

/** Why the library could not be opened at start, and what can bring it back. */
export interface RecoveryStatus {
  problem: WireError;
  library_path: string;
  backups: Backup[];
}

export type RecoverInput = { action: 'restore'; backup: string } | { action: 'start_fresh' };

export interface DesktopOperations {
  open_presenter: { input: WorkshopRef; output: null };
  app_ready: { input: NoArgs; output: null };
  save_export: { input: SaveExportInput; output: SavedExport | null };
  import_file: { input: ImportFileInput; output: ImportedFile | null };
  open_exported: { input: { path: string }; output: null };
  show_exported: { input: { path: string }; output: null };
  diagnostics: { input: NoArgs; output: { text: string } };
  recovery_status: { input: NoArgs; output: RecoveryStatus | null };
  recover: { input: RecoverInput; output: null };
}

// Compile-time: DesktopOperations types exactly the shell's commands the Rust side lists.
export type DesktopOperationsListed = Assert<Same<keyof DesktopOperations, (typeof DESKTOP_OPERATIONS)[number]>>;

// ---- operations -----------------------------------------------------------------------

/** Every facilitator operation, keyed by its name in docs/api.md. */
export type Operations = GeneratedOperations & DesktopOperations;

export type OperationName = keyof Operations;

/** Every operation name at run time (checked against docs/api.md by a unit test). */
export const OPERATION_NAMES = [...CORE_OPERATIONS, ...ACCESS_OPERATIONS, ...DESKTOP_OPERATIONS] as const satisfies readonly OperationName[];

// Compile-time check that OPERATION_NAMES lists every key of Operations.
export type AllOperationsListed = Assert<Same<OperationName, (typeof OPERATION_NAMES)[number]>>;
export type Input<K extends OperationName> = Operations[K]['input'];
export type Output<K extends OperationName> = Operations[K]['output'];

// ---- errors ---------------------------------------------------------------------------

/** The backend's error codes, plus `network` (the UI's own: the server could not be reached). */
export type KnownErrorCode = ErrorCode | 'network';

// An object rather than a list, so the compiler checks it has every code and no other.
const KNOWN_ERROR_CODE_SET = {
  invalid_input: true,
  not_found: true,
  in_trash: true,
  not_in_trash: true,
  nothing_to_undo: true,
  unknown_operation: true,
  database_too_new: true,
  disk_full: true,
  read_only: true,
  library_damaged: true,
  storage: true,
  unauthorized: true,
  forbidden: true,
  payload_too_large: true,
  rate_limited: true,
  budget_exhausted: true,
  note_cap_reached: true,
  round_closed: true,
  round_still_open: true,
  results_hidden: true,
  not_in_round: true,
  activity_closed: true,
  note_face_down: true,
  port_in_use: true,
  hub_unreachable: true,
  pairing_refused: true,
  not_chosen: true,
  not_exported: true,
  network: true,
} as const satisfies Record<KnownErrorCode, true>;

/** Every known error code at run time. */
export const KNOWN_ERROR_CODES = Object.keys(KNOWN_ERROR_CODE_SET) as KnownErrorCode[];

/**
 * What `ApiError.code` may be: a known code; `unknown` for a failure that came without one
 * (or with one this UI does not know); `bad_response` for an answer that is not JSON; and
 * `http_<status>` for an HTTP failure without a structured body.
 */
export type ApiErrorCode = KnownErrorCode | 'unknown' | 'bad_response' | `http_${number}`;

/** A failure reported by the backend (or the transport), as `{ code, message }`. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return Object.prototype.hasOwnProperty.call(KNOWN_ERROR_CODE_SET, code);
}

/** A code as the backend sent it: a known one, else `unknown`. */
export function wireErrorCode(code: string): ApiErrorCode {
  return isKnownErrorCode(code) ? code : 'unknown';
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
      return new ApiError(wireErrorCode(rec.code), message);
    }
    if (err instanceof Error) return new ApiError('unknown', err.message);
  }
  if (typeof err === 'string') return new ApiError('unknown', err);
  return new ApiError('unknown', String(err));
}
