// "Copy diagnostics" in a browser: the desktop app asks its shell (`diagnostics`), but a
// browser page can only say what `app_info` and the browser itself tell it. Plain text for a
// support message; it names no workshop and carries nothing participants wrote.
import type { AppInfo } from '../backend';

export interface BrowserFacts {
  userAgent: string;
  language: string;
  /** When the text was made (RFC 3339). */
  now: string;
}

export function browserDiagnostics(info: AppInfo, facts: BrowserFacts): string {
  return [
    `Fiilis ${info.version} (browser UI from fiilis serve)`,
    `Schema version: ${info.schema_version}`,
    `Library: ${info.database_path}`,
    `Browser: ${facts.userAgent}`,
    `UI language: ${facts.language}`,
    `Made at: ${facts.now}`,
  ].join('\n');
}
