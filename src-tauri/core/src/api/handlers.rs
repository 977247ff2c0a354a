//! One function per core operation, named as the operation: it takes the operation's
//! arguments as a type and returns its result as a type. The dispatcher (generated from the
//! list in `api/list.rs`) reads the JSON into the one and writes the other, and the UI's
//! TypeScript is generated from the same two types, so the three cannot disagree.

use base64::Engine;

use super::args::*;
use crate::board::{Board, NewNote, NewPhotoNote, NoteEdit};
use crate::branding::ReportStyle;
use crate::change::Change;
use crate::emotions::EmotionInput;
use crate::error::Result;
use crate::exchange::WorkshopFile;
use crate::figures::FigureInput;
use crate::files::FileFormat;
use crate::images::Image;
use crate::journey::{Journey, StageEdit};
use crate::lanes::NewLane;
use crate::model::{AppInfo, Workshop, WorkshopSummary};
use crate::participants::{Participant, ParticipantEntry};
use crate::personas::PersonaFields;
use crate::questions::{NewQuestion, QuestionResult};
use crate::report::{PaperSize, ReportFormat};
use crate::room::{Room, RoomUpdate};
use crate::sections::SectionEdit;
use crate::store::backup::{Backup, Restored};
use crate::store::Library;
use crate::sync::{ImportedChanges, Laptops};
use crate::templates::{self, TemplateInfo};
use crate::voting::{NewRound, NoteResult, Progress, Receipt, Viewer, VotingRound};
use crate::workshops::{NewWorkshop, WorkshopChanges, WorkshopQuery};

type Id = ById;

pub fn list_workshops(library: &Library, query: WorkshopQuery) -> Result<Vec<WorkshopSummary>> {
    library.list_workshops(&query)
}

pub fn workshop_thumbnail(library: &Library, args: WorkshopRef) -> Result<String> {
    library.workshop_thumbnail(&args.workshop_id)
}

pub fn get_workshop(library: &Library, args: Id) -> Result<Workshop> {
    library.get_workshop(&args.id)
}

pub fn create_workshop(library: &Library, new: NewWorkshop) -> Result<Workshop> {
    library.create_workshop(&new)
}

pub fn update_workshop(library: &Library, changes: WorkshopChanges) -> Result<Workshop> {
    library.update_workshop(&changes)
}

pub fn duplicate_workshop(library: &Library, args: DuplicateArgs) -> Result<Workshop> {
    library.duplicate_workshop(&args.id, args.title.as_deref())
}

pub fn trash_workshop(library: &Library, args: Id) -> Result<Workshop> {
    library.trash_workshop(&args.id)
}

pub fn restore_workshop(library: &Library, args: Id) -> Result<Workshop> {
    library.restore_workshop(&args.id)
}

pub fn delete_workshop(library: &Library, args: Id) -> Result<()> {
    library.delete_workshop(&args.id)
}

pub fn list_templates(_: &Library, args: TemplateArgs) -> Result<Vec<TemplateInfo>> {
    Ok(templates::list(args.language.unwrap_or_default()))
}

/// The most texts and characters one call hyphenates: a screenful of titles, many times over.
const MAX_HYPHENATE_TEXTS: usize = 2_000;
const MAX_HYPHENATE_CHARS: usize = 200_000;

pub fn hyphenate(_: &Library, args: HyphenateArgs) -> Result<Vec<String>> {
    let chars: usize = args.texts.iter().map(|text| text.chars().count()).sum();
    if args.texts.len() > MAX_HYPHENATE_TEXTS || chars > MAX_HYPHENATE_CHARS {
        return Err(crate::error::Error::invalid(format!(
            "texts: at most {MAX_HYPHENATE_TEXTS} texts of {MAX_HYPHENATE_CHARS} characters in all per call"
        )));
    }
    Ok(args
        .texts
        .iter()
        .map(|text| crate::hyphenation::soft_hyphens(text, args.language))
        .collect())
}

