// One toast at a time: a newer message replaces the older one (calm, and unambiguous for tests).
export interface ToastAction {
  label: string;
  testid?: string;
  run: () => void | Promise<void>;
}

export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: ToastAction;
}

let nextId = 1;
let timer: ReturnType<typeof setTimeout> | undefined;

export const toastState = $state<{ current: Toast | null }>({ current: null });

export function showToast(message: string, options: { kind?: 'info' | 'error'; action?: ToastAction; duration?: number } = {}): void {
  const toast: Toast = { id: nextId++, message, kind: options.kind ?? 'info', action: options.action };
  toastState.current = toast;
  if (timer !== undefined) clearTimeout(timer);
  const duration = options.duration ?? (options.action ? 10_000 : options.kind === 'error' ? 8_000 : 5_000);
  timer = setTimeout(() => dismissToast(toast.id), duration);
}

export function dismissToast(id?: number): void {
  if (id !== undefined && toastState.current?.id !== id) return;
  toastState.current = null;
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
}

/** Keep the toast up while the pointer or focus is on it. */
export function holdToast(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
}

export function releaseToast(delay = 4_000): void {
  const current = toastState.current;
  if (!current) return;
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(() => dismissToast(current.id), delay);
}
