// The Room area's questions to the room: the list with results (oldest first), kept live by
// the RoomStore's change stream, and the facilitator's actions on it (ask, close, delete,
// make notes of the answers). Errors are shown as toasts.
import { call } from '../api';
import type { Change, NewQuestion, QuestionResult } from '../backend';
import { errorMessage, t } from '../i18n/i18n.svelte';
import { showToast } from '../toasts.svelte';
import { coalesce } from '../voting/refresh';
import { cleanOptions, touchesQuestions } from './questions';

export class QuestionsStore {
  readonly workshopId: string;
  results = $state.raw<QuestionResult[]>([]);
  loaded = $state(false);
  busy = $state(false);
  readonly #refresh: () => Promise<void>;

  constructor(workshopId: string) {
    this.workshopId = workshopId;
    // Answers can come in many a second: one load at a time, and one more after it.
    this.#refresh = coalesce(
      async () => {
        this.results = await call('list_questions', { workshop_id: this.workshopId });
        this.loaded = true;
      },
      () => {
        // The next change or reconnect loads them again.
      },
    );
  }

  load(): Promise<void> {
    return this.#refresh();
  }

  /** Called with every change of the workshop. */
  onChange(change: Change): void {
    if (touchesQuestions(change)) void this.#refresh();
  }

  get open(): QuestionResult | null {
    return this.results.find((r) => r.question.status === 'open') ?? null;
  }

  /** The closed questions, newest first. */
  get earlier(): QuestionResult[] {
    return this.results.filter((r) => r.question.status !== 'open').reverse();
  }

  async ask(input: NewQuestion): Promise<boolean> {
    const prompt = input.prompt?.trim();
    const question: NewQuestion = {
      kind: input.kind,
      prompt: prompt ? prompt : null,
      stage_id: input.stage_id ?? null,
      ...(input.kind === 'poll' ? { options: cleanOptions(input.options ?? []) } : {}),
    };
    return this.#run(() => call('ask_question', { workshop_id: this.workshopId, ...question }));
  }

  close(id: string): Promise<boolean> {
    return this.#run(() => call('close_question', { workshop_id: this.workshopId, id }));
  }

  remove(id: string): Promise<boolean> {
    return this.#run(() => call('delete_question', { workshop_id: this.workshopId, id }));
  }

  async toNotes(id: string): Promise<boolean> {
    const done = await this.#run(() => call('answers_to_notes', { workshop_id: this.workshopId, id }));
    if (done) {
      showToast(t('question_to_notes_done'), {
        action: {
          label: t('undo'),
          testid: 'undo-answers-to-notes',
          run: async () => {
            try {
              await call('undo', { workshop_id: this.workshopId });
            } catch (err) {
              showToast(errorMessage(err), { kind: 'error' });
            }
          },
        },
      });
    }
    return done;
  }

  async #run(action: () => Promise<unknown>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    try {
      await action();
      await this.#refresh();
      return true;
    } catch (err) {
      showToast(errorMessage(err), { kind: 'error' });
      return false;
    } finally {
      this.busy = false;
    }
  }
}