pub fn app_info(library: &Library, _: NoArgs) -> Result<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        database_path: library.path().display().to_string(),
        schema_version: library.schema_version()?,
    })
}

pub fn get_board(library: &Library, args: WorkshopRef) -> Result<Board> {
    library.get_board(&args.workshop_id)
}

pub fn create_notes(library: &Library, args: Notes<NewNote>) -> Result<Change> {
    library.create_notes(&args.workshop_id, &args.notes)
}

pub fn add_photo_note(library: &Library, args: InWorkshop<NewPhotoNote>) -> Result<Change> {
    library.add_photo_note(&args.workshop_id, &args.fields)
}

pub fn update_notes(library: &Library, args: Notes<NoteEdit>) -> Result<Change> {
    library.update_notes(&args.workshop_id, &args.notes)
}

pub fn delete_notes(library: &Library, args: DeleteNotes) -> Result<Change> {
    library.delete_notes(&args.workshop_id, &args.ids)
}

pub fn tidy_notes(library: &Library, args: TidyNotes) -> Result<Change> {
    library.tidy_notes(&args.workshop_id, &args.note_ids)
}

pub fn reveal_notes(library: &Library, args: RevealNotes) -> Result<Change> {
    library.reveal_notes(&args.workshop_id, args.author_id.as_deref())
}

pub fn group_notes(library: &Library, args: GroupNotes) -> Result<Change> {
    library.group_notes(&args.workshop_id, &args.title, &args.note_ids)
}

pub fn rename_cluster(library: &Library, args: Rename) -> Result<Change> {
    library.rename_cluster(&args.workshop_id, &args.id, &args.title)
}

pub fn update_section(library: &Library, args: InWorkshop<SectionEdit>) -> Result<Change> {
    library.update_section(&args.workshop_id, &args.fields)
}

pub fn ungroup(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.ungroup(&args.workshop_id, &args.id)
}

pub fn undo(library: &Library, args: WorkshopRef) -> Result<Change> {
    library.undo(&args.workshop_id)
}

pub fn redo(library: &Library, args: WorkshopRef) -> Result<Change> {
    library.redo(&args.workshop_id)
}

pub fn add_participant(library: &Library, args: AddParticipant) -> Result<Participant> {
    library.add_participant(
        &args.workshop_id,
        args.name.as_deref(),
        args.role.unwrap_or_default(),
    )
}

pub fn list_participants(library: &Library, args: WorkshopRef) -> Result<Vec<ParticipantEntry>> {
    library.list_participants(&args.workshop_id)
}

pub fn remove_participant(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.remove_participant(&args.workshop_id, &args.id)
}

pub fn get_journey(library: &Library, args: WorkshopRef) -> Result<Journey> {
    library.get_journey(&args.workshop_id)
}

pub fn create_stage(library: &Library, args: CreateStage) -> Result<Change> {
    library.create_stage(&args.workshop_id, &args.title, args.position)
}

pub fn update_stage(library: &Library, args: InWorkshop<StageEdit>) -> Result<Change> {
    library.update_stage(&args.workshop_id, &args.fields)
}

pub fn move_stage(library: &Library, args: MoveTo) -> Result<Change> {
    library.move_stage(&args.workshop_id, &args.id, args.position)
}

pub fn delete_stage(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.delete_stage(&args.workshop_id, &args.id)
}

pub fn create_persona(library: &Library, args: InWorkshop<PersonaFields>) -> Result<Change> {
    library.create_persona(&args.workshop_id, &args.fields)
}

pub fn update_persona(library: &Library, args: InWorkshopItem<PersonaFields>) -> Result<Change> {
    library.update_persona(&args.workshop_id, &args.id, &args.fields)
}

pub fn move_persona(library: &Library, args: MoveTo) -> Result<Change> {
    library.move_persona(&args.workshop_id, &args.id, args.position)
}

pub fn duplicate_persona(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.duplicate_persona(&args.workshop_id, &args.id)
}

pub fn delete_persona(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.delete_persona(&args.workshop_id, &args.id)
}

