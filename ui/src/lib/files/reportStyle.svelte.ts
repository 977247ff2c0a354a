// The library's report style (accent colour and logo) as the Report style dialog edits it:
// loaded once when the dialog opens, changed locally, saved whole. The backend checks the
// colour and the logo; the quick checks here only give a clear message before an upload.
import { call } from '../api';
import { ACCENT } from '../backend/generated';
import type { ReportStyle } from '../backend/types';
import { errorMessage } from '../i18n/i18n.svelte';
import { fileToBase64, photoRefusal } from '../personas/photo';

export class ReportStyleEditor {
  /** "#rrggbb" as the colour input gives it. */
  accent = $state<string>(ACCENT);
  /** A data URL, or null for no logo. */
  logo = $state<string | null>(null);
  loading = $state(true);
  saving = $state(false);
  problem = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      const style = await call('get_report_style', {});
      this.accent = style.accent ?? ACCENT;
      this.logo = style.logo;
    } catch (err) {
      this.problem = errorMessage(err);
    } finally {
      this.loading = false;
    }
  }

  /** Reads a chosen logo file; a file that is clearly no image is refused in words. */
  async chooseLogo(file: File): Promise<void> {
    const refusal = photoRefusal(file);
    if (refusal) {
      this.problem = refusal;
      return;
    }
    this.problem = null;
    this.logo = `data:${file.type || 'image/png'};base64,${await fileToBase64(file)}`;
  }

  resetAccent(): void {
    this.accent = ACCENT;
  }

  /** Saves the style; true when the backend took it. */
  async save(): Promise<boolean> {
    this.saving = true;
    this.problem = null;
    try {
      const accent = this.accent.toLowerCase() === ACCENT ? null : this.accent;
      const stored: ReportStyle = await call('set_report_style', { accent, logo: this.logo });
      this.logo = stored.logo;
      return true;
    } catch (err) {
      this.problem = errorMessage(err);
      return false;
    } finally {
      this.saving = false;
    }
  }
}
