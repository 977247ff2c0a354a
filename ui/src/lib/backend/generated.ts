// Generated from the Rust types by the server crate's `typescript` test: do not edit.
// Run `FIILIS_BLESS=1 cargo test -p fiilis-server --test typescript` after changing
// a type the API takes or returns.

/**
 * Where participant access stands, as the UIs show it.
 */
export type AccessStatus = { open: boolean, workshop_id: string | null, port: number | null, 
/**
 * Every address phones might use; the UI offers a choice when there are several.
 */
addresses: Array<LanAddress>, 
/**
 * The address the join URL and QR code use.
 */
address: string | null, join_url: string | null, room_code: string | null, 
/**
 * The join URL as a QR code, an SVG document (shown as an image, never as markup).
 */
qr_svg: string | null, };

export type AddFeeling = { workshop_id: string, word: string, positive: boolean, };

export type AddParticipant = { workshop_id: string, name?: string | null, role?: Role, };

/**
 * One participant's answer, as stored: a score (NPS, CSAT, CES), an option's index (poll)
 * or a few words (open).
 */
export type Answer = { id: string, workshop_id: string, question_id: string, participant_id: string, score: number | null, text: string | null, created_at: string, updated_at: string, };

/**
 * A phone's answer: `score` for NPS, CSAT, CES and polls (the option's index), `text`
 * for an open question.
 */
export type AnswerInput = { question_id: string, score?: number | null, text?: string | null, };

/**
 * What `app_info` tells: the version, where the library is, and its schema.
 */
export type AppInfo = { version: string, database_path: string, schema_version: number, };

/**
 * A backup on disk.
 */
export type Backup = { 
/**
 * The file name, by which the UIs ask for a restore.
 */
name: string, 
/**
 * When it was made (RFC 3339), read from its name.
 */
created_at: string, bytes: number, };

export type BackupName = { name: string, };

/**
 * Everything the board screen shows.
 */
export type Board = { workshop_id: string, revision: number, notes: Array<Note>, clusters: Array<Cluster>, participants: Array<Participant>, 
/**
 * The face-down notes per writer, most first.
 */
face_down: Array<FaceDown>, 
/**
 * The votes shown on the notes: the latest revealed round's.
 */
votes: BoardVotes | null, undo: string | null, redo: string | null, };

/**
 * The votes the board shows on its notes once a round is revealed.
 */
export type BoardVotes = { round_id: string, title: string, 
/**
 * (note id, votes) of the notes that got any.
 */
counts: Array<[string, number]>, };

export type ById = { id: string, };

export type CastVote = { workshop_id: string, round_id: string, participant_id: string, note_id: string, client_id: string, };

/**
 * What one step changed in a workshop, as returned to the caller and broadcast to watchers.
 */
export type Change = { workshop_id: string, revision: number, 
/**
 * Each table's rows as they now are (declared per table in the generated TypeScript).
 */
upserted: ChangedRows, 
/**
 * Each table's ids of the rows removed.
 */
deleted: ChangedIds, undo: string | null, redo: string | null, 
/**
 * True when the workshop changed in a way this change does not list (another process
 * wrote to the library): whoever shows it should load it again.
 */
reload: boolean, };

export type ChangedIds = { [table in keyof ChangedRows]: Array<string> };

export type ChangedRows = { journey_settings: Array<JsonValue>, feelings: Array<OwnFeeling>, stages: Array<Stage>, participants: Array<Participant>, personas: Array<Persona>, lanes: Array<Lane>, lane_cells: Array<LaneCell>, clusters: Array<Cluster>, notes: Array<Note>, emotions: Array<EmotionPoint>, ratings: Array<Rating>, stage_figures: Array<StageFigure>, questions: Array<Question>, answers: Array<Answer>, voting_rounds: Array<VotingRound>, votes: Array<Vote>, round_done: Array<RoundDone>, room: Array<JsonValue> };

/**
 * A change of channel between two neighbouring stages: the next stage has channels, none
 * of which the one before used.
 */
export type ChannelSwitch = { from_stage_id: string, to_stage_id: string, from: Array<string>, to: Array<string>, };

export type ChartArgs = { workshop_id: string, persona_ids?: Array<string>, };

/**
 * One word of a word cloud: the form people wrote most often, and how many answers used
 * the word in any of its inflections.
 */
export type CloudWord = { word: string, count: number, };

/**
 * A section of the board: a titled frame whose notes core keeps in a tidy grid (see
 * [`crate::sections`]). `width` and `height` are the frame's, kept in step by core.
 */
export type Cluster = { id: string, workshop_id: string, title: string, created_at: string, updated_at: string, x: number, y: number, width: number, height: number, columns: number, collapsed: boolean, };

/**
 * One thing a sync overwrote.
 */
export type Conflict = { id: number, table: string, row_id: string, 
/**
 * The columns as they were here and were lost (the whole row when it was deleted).
 */
lost: Record<string, unknown>, 
/**
 * The same columns as they are kept (empty when the row was deleted).
 */
kept: Record<string, unknown>, at: string, restored: boolean, };

export type ConflictRef = { workshop_id: string, id: number, };

export type CreateStage = { workshop_id: string, title: string, position?: number, };

export type DeleteNotes = { workshop_id: string, ids: Array<string>, };

export type DoneRequest = { round_id: string, };

export type DuplicateArgs = { id: string, title?: string, };

/**
 * The arguments of `set_emotion`; a `score` of none removes the point.
 */
export type EmotionInput = { persona_id: string, stage_id: string, variant: Variant, score?: number | null, note?: string | null, };

export type EmotionPoint = { id: string, workshop_id: string, persona_id: string, stage_id: string, variant: Variant, score: number, note: string, updated_at: string, };

