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
} as const;

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
}

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
  'unknown_operation',
  'database_too_new',
  'storage',
  'unauthorized',
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
