// A photo chosen for a photo note: the quick checks before sending it (core has the last word,
// it looks at the bytes) and the file read as the data URL add_photo_note takes.
import { t } from '../i18n/i18n.svelte';
import { PHOTO_MAX_BYTES, photoProblem } from '../personas/photo';

/** Why `file` cannot be sent as a photo, in words; null when it may. */
export function photoRefusal(file: { type: string; size: number; name: string }): string | null {
  const problem = photoProblem(file);
  if (!problem) return null;
  return problem === 'too_large' ? t('photo_too_large', { max: Math.round(PHOTO_MAX_BYTES / 1024 / 1024) }) : t('photo_not_image');
}

/** A file's contents as a data URL. */
export function readDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
