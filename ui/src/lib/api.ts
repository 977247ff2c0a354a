// Shorthand used by components: `call('list_workshops', {})`.
import { backend, type Operations, type OperationName } from './backend';

export function call<K extends OperationName>(op: K, input: Operations[K]['input']): Promise<Operations[K]['output']> {
  return backend.call(op, input);
}
