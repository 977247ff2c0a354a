// Limits of journey, persona and emotion fields (docs/api.md, "Journey, personas and emotions").
import type { Locale } from '../i18n/messages';
import { LIMITS, SUGGESTED_CHANNELS } from '../backend/types';

/** The backend's limits (generated from Rust), by the names this area uses: `stage_title`, `channels`… */
export const JOURNEY_LIMITS = LIMITS;

/** The suggested channels, in the UI language (a channel is free text: what is shown is stored). */
export function suggestedChannels(locale: Locale): readonly string[] {
  return locale === 'fi'
    ? ['verkko', 'mobiilisovellus', 'puhelin', 'chat', 'sähköposti', 'kasvokkain', 'some']
    : SUGGESTED_CHANNELS;
}

/** Adds a free-entry channel: trimmed, 1–40 characters, no duplicates (case-insensitive), at most 12. */
export function addChannel(channels: readonly string[], entry: string): string[] | null {
  const value = entry.trim().replace(/\s+/g, ' ');
  if (value === '' || [...value].length > JOURNEY_LIMITS.channel) return null;
  if (channels.some((c) => c.toLowerCase() === value.toLowerCase())) return null;
  if (channels.length >= JOURNEY_LIMITS.channels) return null;
  return [...channels, value];
}

export function toggleChannel(channels: readonly string[], channel: string): string[] | null {
  if (channels.includes(channel)) return channels.filter((c) => c !== channel);
  return addChannel(channels, channel);
}

/** Moves the item at `from` by `delta` places (clamped); returns a new array. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  const target = Math.max(0, Math.min(out.length - 1, to));
  if (from < 0 || from >= out.length || target === from) return out;
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item);
  return out;
}
