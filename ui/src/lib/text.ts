// People's text in a sentence of ours (pure, no imports: the phone page uses it too). A text
// holding a bidirectional control (an override such as U+202E, an embedding, an isolate, a
// direction mark) is wrapped in a first-strong isolate, FSI … PDI, so whatever direction it
// sets ends with it: the rest of a toast, a dialog title or a window title cannot be reordered
// by a name in it. Plain texts are left exactly as they are. Core does the same for the
// reports (core/src/text.rs). Elements showing people's text get the `user-text` class instead
// (theme.css), which isolates them in CSS.

const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Whether `text` changes the direction of the text around it. */
export const hasBidiControl = (text: string): boolean => BIDI_CONTROL.test(text);

/** `text`, in an isolate when it holds a bidirectional control. */
export const isolate = (text: string): string => (hasBidiControl(text) ? `\u2068${text}\u2069` : text);

/** Where a long word may break: invisible until the line breaks there, then a "-". */
export const SOFT_HYPHEN = '\u00ad';