pub fn set_persona_photo(library: &Library, args: SetPhoto) -> Result<Change> {
    library.set_persona_photo(&args.workshop_id, &args.id, args.image_base64.as_deref())
}

pub fn add_feeling(library: &Library, args: AddFeeling) -> Result<Change> {
    library.add_feeling(&args.workshop_id, &args.word, args.positive)
}

pub fn delete_feeling(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.delete_feeling(&args.workshop_id, &args.id)
}

pub fn add_lane(library: &Library, args: InWorkshop<NewLane>) -> Result<Change> {
    library.add_lane(&args.workshop_id, &args.fields)
}

pub fn rename_lane(library: &Library, args: Rename) -> Result<Change> {
    library.rename_lane(&args.workshop_id, &args.id, &args.title)
}

pub fn move_lane(library: &Library, args: MoveTo) -> Result<Change> {
    library.move_lane(&args.workshop_id, &args.id, args.position)
}

pub fn delete_lane(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.delete_lane(&args.workshop_id, &args.id)
}

pub fn set_lane_text(library: &Library, args: LaneText) -> Result<Change> {
    library.set_lane_text(&args.workshop_id, &args.lane_id, &args.stage_id, &args.text)
}

pub fn set_lane_image(library: &Library, args: LaneImage) -> Result<Change> {
    library.set_lane_image(
        &args.workshop_id,
        &args.lane_id,
        &args.stage_id,
        args.image_base64.as_deref(),
    )
}

pub fn set_stage_figure(library: &Library, args: InWorkshop<FigureInput>) -> Result<Change> {
    library.set_stage_figure(&args.workshop_id, &args.fields)
}

pub fn delete_stage_figure(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.delete_stage_figure(&args.workshop_id, &args.id)
}

pub fn get_image(library: &Library, args: WorkshopItem) -> Result<Image> {
    library.get_image(&args.workshop_id, &args.id)
}

pub fn set_emotion(library: &Library, args: InWorkshop<EmotionInput>) -> Result<Change> {
    library.set_emotion(&args.workshop_id, &args.fields)
}

pub fn set_emotion_scale(library: &Library, args: SetScale) -> Result<Change> {
    library.set_emotion_scale(&args.workshop_id, args.scale)
}

pub fn emotion_chart_svg(library: &Library, args: ChartArgs) -> Result<String> {
    library.emotion_chart_svg(&args.workshop_id, &args.persona_ids.unwrap_or_default())
}

pub fn export_workshop(library: &Library, args: WorkshopRef) -> Result<WorkshopFile> {
    library.export_workshop(&args.workshop_id)
}

pub fn import_workshop(library: &Library, args: ImportFile) -> Result<Workshop> {
    library.import_workshop(&args.text)
}

pub fn merge_workshop(library: &Library, args: MergeFile) -> Result<Change> {
    library.merge_workshop(&args.workshop_id, &args.text)
}

pub fn export_report(library: &Library, args: ReportArgs) -> Result<String> {
    let text = |format| library.export_report(&args.workshop_id, format);
    match args.format {
        ExportFormat::Html => text(ReportFormat::Html),
        ExportFormat::Csv => text(ReportFormat::Csv),
        // Binary formats travel as base64 (IPC and the loopback API carry JSON strings).
        ExportFormat::Md => Ok(base64::engine::general_purpose::STANDARD.encode(
            library.render_file(&args.workshop_id, FileFormat::Md, PaperSize::default())?,
        )),
        ExportFormat::Pdf => Ok(base64::engine::general_purpose::STANDARD
            .encode(library.export_pdf(&args.workshop_id, args.paper.unwrap_or_default())?)),
        // JSON, so UTF-8 already.
        ExportFormat::Changes => Ok(String::from_utf8(
            library.export_sync_changes(&args.workshop_id)?,
        )
        .expect("the changes file is JSON")),
    }
}

pub fn get_report_style(library: &Library, _: NoArgs) -> Result<ReportStyle> {
    library.get_report_style()
}

