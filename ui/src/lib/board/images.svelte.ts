// Photo notes' images as data URLs (get_image), fetched once per image id and kept while the
// board is open; the notes that show them re-render when one arrives.
import { call } from '../api';

export class ImageCache {
  readonly #workshopId: string;
  #urls = $state<Record<string, string>>({});
  #loads = new Set<string>();

  constructor(workshopId: string) {
    this.#workshopId = workshopId;
  }

  /** The data URL of an image, or undefined while it loads. */
  url(id: string): string | undefined {
    const url = this.#urls[id];
    if (url !== undefined || this.#loads.has(id)) return url;
    this.#loads.add(id);
    call('get_image', { workshop_id: this.#workshopId, id }).then(
      (image) => {
        this.#urls[id] = image.data_url;
      },
      () => {
        // Gone meanwhile (an undone photo note): the note shows its caption; asked again if it comes back.
        this.#loads.delete(id);
      },
    );
    return undefined;
  }
}
