// The ONLY module of the UI that imports @tauri-apps/*.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Backend, FileDropEvent, SubscribeOptions } from './backend';
import { toApiError, type Change, type OperationName, type Operations } from './types';

/** The Tauri event carrying every `Change` (docs/api.md, "Live changes"). */
export const CHANGE_EVENT = 'workshop-changed';

/** The shell's event for files dragged onto the main window (docs/api.md, "Desktop only"). */
export const FILE_DROP_EVENT = 'file-drop';

export class IpcBackend implements Backend {
  readonly transport = 'ipc' as const;

  async call<K extends OperationName>(op: K, input: Operations[K]['input']): Promise<Operations[K]['output']> {
    try {
      return await invoke<Operations[K]['output']>(op, { input });
    } catch (err) {
      throw toApiError(err);
    }
  }

  subscribe(listener: (change: Change) => void, options: SubscribeOptions = {}): () => void {
    return listenUntilStopped<Change>(CHANGE_EVENT, listener, options.onopen, 'live changes');
  }

  onFileDrop(listener: (event: FileDropEvent) => void): () => void {
    return listenUntilStopped<FileDropEvent>(FILE_DROP_EVENT, listener, undefined, 'dropped files');
  }
}

/**
 * `listen` resolves to its stop function asynchronously: a caller that stops before then
 * must still end up not listening.
 */
function listenUntilStopped<T>(name: string, listener: (payload: T) => void, onopen: (() => void) | undefined, what: string): () => void {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  listen<T>(name, (event) => listener(event.payload)).then(
    (stop) => {
      if (stopped) stop();
      else {
        unlisten = stop;
        onopen?.();
      }
    },
    (err: unknown) => console.error(`cannot listen for ${what}`, err),
  );
  return () => {
    stopped = true;
    unlisten?.();
    unlisten = null;
  };
}