pub fn set_report_style(library: &Library, style: ReportStyle) -> Result<ReportStyle> {
    library.set_report_style(&style)
}

pub fn list_rounds(library: &Library, args: WorkshopRef) -> Result<Vec<VotingRound>> {
    library.list_rounds(&args.workshop_id)
}

pub fn create_round(library: &Library, args: InWorkshop<NewRound>) -> Result<Change> {
    library.create_round(&args.workshop_id, &args.fields)
}

pub fn close_round(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.close_round(&args.workshop_id, &args.id)
}

pub fn ranking_to_section(library: &Library, args: RankingToSection) -> Result<Change> {
    library.ranking_to_section(&args.workshop_id, &args.round_id, args.top)
}

pub fn reveal_round(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.reveal_round(&args.workshop_id, &args.id)
}

pub fn cast_vote(library: &Library, vote: CastVote) -> Result<Receipt> {
    library.cast_vote(
        &vote.workshop_id,
        &vote.round_id,
        &vote.participant_id,
        &vote.note_id,
        &vote.client_id,
    )
}

pub fn retract_vote(library: &Library, vote: RetractVote) -> Result<Change> {
    library.retract_vote(
        &vote.workshop_id,
        &vote.round_id,
        &vote.participant_id,
        &vote.client_id,
    )
}

pub fn mark_done(library: &Library, args: MarkDone) -> Result<Change> {
    library.mark_done(&args.workshop_id, &args.round_id, &args.participant_id)
}

pub fn add_paper_votes(library: &Library, args: PaperVotes) -> Result<Change> {
    library.add_paper_votes(&args.workshop_id, &args.round_id, &args.note_id, args.count)
}

pub fn round_progress(library: &Library, args: RoundRef) -> Result<Progress> {
    library.round_progress(&args.workshop_id, &args.round_id)
}

pub fn round_results(library: &Library, args: RoundRef) -> Result<Vec<NoteResult>> {
    library.round_results(&args.workshop_id, &args.round_id, Viewer::Facilitator)
}

pub fn list_questions(library: &Library, args: WorkshopRef) -> Result<Vec<QuestionResult>> {
    library.list_questions(&args.workshop_id)
}

pub fn ask_question(library: &Library, args: InWorkshop<NewQuestion>) -> Result<Change> {
    library.ask_question(&args.workshop_id, &args.fields)
}

pub fn close_question(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.close_question(&args.workshop_id, &args.id)
}

pub fn delete_question(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.delete_question(&args.workshop_id, &args.id)
}

pub fn answers_to_notes(library: &Library, args: WorkshopItem) -> Result<Change> {
    library.answers_to_notes(&args.workshop_id, &args.id)
}

pub fn get_room(library: &Library, args: WorkshopRef) -> Result<Room> {
    library.get_room(&args.workshop_id)
}

pub fn update_room(library: &Library, args: InWorkshop<RoomUpdate>) -> Result<Room> {
    library.update_room(&args.workshop_id, &args.fields)
}

pub fn set_timer(library: &Library, args: SetTimer) -> Result<Room> {
    library.set_timer(&args.workshop_id, args.action, args.seconds)
}

pub fn list_backups(library: &Library, _: NoArgs) -> Result<Vec<Backup>> {
    library.backups()
}

pub fn backup_now(library: &Library, _: NoArgs) -> Result<Backup> {
    library.backup()
}

pub fn restore_backup(library: &Library, args: BackupName) -> Result<Restored> {
    library.restore_backup(&args.name)
}

pub fn get_laptops(library: &Library, args: WorkshopRef) -> Result<Laptops> {
    library.get_laptops(&args.workshop_id)
}

pub fn restore_conflict(library: &Library, args: ConflictRef) -> Result<Laptops> {
    library.restore_conflict(&args.workshop_id, args.id)?;
    library.get_laptops(&args.workshop_id)
}

pub fn import_changes(library: &Library, args: ImportFile) -> Result<ImportedChanges> {
    library.import_sync_changes(args.text.as_bytes())
}
