// A photo taken on the phone, scaled down before it travels: a phone camera's 12-megapixel
// JPEG is several megabytes, the laptop keeps at most 512 pixels of it, and the room's Wi-Fi
// is shared. So the page sends at most MAX_SIDE pixels on the long side as a JPEG.

/** The longest side the page sends. */
export const MAX_SIDE = 1600;
/** JPEG quality of what is sent: small, and plenty for a photo the laptop scales again. */
const QUALITY = 0.85;

/** The size to draw an image of `width` × `height` at: no side over `max`, never enlarged. */
export function scaledSize(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  const factor = Math.min(1, max / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * factor)), height: Math.max(1, Math.round(height * factor)) };
}

/** Reads an image file and returns it scaled down as a JPEG data URL; rejects what is not an image. */
export async function scalePhoto(file: Blob): Promise<string> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const size = scaledSize(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    return canvas.toDataURL('image/jpeg', QUALITY);
  } finally {
    bitmap.close();
  }
}
