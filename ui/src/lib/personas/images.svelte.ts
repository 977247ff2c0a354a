// Persona photos as data URLs (get_image), fetched once per image id and kept while the app runs.
import { call } from '../api';

const urls = $state<Record<string, string>>({});
const pending = new Set<string>();

/** The data URL of an image, or undefined while it loads (the caller re-renders when it arrives). */
export function imageUrl(workshopId: string, imageId: string): string | undefined {
  const url = urls[imageId];
  if (url !== undefined || pending.has(imageId)) return url;
  pending.add(imageId);
  call('get_image', { workshop_id: workshopId, id: imageId }).then(
    (image) => {
      urls[imageId] = image.data_url;
      pending.delete(imageId);
    },
    () => {
      // Missing image (e.g. removed meanwhile): the avatar falls back to initials.
      pending.delete(imageId);
    },
  );
  return undefined;
}
