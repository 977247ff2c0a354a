// The ONLY module of the UI that imports @tauri-apps/*.
import { invoke } from '@tauri-apps/api/core';
import type { Backend } from './backend';
import { toApiError, type OperationName, type Operations } from './types';

export class IpcBackend implements Backend {
  readonly transport = 'ipc' as const;

  async call<K extends OperationName>(op: K, input: Operations[K]['input']): Promise<Operations[K]['output']> {
    try {
      return await invoke<Operations[K]['output']>(op, { input });
    } catch (err) {
      throw toApiError(err);
    }
  }
}
