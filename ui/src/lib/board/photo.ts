// A photo chosen for a photo note: the file read as the data URL add_photo_note takes (the
// quick checks before sending it are personas/photo.ts's, as for every photo).

/** A file's contents as a data URL. */
export function readDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
