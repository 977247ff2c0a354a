// Export and import as actions the Export menu, the Import button and the drop layer share: one
// at a time (a second start while one runs does nothing), with what runs, what was saved and what
// went wrong as state that FilesLayer.svelte shows. The desktop saves through the shell's native
// dialogs (`save_export`, `import_file`); the browser downloads and reads files itself.
import { tick } from 'svelte';
import { call } from '../api';
import { ApiError, backend, type Change, type Paper, type Workshop } from '../backend';
import type { MessageKey } from '../i18n/en';
import { errorMessage, t, tn } from '../i18n/i18n.svelte';
import { focusInCard, libraryChanged } from '../library.svelte';
import { showToast } from '../toasts.svelte';
import { MAX_FILE_BYTES, baseName, countAdded, exportBlob, exportFileName, initialPaper, isWorkshopFileName, type ExportFormat } from './files';

/** Where a workshop file comes from: the desktop's open dialog, a path dropped on the window, or a browser File. */
export type FileSource = { kind: 'dialog' } | { kind: 'path'; path: string } | { kind: 'file'; file: File };

export interface Problem {
  title: string;
  message: string;
  /** The backend's own words about the file (e.g. "at notes[3]: missing field `text`"), shown as text. */
  detail: string | null;
}

export const filesState = $state<{
  busy: MessageKey | null;
  /** The last file the desktop saved; `path` opens it and shows its folder. */
  saved: { name: string; path: string } | null;
  problem: Problem | null;
}>({ busy: null, saved: null, problem: null });

const PAPER_KEY = 'fiilis.paper';

function storedPaper(): string | null {
  try {
    return localStorage.getItem(PAPER_KEY);
  } catch {
    return null;
  }
}

/** A4 until the facilitator picks Letter; the choice is kept for next time. */
export const paperChoice = $state<{ paper: Paper }>({ paper: initialPaper(storedPaper()) });

export function choosePaper(paper: Paper): void {
  paperChoice.paper = paper;
  try {
    localStorage.setItem(PAPER_KEY, paper);
  } catch {
    // storage disabled: the choice lasts for this session only
  }
}

export const isDesktop = backend.transport === 'ipc';

async function whileBusy<T>(label: MessageKey, work: () => Promise<T>): Promise<T | undefined> {
  if (filesState.busy) return undefined;
  filesState.busy = label;
  filesState.problem = null;
  try {
    return await work();
  } finally {
    filesState.busy = null;
  }
}

// ---- export -------------------------------------------------------------------