/**
 * Every error code any front end may see, core's and the transports' alike. The UIs
 * get them as a TypeScript union generated from this enum, so a comparison with a code
 * that does not exist fails to compile.
 */
export type ErrorCode = "invalid_input" | "not_found" | "in_trash" | "not_in_trash" | "nothing_to_undo" | "unknown_operation" | "database_too_new" | "disk_full" | "read_only" | "library_damaged" | "storage" | "unauthorized" | "forbidden" | "payload_too_large" | "rate_limited" | "budget_exhausted" | "note_cap_reached" | "round_closed" | "round_still_open" | "results_hidden" | "not_in_round" | "activity_closed" | "note_face_down" | "port_in_use" | "hub_unreachable" | "pairing_refused" | "not_chosen" | "not_exported";

/**
 * The report formats over IPC and HTTP: the text ones, and the PDF and the Markdown zip as
 * base64; and a synced workshop's changes file, which a browser downloads from here (the
 * desktop saves it with `save_export`).
 */
export type ExportFormat = "html" | "md" | "csv" | "pdf" | "changes";

/**
 * How many notes of one writer lie face down (their author is told only to the facilitator's
 * room controls; the board shows the counts without names).
 */
export type FaceDown = { author_id: string | null, count: number, };

/**
 * One word of a workshop's vocabulary, in its language.
 */
export type Feeling = { 
/**
 * What stages and ratings store: a built-in key or the id of the workshop's own word.
 */
key: string, word: string, positive: boolean, 
/**
 * One the facilitator added (and may remove).
 */
own: boolean, };

/**
 * How many times participants picked a feeling at a stage.
 */
export type FeltCount = { key: string, count: number, };

/**
 * The standard figure of a scored question, with what it rests on.
 */
export type Figure = { kind: QuestionKind, 
/**
 * NPS (−100..100), CSAT (% satisfied) or CES (mean), rounded to one decimal.
 */
value: number, 
/**
 * How many answers.
 */
n: number, 
/**
 * NPS: the shares of promoters, passives and detractors in %; CSAT: the satisfied and
 * the other shares; CES: none.
 */
shares: Array<number>, 
/**
 * Fewer than [`SMALL_N`] answers.
 */
small_n: boolean, };

/**
 * The arguments of `set_stage_figure`: a new figure, or (with `id`) a change to one.
 */
export type FigureInput = { id?: string | null, stage_id: string, kind: QuestionKind, value: number, n: number, source?: string, };

export type FileImage = { id: string, mime: string, data_base64: string, };

export type FileWorkshop = { id: string, title: string, date: string | null, goal: string, facilitator: string, language: Language, template: TemplateId, emotion_scale: Scale, created_at: string, updated_at: string, };

export type GroupNotes = { workshop_id: string, title: string, note_ids: Array<string>, };

/**
 * What a hub shows other laptops: the pairing address (QR code) and the short code to type
 * instead of the secret at its end.
 */
export type Hosting = { workshop_id: string, 
/**
 * The hub's address, `/sync/`, the workshop and `#` with the secret: what a satellite
 * joins with.
 */
url: string, code: string, 
/**
 * The pairing address as a QR code, an SVG document (shown as an image, never as markup).
 */
qr_svg: string, };

/**
 * Texts to show with soft hyphens in their long words (see [`crate::hyphenation`]).
 */
export type HyphenateArgs = { language: Language, texts: Array<string>, };

export type Image = { id: string, mime: string, width: number, height: number, data_url: string, };

export type ImportFile = { text: string, };

/**
 * What applying a changes file did.
 */
export type ImportedChanges = { workshop_id: string, 
/**
 * How many of its changes were new here.
 */
applied: number, };

/**
 * `workshop_id` beside the fields of a core type. serde cannot both flatten a struct and
 * refuse unknown fields, so the id is taken out first and the rest is read as `T`, which
 * refuses what it does not know.
 */
export type InWorkshop<T> = { workshop_id: string, } & T;

/**
 * `workshop_id` and the `id` of one of its items beside the fields of a core type; read as
 * [`InWorkshop`] is.
 */
export type InWorkshopItem<T> = { workshop_id: string, id: string, } & T;

/**
 * The arguments of `join_hub`.
 */
export type JoinHub = { 
/**
 * The hub's pairing address, with its secret or short code after `#`.
 */
url: string, };

export type JoinRequest = { room: string, name?: string | null, role?: Role, };

/**
 * Everything the journey screen shows.
 */
