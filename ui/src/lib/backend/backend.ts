import type { Change, OperationName, Operations } from './types';

export interface SubscribeOptions {
  /**
   * Called each time the live stream is (re)connected. Changes made while it was down
   * are not replayed: a listener that cares reloads what it shows (e.g. `get_board`).
   */
  onopen?: () => void;
}

/**
 * The one interface the UI talks to. Two implementations: IPC (desktop window) and
 * HTTP (the same UI opened from `fiilis serve`). Every method rejects with `ApiError`.
 */
export interface Backend {
  readonly transport: 'ipc' | 'http';
  call<K extends OperationName>(op: K, input: Operations[K]['input']): Promise<Operations[K]['output']>;
  /**
   * Live changes of every workshop (the listener filters by `workshop_id`), as in
   * docs/api.md "Live changes". Returns the function that stops listening.
   */
  subscribe(listener: (change: Change) => void, options?: SubscribeOptions): () => void;
  /**
   * Desktop only: files dragged over and dropped on the window (the shell's `file-drop`
   * event). Returns the function that stops listening. The browser UI has no such event
   * (it reads HTML5 drops itself), so the HTTP backend lacks this method.
   */
  onFileDrop?(listener: (event: FileDropEvent) => void): () => void;
}

/** `paths` are filled on `enter` and `drop`. */
export interface FileDropEvent {
  kind: 'enter' | 'over' | 'leave' | 'drop';
  paths: string[];
}
