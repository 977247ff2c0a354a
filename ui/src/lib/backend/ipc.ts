// The ONLY module of the UI that imports @tauri-apps/*.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Backend, SubscribeOptions } from './backend';
import { toApiError, type Change, type OperationName, type Operations } from './types';

/** The Tauri event carrying every `Change` (docs/api.md, "Live changes"). */
export const CHANGE_EVENT = 'workshop-changed';

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
    let stopped = false;
    let unlisten: (() => void) | null = null;
    listen<Change>(CHANGE_EVENT, (event) => listener(event.payload)).then(
      (stop) => {
        if (stopped) stop();
        else {
          unlisten = stop;
          options.onopen?.();
        }
      },
      (err: unknown) => console.error('cannot listen for live changes', err),
    );
    return () => {
      stopped = true;
      unlisten?.();
      unlisten = null;
    };
  }
}