export type Journey = { workshop_id: string, revision: number, scale: Scale, stages: Array<Stage>, personas: Array<Persona>, emotions: Array<EmotionPoint>, ratings: Array<RatingSummary>, 
/**
 * The map's lanes, top to bottom, and the cells of its text and image lanes.
 */
lanes: Array<Lane>, cells: Array<LaneCell>, 
/**
 * The feelings vocabulary in the workshop's language, its own words last.
 */
feelings: Array<Feeling>, 
/**
 * Per stage, the designed feelings beside those felt (stages with neither left out).
 */
stage_feelings: Array<StageFeelings>, 
/**
 * Figures typed in from surveys outside the room.
 */
figures: Array<StageFigure>, 
/**
 * The questions asked from the room, with their results.
 */
questions: Array<QuestionResult>, 
/**
 * Where the customer changes channel between one stage and the next.
 */
switches: Array<ChannelSwitch>, undo: string | null, redo: string | null, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

/**
 * One address of this computer that phones on the same network may reach.
 */
export type LanAddress = { 
/**
 * The network interface's name, e.g. `wlan0`, so the facilitator can tell Wi-Fi from
 * a cable or a VPN.
 */
interface: string, ip: string, };

/**
 * One lane of the journey map.
 */
export type Lane = { id: string, workshop_id: string, position: number, kind: LaneKind, title: string, };

/**
 * What a text or image lane holds at one stage.
 */
export type LaneCell = { id: string, workshop_id: string, lane_id: string, stage_id: string, text: string, image_id: string | null, created_at: string, };

export type LaneImage = { workshop_id: string, lane_id: string, stage_id: string, image_base64: string | null, };

/**
 * What a lane of the journey map shows per stage. The first five show the stage's own
 * fields (and notes); `text` and `images` hold a cell of the lane's own per stage;
 * `metrics` and `feelings` show what was measured and felt.
 */
export type LaneKind = "touchpoint" | "channels" | "pain_points" | "opportunities" | "notes" | "text" | "metrics" | "feelings" | "images";

export type LaneText = { workshop_id: string, lane_id: string, stage_id: string, text: string, };

/**
 * The languages Fiilis speaks. A workshop has one; its template text follows it.
 */
export type Language = "en" | "fi";

/**
 * What the Room area's "Laptops" shows of a workshop: this laptop, its link to others (if
 * the workshop is synced), and what syncing overwrote here.
 */
export type Laptops = { site: string, link: Link | null, 
/**
 * On a hub, the satellites it has heard from, most recent first.
 */
peers: Array<Peer>, conflicts: Array<Conflict>, };

/**
 * A workshop this laptop syncs, as the Room area lists it.
 */
export type Link = { workshop_id: string, role: SyncRole, 
/**
 * The hub's address, on a satellite.
 */
hub_url: string | null, 
/**
 * When another laptop was last heard from about this workshop.
 */
contact_at: string | null, 
/**
 * This laptop's changes the hub has not yet confirmed (on a satellite).
 */
queued: number, };

export type MarkDone = { workshop_id: string, round_id: string, participant_id: string, };

export type MergeFile = { workshop_id: string, text: string, };

export type MoveTo = { workshop_id: string, id: string, position: number, };

/**
 * One of a participant's own ratings.
 */
export type MyRating = { stage_id: string, persona_id: string | null, variant: Variant, score: number, feelings: Array<string>, };

/**
 * The arguments of `add_lane`.
 */
export type NewLane = { kind: LaneKind, 
/**
 * The kind's name in the workshop's language when absent.
 */
title?: string | null, 
/**
 * Where it goes (default: last).
 */
position?: number | null, };

/**
 * One note to create.
 */
export type NewNote = { text: string, colour?: string, x: number, y: number, cluster_id?: string | null, stage_id?: string | null, persona_id?: string | null, author_id?: string | null, };

/**
 * A photo to put on the board as a note.
 */
export type NewPhotoNote = { 
/**
 * A PNG, JPEG or WebP file as base64 or a data URL.
 */
image_base64: string, x: number, y: number, text?: string | null, cluster_id?: string | null, };

/**
 * The arguments of `ask_question`.
 */
export type NewQuestion = { kind: QuestionKind, 
/**
 * The standard wording in the workshop's language when absent.
 */
prompt?: string | null, stage_id?: string | null, 
/**
 * A poll's options (2–8); none for the other kinds.
 */
options?: Array<string>, };

/**
 * The arguments of `create_round`.
 */
export type NewRound = { title?: string | null, votes_per_participant?: number, max_per_note?: number, anonymous?: boolean, scope?: Scope, scope_id?: string | null, 
/**
 * Closes the round by itself after this many seconds.
 */
duration_seconds?: number | null, };

/**
 * The arguments of `create_workshop`.
 */
export type NewWorkshop = { title: string, date?: string | null, goal?: string, facilitator?: string, language?: Language, template?: TemplateId, };

export type NoArgs = Record<symbol, never>;

export type Note = { id: string, workshop_id: string, text: string, colour: string, x: number, y: number, cluster_id: string | null, stage_id: string | null, persona_id: string | null, author_id: string | null, created_at: string, updated_at: string, 
/**
 * Face down: written on a phone while notes were hidden and not revealed yet. Its text
 * and author are shown to nobody but its writer until then (see [`crate::rows::face_down`]).
 */
hidden: boolean, 
/**
 * A photo on the note (a paper sticky or a flip chart photographed, say): an image of
 * the workshop, fetched with `get_image`. The text is then its caption.
 */
image_id: string | null, 
/**
 * The note's own size while loose (in a section it takes the section's standard cell).
 */
width: number, height: number, text_size: TextSize, };

/**
 * Changes to one note: absent fields stay, `null` clears a reference.
 */
export type NoteEdit = { id: string, text?: string | null, colour?: string | null, x?: number | null, y?: number | null, cluster_id?: string | null, stage_id?: string | null, persona_id?: string | null, author_id?: string | null, width?: number | null, height?: number | null, text_size?: TextSize | null, };

/**
 * One note's result in a round.
 */
export type NoteResult = { note_id: string, text: string, votes: number, 
/**
 * 1 for the most votes; notes with equal votes share a rank and the next rank skips
 * ("1, 2, 2, 4"). The one ranking rule: phones, presenter, app and reports show it.
 */
rank: number, 
/**
 * Another note shares this rank (shown as "=2").
 */
tied: boolean, 
/**
 * Who voted, for named rounds only; never for anonymous ones.
 */
voters: Array<string>, };

export type Notes<T> = { workshop_id: string, notes: Array<T>, };

/**
 * The arguments of `open_participant_access`.
 */
export type OpenAccess = { workshop_id: string, 
/**
 * The port to listen on; absent: [`DEFAULT_PORT`], or any free one if that is taken.
 */
port?: number, 
/**
 * Which of this computer's addresses the QR code shows; absent: the first LAN address.
 */
address?: string, };

/**
 * A word the facilitator added to a workshop's vocabulary, as stored.
 */
export type OwnFeeling = { id: string, workshop_id: string, word: string, positive: boolean, created_at: string, };

/**
 * The page size of a PDF report.
 */
export type PaperSize = "a4" | "letter";

export type PaperVotes = { workshop_id: string, round_id: string, note_id: string, count: number, };

export type Participant = { id: string, workshop_id: string, name: string | null, role: Role, created_at: string, 
/**
 * When the facilitator removed them (or they left from their phone).
 */
removed_at: string | null, };

/**
 * A participant as the facilitator's list shows them.
 */
export type ParticipantEntry = { 
/**
 * Joined from a phone (rather than added by hand or in pass-the-laptop voting).
 */
via_phone: boolean, removed: boolean, 
/**
 * How many of their notes lie face down (written while notes were hidden, not revealed).
 */
face_down: number, id: string, workshop_id: string, name: string | null, role: Role, created_at: string, 
/**
 * When the facilitator removed them (or they left from their phone).
 */
removed_at: string | null, };

export type ParticipantProgress = { participant_id: string, name: string | null, votes_used: number, votes_left: number, done: boolean, };

/**
 * A satellite as its hub knows it.
 */
export type Peer = { site: string, 
/**
 * When it last pulled or pushed.
 */
contact_at: string, 
/**
 * Changes in the hub's log it has not pulled yet (its own left out).
 */
behind: number, };

export type Persona = { id: string, workshop_id: string, position: number, name: string, photo_id: string | null, avatar_colour: string, age: string, occupation: string, quote: string, background: string, goals: string, needs: string, pains: string, expectations: string, channels: Array<string>, sections: Array<Section>, created_at: string, updated_at: string, };

/**
 * The fields of a persona a caller may set; absent ones stay (or start empty).
 */
export type PersonaFields = { name?: string | null, avatar_colour?: string | null, age?: string | null, occupation?: string | null, quote?: string | null, background?: string | null, goals?: string | null, needs?: string | null, pains?: string | null, expectations?: string | null, channels?: Array<string> | null, sections?: Array<Section> | null, };

/**
 * A note written on a phone.
 */
export type PhoneNote = { client_id: string, text: string, colour?: string | null, };

/**
 * A note as a phone sees it: its text, colour and section, never who wrote it.
 */
export type PhoneNoteView = { id: string, text: string, colour: string, 
/**
 * The title of the board section it is in, if any: phones list a round's notes by
 * section, in board order.
 */
section: string | null, };

/**
 * A photo taken on a phone, with an optional caption.
 */
export type PhonePhoto = { client_id: string, 
/**
 * A PNG, JPEG or WebP file as base64 or a data URL; phones scale it down before sending.
 */
image_base64: string, text?: string | null, };

/**
 * The open question as one participant sees it.
 */
export type PhoneQuestion = { 
/**
 * This participant's answer so far: a score or option index, or words.
 */
my_score: number | null, my_text: string | null, id: string, kind: QuestionKind, prompt: string, options: Array<string>, };

/**
 * The open (or last) voting round as one participant sees it.
 */
export type PhoneRound = { votes_left: number, done: boolean, 
/**
 * This participant's own votes: (note id, client id).
 */
my_votes: Array<[string, string]>, id: string, title: string, status: RoundStatus, closes_at: string | null, votes_per_participant: number, max_per_note: number, 
/**
 * The notes that may be voted on.
 */
notes: Array<PhoneNoteView>, 
/**
 * Present only once the facilitator has revealed them.
 */
results: Array<NoteResult> | null, };

/**
 * What every phone is shown alike: the part of [`PhoneState`] that is the same on every
 * phone. The event stream sends it when it changes; a phone puts it in place of its own copy
 * and asks for its whole view only when its round or question is another one now.
 */
export type PhoneShared = { round: RoundShown | null, question: QuestionShown | null, workshop_title: string, language: Language, stages: Array<[string, string]>, personas: Array<[string, string]>, scale: Scale, 
/**
 * What the facilitator has opened, and the timer.
 */
room: Room, 
/**
 * The words a participant may pick for how a stage felt.
 */
feelings: Array<Feeling>, };

/**
 * Everything a phone shows, and nothing it should not.
 */
export type PhoneState = { participant_id: string, name: string | null, round: PhoneRound | null, 
/**
 * The notes this participant wrote, oldest first.
 */
my_notes: Array<PhoneNoteView>, 
/**
 * This participant's own ratings.
 */
my_ratings: Array<MyRating>, 
/**
 * The question the room is asked right now, with this participant's answer.
 */
question: PhoneQuestion | null, workshop_title: string, language: Language, stages: Array<[string, string]>, personas: Array<[string, string]>, scale: Scale, 
/**
 * What the facilitator has opened, and the timer.
 */
room: Room, 
/**
 * The words a participant may pick for how a stage felt.
 */
feelings: Array<Feeling>, };

/**
 * How a round is going, without a hint of what anyone voted for.
 */
export type Progress = { round_id: string, participants: Array<ParticipantProgress>, };

/**
 * A question as stored.
 */
export type Question = { id: string, workshop_id: string, kind: QuestionKind, prompt: string, 
/**
 * The stage it asks about, or none for the whole service.
 */
stage_id: string | null, 
/**
 * A poll's options (empty for the other kinds).
 */
options: Array<string>, status: QuestionStatus, created_at: string, };

/**
 * What a question asks for.
 */
export type QuestionKind = "nps" | "csat" | "ces" | "open" | "poll";

/**
 * A question with what its answers add up to, as the facilitator and the presenter see it.
 */
export type QuestionResult = { question: Question, n: number, 
/**
 * NPS, CSAT or CES by the standard formula; none without answers or for open and polls.
 */
figure: Figure | null, 
/**
 * Answers per score (lowest first) or per poll option.
 */
counts: Array<number>, 
/**
 * The open answers' words, inflections folded.
 */
words: Array<CloudWord>, 
/**
 * The open answers themselves, oldest first.
 */
texts: Array<string>, };

/**
 * The question the room is asked right now, as every phone sees it.
 */
export type QuestionShown = { id: string, kind: QuestionKind, prompt: string, options: Array<string>, };

export type QuestionStatus = "open" | "closed";

/**
 * How many of a round's best notes to copy into a "Top ideas" section.
 */
export type RankingToSection = { workshop_id: string, round_id: string, top: number, };

/**
 * One participant's own rating of a stage; `persona_id` none means "as myself".
 */
export type Rating = { id: string, workshop_id: string, participant_id: string, persona_id: string | null, stage_id: string, variant: Variant, score: number, 
/**
 * What the participant felt there: up to two keys of the feelings vocabulary (only
 * with a rating of the current experience).
 */
feelings: Array<string>, created_at: string, updated_at: string, };

/**
 * A participant's rating of a stage, as a phone sends it.
 */
export type RatingInput = { 
/**
 * Whom the stage is rated as: a persona, or (none) the participant as a customer.
 */
persona_id?: string | null, stage_id: string, variant: Variant, score: number, 
/**
 * Keys of the feelings vocabulary: what was felt there (at most two).
 */
feelings?: Array<string>, };

/**
 * The participants' ratings of one (persona, stage, variant), aggregated.
 */
export type RatingSummary = { persona_id: string | null, stage_id: string, variant: Variant, count: number, mean: number, median: number, min: number, max: number, 
/**
 * The population standard deviation.
 */
stddev: number, };

/**
 * What a participant is told after voting (or retrying): their own standing, never others'.
 */
export type Receipt = { round_id: string, note_id: string, 
/**
 * How many of the participant's votes are on this note now.
 */
on_note: number, votes_left: number, };

/**
 * A new name for one item (a group of notes, a lane).
 */
export type Rename = { workshop_id: string, id: string, title: string, };

export type ReportArgs = { workshop_id: string, format: ExportFormat, paper?: PaperSize, };

/**
 * How reports look; `None` means the app's own accent ([`crate::palette::ACCENT`]) and no
 * logo.
 */
export type ReportStyle = { 
/**
 * "#rrggbb".
 */
accent: string | null, 
/**
 * The logo as a data URL (PNG or JPEG); set as base64 or a data URL of PNG, JPEG or WebP.
 */
logo: string | null, };

/**
 * What a restore into the running app did.
 */
export type Restored = { 
/**
 * The backup whose content is now the library.
 */
restored: string, 
/**
 * The backup of the library as it was just before, to undo the restore with.
 */
safety_backup: string, };

export type RetractRequest = { round_id: string, client_id: string, };

export type RetractVote = { workshop_id: string, round_id: string, participant_id: string, client_id: string, };

/**
 * Whose face-down notes to turn over: one writer's, or (absent or null) everyone's.
 */
export type RevealNotes = { workshop_id: string, author_id?: string | null, };

export type Role = "customer" | "employee" | "stakeholder";

export type Room = { workshop_id: string, 
/**
 * Phones may write notes.
 */
brainstorm_open: boolean, 
/**
 * Notes written on phones are shown face down on shared screens until revealed.
 */
notes_hidden: boolean, 
/**
 * Phones may rate the journey's stages.
 */
rating_open: boolean, 
/**
 * Whom phones rate the stages as: a persona, or (`None`) themselves as customers.
 */
rating_persona_id: string | null, timer: Timer, };

/**
 * The arguments of `update_room`: only what is given changes.
 */
export type RoomUpdate = { brainstorm_open?: boolean | null, notes_hidden?: boolean | null, rating_open?: boolean | null, 
/**
 * Absent: unchanged; `null`: yourself as a customer; an id: that persona.
 */
rating_persona_id?: string | null, };

/**
 * That a participant said they had finished voting in a round.
 */
export type RoundDone = { id: string, workshop_id: string, round_id: string, participant_id: string, created_at: string, };

export type RoundRef = { workshop_id: string, round_id: string, };

/**
 * The open (or last) voting round as every phone sees it.
 */
export type RoundShown = { id: string, title: string, status: RoundStatus, closes_at: string | null, votes_per_participant: number, max_per_note: number, 
/**
 * The notes that may be voted on.
 */
notes: Array<PhoneNoteView>, 
/**
 * Present only once the facilitator has revealed them.
 */
results: Array<NoteResult> | null, };

export type RoundStatus = "open" | "closed" | "revealed";

/**
 * The scales a workshop can rate feelings on.
 */
export type Scale = "-2..2" | "-3..3" | "1..10";

/**
 * Which notes a round is about.
 */
export type Scope = "all" | "cluster" | "stage";

export type Section = { 
/**
 * Assigned by core; callers omit it for new sections.
 */
id: string, title: string, } & ({ "kind": "text", text: string, } | { "kind": "list", items: Array<string>, } | { "kind": "slider", value: number, } | { "kind": "tags", items: Array<string>, });

/**
 * Changes to a section's place or shape: absent fields stay.
 */
export type SectionEdit = { id: string, x?: number | null, y?: number | null, columns?: number | null, collapsed?: boolean | null, };

export type SetPhoto = { workshop_id: string, id: string, image_base64: string | null, };

export type SetScale = { workshop_id: string, scale: Scale, };

export type SetTimer = { workshop_id: string, action: TimerAction, seconds?: number, };

/**
 * One stage (touchpoint) of a workshop's customer journey.
 */
export type Stage = { id: string, workshop_id: string, position: number, title: string, description: string, pain_points: string, opportunities: string, channels: Array<string>, moment_of_truth: boolean, 
/**
 * The feelings this stage is designed to evoke: keys of the feelings vocabulary (a
 * built-in word or one of the workshop's own), at most [`MAX_DESIGNED_FEELINGS`].
 */
designed_feelings: Array<string>, 
/**
 * Arriving at this stage, customers had to explain themselves again (the pain of a
 * channel switch that lost what they had already said).
 */
explain_again: boolean, };

/**
 * Changes to a stage: absent fields stay as they are.
 */
export type StageEdit = { id: string, title?: string | null, description?: string | null, pain_points?: string | null, opportunities?: string | null, channels?: Array<string> | null, moment_of_truth?: boolean | null, 
/**
 * Keys of the feelings vocabulary (at most three).
 */
designed_feelings?: Array<string> | null, explain_again?: boolean | null, };

/**
 * A stage's designed feelings beside those felt.
 */
export type StageFeelings = { stage_id: string, designed: Array<string>, 
/**
 * Most picked first (ties in vocabulary order).
 */
felt: Array<FeltCount>, 
/**
 * How many ratings picked at least one feeling.
 */
raters: number, 
/**
 * See [`disagrees`].
 */
disagrees: boolean, };

/**
 * One figure of a stage, as stored.
 */
export type StageFigure = { id: string, workshop_id: string, stage_id: string, 
/**
 * NPS, CSAT or CES.
 */
kind: QuestionKind, 
/**
 * NPS −100..100, CSAT % satisfied 0..100, CES 1..7.
 */
value: number, 
/**
 * How many answered.
 */
n: number, source: string, created_at: string, };

/**
 * What this laptop is to a synced workshop. Named apart in TypeScript, where a participant's
 * `Role` takes the plain name.
 */
export type SyncRole = "hub" | "satellite";

export type TemplateArgs = { language?: Language, };

/**
 * The starting points a workshop can be created from.
 */
export type TemplateId = "blank" | "hotel" | "digital";

/**
 * A template as offered in the "new workshop" dialog.
 */
export type TemplateInfo = { id: TemplateId, name: string, description: string, stages: Array<string>, };

/**
 * How large a note's text is drawn.
 */
export type TextSize = "s" | "m" | "l";

export type TidyNotes = { workshop_id: string, note_ids: Array<string>, };

export type Timer = { status: TimerStatus, duration_seconds: number, 
/**
 * Whole seconds left, rounded up, as of the moment this was read.
 */
remaining_seconds: number, 
/**
 * When a running timer reaches zero.
 */
ends_at: string | null, };

export type TimerAction = "start" | "pause" | "resume" | "add_minute" | "reset";

export type TimerStatus = "stopped" | "running" | "paused";

export type Variant = "current" | "target";

export type Vote = { id: string, workshop_id: string, round_id: string, 
/**
 * None for votes counted on paper or by hands raised, added by the facilitator.
 */
participant_id: string | null, note_id: string, client_id: string, weight: number, created_at: string, };

export type VoteRequest = { round_id: string, note_id: string, client_id: string, };

export type VotingRound = { id: string, workshop_id: string, title: string, votes_per_participant: number, max_per_note: number, anonymous: boolean, scope: Scope, scope_id: string | null, status: RoundStatus, closes_at: string | null, created_at: string, updated_at: string, };

/**
 * What a phone learns when it joins: who it is now, and the secret it proves that with.
 */
export type Welcome = { participant_id: string, name: string | null, secret: string, };

/**
 * An error as it crosses a process boundary: `{ "code": "...", "message": "..." }`.
 */
export type WireError = { code: ErrorCode, message: string, };

/**
 * A whole workshop, as opened.
 */
export type Workshop = { id: string, title: string, date: string | null, goal: string, facilitator: string, language: Language, template: TemplateId, created_at: string, updated_at: string, trashed_at: string | null, stages: Array<Stage>, };

/**
 * The arguments of `update_workshop`: absent fields stay as they are.
 */
export type WorkshopChanges = { id: string, title?: string | null, 
/**
 * `Some(None)` clears the date; `None` leaves it alone.
 */
date?: string | null, goal?: string | null, facilitator?: string | null, language?: Language | null, };

/**
 * The file, as written and read.
 */
export type WorkshopFile = { format: string, version: number, exported_at: string, app_version: string, workshop: FileWorkshop, stages: Array<Stage>, participants: Array<Participant>, personas: Array<Persona>, clusters: Array<Cluster>, notes: Array<Note>, emotions: Array<EmotionPoint>, ratings: Array<Rating>, images: Array<FileImage>, voting_rounds: Array<VotingRound>, votes: Array<Vote>, round_done: Array<RoundDone>, feelings: Array<OwnFeeling>, lanes: Array<Lane>, lane_cells: Array<LaneCell>, questions: Array<Question>, answers: Array<Answer>, stage_figures: Array<StageFigure>, 
/**
 * Row id → the id it was first made under, for rows that came from another workshop.
 */
origins: { [key in string]: string }, };

export type WorkshopItem = { workshop_id: string, id: string, };

/**
 * The arguments of `list_workshops`.
 */
export type WorkshopQuery = { trashed?: boolean, search?: string | null, sort?: WorkshopSort, };

export type WorkshopRef = { workshop_id: string, };

/**
 * The library's orders.
 */
export type WorkshopSort = "recent" | "title" | "date";

/**
 * A workshop as listed in the library: enough to find and recognise it.
 */
export type WorkshopSummary = { id: string, title: string, date: string | null, language: Language, template: TemplateId, created_at: string, updated_at: string, trashed_at: string | null, stage_count: number, note_count: number, persona_count: number, 
/**
 * Present participants (removed ones left out).
 */
participant_count: number, round_count: number, 
/**
 * When searching: a few words around where the search matched inside the workshop (a
 * note, a stage, a persona, a group), or null when the title, goal or facilitator matched.
 */
matched: string | null, };

export const CHANGE_TABLES = ["journey_settings","feelings","stages","participants","personas","lanes","lane_cells","clusters","notes","emotions","ratings","stage_figures","questions","answers","voting_rounds","votes","round_done","room"] as const;

export const NOTE_COLOURS = ["yellow","orange","sky","green","blue","red","pink","grey"] as const;

export const AVATAR_COLOURS = ["teal","indigo","amber","rose","green","violet","slate","orange"] as const;

export const NOTE_INK = "#1c1e21" as const;

export const NOTE_SIZE = {"height":120.0,"max_height":720.0,"max_width":720.0,"min_height":80.0,"min_width":120.0,"width":180.0} as const;

export const SECTION_GRID = {"gap":20.0,"max_columns":12,"padding":20.0,"title_height":56.0} as const;

export const ACCENT = "#0f6b5c" as const;

export const FILE_SUFFIX = {"changes":".fiilis-changes.json","csv":".csv","html":".html","json":".fiilis.json","md":"-markdown.zip","pdf":".pdf","svg":"-emotions.svg"} as const;

export const NOTE_SWATCHES = {"blue":{"edge":"#4d6fd1","en":"Blue","fi":"Sininen","fill":"#cfdbff"},"green":{"edge":"#4c9a4c","en":"Green","fi":"Vihreä","fill":"#cdeccd"},"grey":{"edge":"#8a9098","en":"Grey","fi":"Harmaa","fill":"#e3e4e6"},"orange":{"edge":"#d27a1c","en":"Orange","fi":"Oranssi","fill":"#ffd9b0"},"pink":{"edge":"#c2579f","en":"Pink","fi":"Vaaleanpunainen","fill":"#f8d0ea"},"red":{"edge":"#d2473c","en":"Red","fi":"Punainen","fill":"#ffc9c4"},"sky":{"edge":"#3a9cc6","en":"Sky","fi":"Taivaansininen","fill":"#c9ecfb"},"yellow":{"edge":"#c9a800","en":"Yellow","fi":"Keltainen","fill":"#fff2a8"}} as const;

export const SERIES_COLOURS = {"dark":["#56b4e9","#f0a050","#3ccf9f","#e89ac7","#e8c84a","#a8a8f0","#ff8a80","#b0c8d8"],"light":["#0072b2","#c25400","#007a5a","#b8478f","#7a5c00","#4d4d9e","#a0302a","#3d5a6c"]} as const;

export const SERIES_MARKERS = ["circle","square","triangle","diamond","triangle-down","plus","star","hexagon"] as const;

export const LIMITS = {"age":40,"answer_text":120,"channel":40,"channels":12,"cluster_title":200,"designed_feelings":3,"emotion_note":500,"facilitator":200,"feeling_word":40,"felt_feelings":2,"figure_source":200,"goal":2000,"lane_cell":2000,"lanes":24,"long_text":2000,"note_text":1000,"notes_per_call":10000,"participant_name":60,"persona_name":100,"poll_option":80,"poll_options":8,"question_prompt":300,"section_item":200,"section_items":30,"section_text":2000,"section_title":100,"sections":20,"short_text":200,"stage_text":2000,"stage_title":200,"title":200,"top_ideas":100} as const;

export const QUESTION_SCALES = {"ces":{"figure":[1.0,7.0],"scores":[1,7]},"csat":{"figure":[0.0,100.0],"scores":[1,5]},"nps":{"figure":[-100.0,100.0],"scores":[0,10]}} as const;

export const SMALL_N = 30 as const;

export const CORE_OPERATIONS = ["list_workshops","workshop_thumbnail","get_workshop","create_workshop","update_workshop","duplicate_workshop","trash_workshop","restore_workshop","delete_workshop","list_templates","app_info","hyphenate","get_board","create_notes","add_photo_note","update_notes","delete_notes","tidy_notes","reveal_notes","group_notes","rename_cluster","update_section","ungroup","undo","redo","add_participant","list_participants","remove_participant","get_journey","create_stage","update_stage","move_stage","delete_stage","create_persona","update_persona","move_persona","duplicate_persona","delete_persona","set_persona_photo","get_image","add_feeling","delete_feeling","add_lane","rename_lane","move_lane","delete_lane","set_lane_text","set_lane_image","set_stage_figure","delete_stage_figure","set_emotion","set_emotion_scale","emotion_chart_svg","export_workshop","import_workshop","merge_workshop","export_report","get_report_style","set_report_style","list_rounds","create_round","close_round","reveal_round","ranking_to_section","cast_vote","retract_vote","mark_done","add_paper_votes","round_progress","round_results","list_questions","ask_question","close_question","delete_question","answers_to_notes","get_room","update_room","set_timer","list_backups","backup_now","restore_backup","get_laptops","restore_conflict","import_changes"] as const;

export const ACCESS_OPERATIONS = ["participant_access","open_participant_access","close_participant_access","host_laptops","join_hub"] as const;

export const DESKTOP_OPERATIONS = ["open_presenter","app_ready","save_export","import_file","open_exported","show_exported","diagnostics","recovery_status","recover"] as const;

/** The operations answered by core and participant access, by name. */
export interface GeneratedOperations {
  list_workshops: { input: WorkshopQuery; output: Array<WorkshopSummary> };
  workshop_thumbnail: { input: WorkshopRef; output: string };
  get_workshop: { input: ById; output: Workshop };
  create_workshop: { input: NewWorkshop; output: Workshop };
  update_workshop: { input: WorkshopChanges; output: Workshop };
  duplicate_workshop: { input: DuplicateArgs; output: Workshop };
  trash_workshop: { input: ById; output: Workshop };
  restore_workshop: { input: ById; output: Workshop };
  delete_workshop: { input: ById; output: null };
  list_templates: { input: TemplateArgs; output: Array<TemplateInfo> };
  app_info: { input: NoArgs; output: AppInfo };
  hyphenate: { input: HyphenateArgs; output: Array<string> };
  get_board: { input: WorkshopRef; output: Board };
  create_notes: { input: Notes<NewNote>; output: Change };
  add_photo_note: { input: InWorkshop<NewPhotoNote>; output: Change };
  update_notes: { input: Notes<NoteEdit>; output: Change };
  delete_notes: { input: DeleteNotes; output: Change };
  tidy_notes: { input: TidyNotes; output: Change };
  reveal_notes: { input: RevealNotes; output: Change };
  group_notes: { input: GroupNotes; output: Change };
  rename_cluster: { input: Rename; output: Change };
  update_section: { input: InWorkshop<SectionEdit>; output: Change };
  ungroup: { input: WorkshopItem; output: Change };
  undo: { input: WorkshopRef; output: Change };
  redo: { input: WorkshopRef; output: Change };
  add_participant: { input: AddParticipant; output: Participant };
  list_participants: { input: WorkshopRef; output: Array<ParticipantEntry> };
  remove_participant: { input: WorkshopItem; output: Change };
  get_journey: { input: WorkshopRef; output: Journey };
  create_stage: { input: CreateStage; output: Change };
  update_stage: { input: InWorkshop<StageEdit>; output: Change };
  move_stage: { input: MoveTo; output: Change };
  delete_stage: { input: WorkshopItem; output: Change };
  create_persona: { input: InWorkshop<PersonaFields>; output: Change };
  update_persona: { input: InWorkshopItem<PersonaFields>; output: Change };
  move_persona: { input: MoveTo; output: Change };
  duplicate_persona: { input: WorkshopItem; output: Change };
  delete_persona: { input: WorkshopItem; output: Change };
  set_persona_photo: { input: SetPhoto; output: Change };
  get_image: { input: WorkshopItem; output: Image };
  add_feeling: { input: AddFeeling; output: Change };
  delete_feeling: { input: WorkshopItem; output: Change };
  add_lane: { input: InWorkshop<NewLane>; output: Change };
  rename_lane: { input: Rename; output: Change };
  move_lane: { input: MoveTo; output: Change };
  delete_lane: { input: WorkshopItem; output: Change };
  set_lane_text: { input: LaneText; output: Change };
  set_lane_image: { input: LaneImage; output: Change };
  set_stage_figure: { input: InWorkshop<FigureInput>; output: Change };
  delete_stage_figure: { input: WorkshopItem; output: Change };
  set_emotion: { input: InWorkshop<EmotionInput>; output: Change };
  set_emotion_scale: { input: SetScale; output: Change };
  emotion_chart_svg: { input: ChartArgs; output: string };
  export_workshop: { input: WorkshopRef; output: WorkshopFile };
  import_workshop: { input: ImportFile; output: Workshop };
  merge_workshop: { input: MergeFile; output: Change };
  export_report: { input: ReportArgs; output: string };
  get_report_style: { input: NoArgs; output: ReportStyle };
  set_report_style: { input: ReportStyle; output: ReportStyle };
  list_rounds: { input: WorkshopRef; output: Array<VotingRound> };
  create_round: { input: InWorkshop<NewRound>; output: Change };
  close_round: { input: WorkshopItem; output: Change };
  reveal_round: { input: WorkshopItem; output: Change };
  ranking_to_section: { input: RankingToSection; output: Change };
  cast_vote: { input: CastVote; output: Receipt };
  retract_vote: { input: RetractVote; output: Change };
  mark_done: { input: MarkDone; output: Change };
  add_paper_votes: { input: PaperVotes; output: Change };
  round_progress: { input: RoundRef; output: Progress };
  round_results: { input: RoundRef; output: Array<NoteResult> };
  list_questions: { input: WorkshopRef; output: Array<QuestionResult> };
  ask_question: { input: InWorkshop<NewQuestion>; output: Change };
  close_question: { input: WorkshopItem; output: Change };
  delete_question: { input: WorkshopItem; output: Change };
  answers_to_notes: { input: WorkshopItem; output: Change };
  get_room: { input: WorkshopRef; output: Room };
  update_room: { input: InWorkshop<RoomUpdate>; output: Room };
  set_timer: { input: SetTimer; output: Room };
  list_backups: { input: NoArgs; output: Array<Backup> };
  backup_now: { input: NoArgs; output: Backup };
  restore_backup: { input: BackupName; output: Restored };
  get_laptops: { input: WorkshopRef; output: Laptops };
  restore_conflict: { input: ConflictRef; output: Laptops };
  import_changes: { input: ImportFile; output: ImportedChanges };
  participant_access: { input: NoArgs; output: AccessStatus };
  open_participant_access: { input: OpenAccess; output: AccessStatus };
  close_participant_access: { input: NoArgs; output: AccessStatus };
  host_laptops: { input: WorkshopRef; output: Hosting };
  join_hub: { input: JoinHub; output: Workshop };
}
