// The library's order, as the facilitator last chose it (kept in this browser or window).
// Core does the ordering (list_workshops' `sort`); this only remembers the choice.
import type { WorkshopSort } from '../backend';

export const SORTS: readonly WorkshopSort[] = ['recent', 'title', 'date'];

const KEY = 'fiilis.library.sort';

export function storedSort(): WorkshopSort {
  try {
    const value = localStorage.getItem(KEY);
    return (SORTS as readonly string[]).includes(value ?? '') ? (value as WorkshopSort) : 'recent';
  } catch {
    return 'recent';
  }
}

export function keepSort(sort: WorkshopSort): void {
  try {
    localStorage.setItem(KEY, sort);
  } catch {
    // Storage disabled: the choice lasts until the page reloads.
  }
}
