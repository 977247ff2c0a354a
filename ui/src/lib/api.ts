// Shorthand used by components: `call('list_workshops', {})`, `subscribe(change => …)`.
import { backend, type Change, type Operations, type OperationName, type SubscribeOptions } from './backend';

export function call<K extends OperationName>(op: K, input: Operations[K]['input']): Promise<Operations[K]['output']> {
  return backend.call(op, input);
}

export function subscribe(listener: (change: Change) => void, options?: SubscribeOptions): () => void {
  return backend.subscribe(listener, options);
}
