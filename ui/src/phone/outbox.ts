// The outbox: every action a phone takes waits here, saved in localStorage, until the laptop
// acknowledges it. Each carries an id the phone made up, which the server uses to do it once,
// so sending again after a lost answer (Wi-Fi dropped, the phone slept) never counts twice.
// Items go out strictly in order (a vote before its retraction); a network failure stops the
// queue and keeps everything; a refusal (the server said no) drops that item and reports it.

import { ApiError } from './api';

export type ActionKind = 'note' | 'photo' | 'vote' | 'retract' | 'done' | 'rating' | 'answer';

export interface OutboxItem {
  /** Client-made id: the action's client_id where the API has one. */
  id: string;
  kind: ActionKind;
  path: string;
  body: Record<string, unknown>;
  /** Items with the same key replace each other while waiting (e.g. one rating per stage). */
  key?: string;
  at: number;
}

/** What localStorage offers, so tests can pass a Map-backed stand-in. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type FlushResult = 'empty' | 'offline' | 'unauthorized';

export interface OutboxOptions {
  storage: KeyValueStore;
  storageKey: string;
  send: (item: OutboxItem) => Promise<unknown>;
  onAck?: (item: OutboxItem, answer: unknown) => void;
  onRefused?: (item: OutboxItem, error: ApiError) => void;
  onChange?: (items: readonly OutboxItem[]) => void;
}

function isItem(value: unknown): value is OutboxItem {
  const item = value as OutboxItem;
  return (
    typeof item === 'object' &&
    item !== null &&
    typeof item.id === 'string' &&
    typeof item.kind === 'string' &&
    typeof item.path === 'string' &&
    typeof item.body === 'object' &&
    item.body !== null
  );
}

export class Outbox {
  #items: OutboxItem[];
  #inFlight: string | null = null;
  #flushing: Promise<FlushResult> | null = null;

  constructor(private readonly options: OutboxOptions) {
    this.#items = Outbox.load(options.storage, options.storageKey);
  }

  static load(storage: KeyValueStore, storageKey: string): OutboxItem[] {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(storageKey) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isItem) : [];
    } catch {
      return [];
    }
  }

  get items(): readonly OutboxItem[] {
    return this.#items;
  }

  get size(): number {
    return this.#items.length;
  }

  /** The id being sent right now, if any. */
  get inFlight(): string | null {
    return this.#inFlight;
  }

  has(id: string): boolean {
    return this.#items.some((item) => item.id === id);
  }

  /**
   * Queues an action; an id already waiting is ignored (returns false). A keyed item replaces
   * waiting items with the same key that are not on their way.
   */
  add(item: Omit<OutboxItem, 'at'> & { at?: number }): boolean {
    if (this.has(item.id)) return false;
    if (item.key !== undefined) {
      this.#items = this.#items.filter((other) => other.key !== item.key || other.id === this.#inFlight);
    }
    this.#items = [...this.#items, { ...item, at: item.at ?? Date.now() }];
    this.#save();
    return true;
  }

  /** Takes back an action that has not left yet; false if it is gone or on its way. */
  remove(id: string): boolean {
    if (id === this.#inFlight || !this.has(id)) return false;
    this.#items = this.#items.filter((item) => item.id !== id);
    this.#save();
    return true;
  }

  /** Sends everything waiting, in order (items added meanwhile too). Concurrent calls share one run. */
  flush(): Promise<FlushResult> {
    this.#flushing ??= this.#run().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  async #run(): Promise<FlushResult> {
    while (this.#items.length > 0) {
      const item = this.#items[0];
      this.#inFlight = item.id;
      this.options.onChange?.(this.#items);
      try {
        const answer = await this.options.send(item);
        this.#drop(item.id);
        this.options.onAck?.(item, answer);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return this.#stop('unauthorized');
        if (error instanceof ApiError && !error.retryable) {
          this.#drop(item.id);
          this.options.onRefused?.(item, error);
          continue;
        }
        return this.#stop('offline');
      }
    }
    this.#inFlight = null;
    this.options.onChange?.(this.#items);
    return 'empty';
  }

  #stop(result: FlushResult): FlushResult {
    this.#inFlight = null;
    this.options.onChange?.(this.#items);
    return result;
  }

  #drop(id: string) {
    this.#inFlight = null;
    this.#items = this.#items.filter((item) => item.id !== id);
    this.#save();
  }

  #save() {
    try {
      if (this.#items.length === 0) this.options.storage.removeItem(this.options.storageKey);
      else this.options.storage.setItem(this.options.storageKey, JSON.stringify(this.#items));
    } catch {
      // Storage full or forbidden (private mode): the queue still lives in memory.
    }
    this.options.onChange?.(this.#items);
  }
}