async function exportedText(workshop: Workshop, format: ExportFormat, paper: Paper): Promise<string> {
  const workshop_id = workshop.id;
  if (format === 'json') return `${JSON.stringify(await call('export_workshop', { workshop_id }), null, 2)}\n`;
  if (format === 'svg') return call('emotion_chart_svg', { workshop_id });
  if (format === 'pdf') return call('export_report', { workshop_id, format, paper });
  return call('export_report', { workshop_id, format });
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Exports `workshop` as `format`: the desktop asks where to save it, the browser downloads it. */
export async function exportWorkshop(workshop: Workshop, format: ExportFormat): Promise<void> {
  const paper = paperChoice.paper;
  try {
    await whileBusy(`files_progress_${format}`, async () => {
      if (isDesktop) {
        const saved = await call('save_export', format === 'pdf' ? { workshop_id: workshop.id, format, paper } : { workshop_id: workshop.id, format });
        if (saved) filesState.saved = { name: baseName(saved.path), path: saved.path };
        return;
      }
      const name = exportFileName(workshop.title, format);
      download(exportBlob(format, await exportedText(workshop, format, paper)), name);
      showToast(t('files_downloaded', { name }));
    });
  } catch (err) {
    filesState.problem = { title: t('files_error_export_title'), message: errorMessage(err), detail: null };
  }
}

export async function openSaved(which: 'open_exported' | 'show_exported'): Promise<void> {
  const saved = filesState.saved;
  if (!saved) return;
  try {
    await call(which, { path: saved.path });
  } catch (err) {
    showToast(errorMessage(err), { kind: 'error' });
  }
}

// ---- import and merge -----------------------------------------------------------

/** The name a message calls the file by ('' until the desktop's dialog has chosen one). */
function sourceName(source: FileSource): string {
  if (source.kind === 'file') return source.file.name;
  if (source.kind === 'path') return baseName(source.path);
  return '';
}

/** The text of a browser File, or a Problem saying why it is not a workshop file. */
async function readFile(file: File, title: string): Promise<string | Problem> {
  if (!isWorkshopFileName(file.name)) return { title, message: t('files_error_not_json', { name: file.name }), detail: null };
  if (file.size > MAX_FILE_BYTES) return { title, message: t('files_error_too_large', { name: file.name }), detail: null };
  try {
    return await file.text();
  } catch {
    return { title, message: t('files_error_unreadable'), detail: null };
  }
}

function problemOf(err: unknown, title: string): Problem {
  if (err instanceof ApiError && err.code === 'invalid_input') {
    return { title, message: t('files_error_invalid_file'), detail: err.message };
  }
  return { title, message: errorMessage(err), detail: null };
}

/** A message for a file that is no workshop file by its name, before anything is read. */
export function notWorkshopFile(name: string, merging: boolean): void {
  filesState.problem = { title: problemTitle(name, merging), message: t('files_error_not_json', { name }), detail: null };
}

export function tooManyFiles(): void {
  filesState.problem = { title: t('files_error_cannot_import'), message: t('files_error_many'), detail: null };
}

/** "Cannot import X.json", or without a name when the desktop's dialog chose it and failed. */
function problemTitle(name: string, merging: boolean): string {
  if (!name) return t(merging ? 'files_error_cannot_merge' : 'files_error_cannot_import');
  return t(merging ? 'files_error_merge_title' : 'files_error_import_title', { name });
}

/** Imports the file as a new workshop; resolves to it, or null when cancelled or refused (the problem is shown). */
export async function importAsNew(source: FileSource): Promise<Workshop | null> {
  const title = () => problemTitle(sourceName(source), false);
  if (source.kind === 'path' && !isWorkshopFileName(source.path)) {
    notWorkshopFile(baseName(source.path), false);
    return null;
  }
  try {
    const result = await whileBusy('files_progress_import', async () => {
      if (source.kind === 'file') {
        const text = await readFile(source.file, title());
        if (typeof text !== 'string') {
          filesState.problem = text;
          return null;
        }
        return call('import_workshop', { text });
      }
      const imported = await call('import_file', source.kind === 'path' ? { path: source.path } : {});
      return imported?.workshop ?? null;
    });
    return result ?? null;
  } catch (err) {
    filesState.problem = problemOf(err, title());
    return null;
  }
}

/** Merges the file into `workshop`; resolves to the change, or null when cancelled or refused. */
export async function mergeInto(workshop: Workshop, source: FileSource): Promise<{ change: Change; name: string } | null> {
  let name = sourceName(source);
  const title = () => problemTitle(name, true);
  if (source.kind === 'path' && !isWorkshopFileName(source.path)) {
    notWorkshopFile(name, true);
    return null;
  }
  try {
    const result = await whileBusy('files_progress_merge', async () => {
      if (source.kind === 'file') {
        const text = await readFile(source.file, title());
        if (typeof text !== 'string') {
          filesState.problem = text;
          return null;
        }
        return call('merge_workshop', { workshop_id: workshop.id, text });
      }
      const merged = await call('import_file', source.kind === 'path' ? { path: source.path, merge_into: workshop.id } : { merge_into: workshop.id });
      if (merged) name = baseName(merged.path);
      return merged?.change ?? null;
    });
    if (!result) return null;
    announceMerged(name, result);
    return { change: result, name };
  } catch (err) {
    filesState.problem = problemOf(err, title());
    return null;
  }
}

function announceMerged(name: string, change: Change): void {
  const { total } = countAdded(change);
  showToast(total === 0 ? t('files_merged_none', { name }) : tn('files_merged', total, { name }));
}

/** Waits (a few frames at most) for the library to list the workshop, then puts focus on it. */
async function focusWhenListed(id: string): Promise<void> {
  for (let frame = 0; frame < 120; frame++) {
    await tick();
    if (focusInCard(id)) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/**
 * After an import: on the library screen (`onopen` given) the new workshop is listed and
 * focused, with a way to open it; inside a workshop the toast says it went to the library.
 */
export function announceImported(workshop: Workshop, screen: { onopen?: (id: string) => void; onlibrary?: () => void }): void {
  libraryChanged();
  const { onopen, onlibrary } = screen;
  if (onopen) {
    void focusWhenListed(workshop.id);
    showToast(t('files_imported', { title: workshop.title }), {
      action: { label: t('files_open'), testid: 'open-imported', run: () => onopen(workshop.id) },
    });
  } else {
    showToast(t('files_imported_elsewhere', { title: workshop.title }), {
      action: onlibrary ? { label: t('files_go_to_library'), testid: 'go-to-library', run: onlibrary } : undefined,
    });
  }
}
