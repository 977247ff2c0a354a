import type { OperationName, Operations } from './types';

/**
 * The one interface the UI talks to. Two implementations: IPC (desktop window) and
 * HTTP (the same UI opened from `fiilis serve`). Every method rejects with `ApiError`.
 */
export interface Backend {
  readonly transport: 'ipc' | 'http';
  call<K extends OperationName>(op: K, input: Operations[K]['input']): Promise<Operations[K]['output']>;
}
