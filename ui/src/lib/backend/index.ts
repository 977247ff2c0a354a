// The UI's entry to the backend: everything else imports only this module.
import type { Backend } from './backend';
import { HttpBackend } from './http';
import { IpcBackend } from './ipc';
import { takeToken } from './token';

export type { Backend, FileDropEvent, SubscribeOptions } from './backend';
export * from './types';

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function createBackend(): Backend {
  if ('__TAURI_INTERNALS__' in window) return new IpcBackend();
  const token = takeToken(window.location, window.history, safeSessionStorage());
  return new HttpBackend({ token: () => token });
}

export const backend: Backend = createBackend();
