//! The facilitator operations, by name, with JSON in and JSON out.
//!
//! This is the one place that maps an operation name to core: the desktop shell's IPC
//! commands and the loopback HTTP API both forward here, so the two transports cannot drift
//! apart in what they accept or answer. docs/api.md documents every name in [`OPERATIONS`],
//! and a test in the shell keeps the doc, this list, the IPC commands and the HTTP routes equal.

use base64::Engine;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::board::{NewNote, NoteEdit};
use crate::emotions::{EmotionInput, Scale};
use crate::error::{Error, Result};
use crate::journey::StageEdit;
use crate::model::Language;
use crate::participants::Role;
use crate::personas::PersonaFields;
use crate::report::{PaperSize, ReportFormat};
use crate::room::{RoomUpdate, TimerAction};
use crate::store::Library;
use crate::templates;
use crate::voting::{NewRound, Viewer};
use crate::workshops::{NewWorkshop, WorkshopChanges, WorkshopQuery};

/// Every facilitator operation, in the order docs/api.md lists them.
pub const OPERATIONS: &[&str] = include!("operations.in");

/// The operations that carry a whole file (a workshop file, a photo) and may be as large.
pub const FILE_OPERATIONS: &[&str] = &["import_workshop", "merge_workshop", "set_persona_photo"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ById {
    id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DuplicateArgs {
    id: String,
    #[serde(default)]
    title: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateArgs {
    #[serde(default)]
    language: Language,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoArgs {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InWorkshop {
    workshop_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateNotes {
    workshop_id: String,
    notes: Vec<NewNote>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateNotes {
    workshop_id: String,
    notes: Vec<NoteEdit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeleteNotes {
    workshop_id: String,
    ids: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupNotes {
    workshop_id: String,
    title: String,
    note_ids: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RenameCluster {
    workshop_id: String,
    id: String,
    title: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClusterRef {
    workshop_id: String,
    id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetTimer {
    workshop_id: String,
    action: TimerAction,
    #[serde(default)]
    seconds: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InWorkshopById {
    workshop_id: String,
    id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateStage {
    workshop_id: String,
    title: String,
    #[serde(default)]
    position: Option<i64>,
}

#[derive(Deserialize)]
struct UpdateStage {
    workshop_id: String,
    #[serde(flatten)]
    edit: StageEdit,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoveTo {
    workshop_id: String,
    id: String,
    position: i64,
}

#[derive(Deserialize)]
struct CreatePersona {
    workshop_id: String,
    #[serde(flatten)]
    fields: PersonaFields,
}

#[derive(Deserialize)]
struct UpdatePersona {
    workshop_id: String,
    id: String,
    #[serde(flatten)]
    fields: PersonaFields,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetPhoto {
    workshop_id: String,
    id: String,
    image_base64: Option<String>,
}

#[derive(Deserialize)]
struct SetEmotion {
    workshop_id: String,
    #[serde(flatten)]
    point: EmotionInput,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetScale {
    workshop_id: String,
    scale: Scale,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartArgs {
    workshop_id: String,
    #[serde(default)]
    persona_ids: Vec<String>,
}

#[derive(Deserialize)]
struct CreateRound {
    workshop_id: String,
    #[serde(flatten)]
    round: NewRound,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InRound {
    workshop_id: String,
    round_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CastVote {
    workshop_id: String,
    round_id: String,
    participant_id: String,
    note_id: String,
    client_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RetractVote {
    workshop_id: String,
    round_id: String,
    participant_id: String,
    client_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkDone {
    workshop_id: String,
    round_id: String,
    participant_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PaperVotes {
    workshop_id: String,
    round_id: String,
    note_id: String,
    count: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportArgs {
    workshop_id: String,
    format: ExportFormat,
    #[serde(default)]
    paper: PaperSize,
}

/// The report formats over IPC and HTTP: the text ones, and the PDF as base64.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum ExportFormat {
    Html,
    Md,
    Csv,
    Pdf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupName {
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportFile {
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MergeFile {
    workshop_id: String,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddParticipant {
    workshop_id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    role: Role,
}

fn args<T: DeserializeOwned>(op: &str, input: Value) -> Result<T> {
    // A missing body means "no arguments", which is what most callers mean by `null`.
    let input = if input.is_null() { json!({}) } else { input };
    serde_json::from_value(input)
        .map_err(|error| Error::InvalidInput(format!("invalid input for {op}: {error}")))
}

/// Arguments that are `workshop_id` beside the fields of a core type: serde cannot both
/// flatten and refuse unknown fields, so the id is taken out first.
fn in_workshop<T: DeserializeOwned>(op: &str, mut input: Value) -> Result<(String, T)> {
    let workshop_id = match input
        .as_object_mut()
        .and_then(|map| map.remove("workshop_id"))
    {
        Some(Value::String(id)) => id,
        _ => {
            return Err(Error::InvalidInput(format!(
                "invalid input for {op}: workshop_id (a string) is required"
            )))
        }
    };
    Ok((workshop_id, args(op, input)?))
}

fn to_json(value: impl serde::Serialize) -> Result<Value> {
    Ok(serde_json::to_value(value).expect("core types always serialise to JSON"))
}

/// Runs the operation `op` with its JSON `input` and returns its JSON result.
pub fn call(library: &Library, op: &str, input: Value) -> Result<Value> {
    let started = std::time::Instant::now();
    let answer = dispatch(library, op, input);
    let millis = started.elapsed().as_millis() as u64;
    // Only a known name, the code and the time: inputs, messages and unknown names may hold
    // participants' text, which must never reach a log file.
    let op = OPERATIONS
        .iter()
        .find(|known| **known == op)
        .copied()
        .unwrap_or("(unknown)");
    match &answer {
        Err(error) => tracing::warn!(op, code = error.code(), millis, "operation failed"),
        Ok(_) if millis >= SLOW_MILLIS => tracing::info!(op, millis, "slow operation"),
        Ok(_) => tracing::trace!(op, millis, "operation"),
    }
    answer
}

/// Operations that take longer than this are logged, to find what made a session sluggish.
const SLOW_MILLIS: u64 = 250;

fn dispatch(library: &Library, op: &str, input: Value) -> Result<Value> {
    match op {
        "list_workshops" => to_json(library.list_workshops(&args::<WorkshopQuery>(op, input)?)?),
        "get_workshop" => to_json(library.get_workshop(&args::<ById>(op, input)?.id)?),
        "create_workshop" => to_json(library.create_workshop(&args::<NewWorkshop>(op, input)?)?),
        "update_workshop" => {
            to_json(library.update_workshop(&args::<WorkshopChanges>(op, input)?)?)
        }
        "duplicate_workshop" => {
            let DuplicateArgs { id, title } = args(op, input)?;
            to_json(library.duplicate_workshop(&id, title.as_deref())?)
        }
        "trash_workshop" => to_json(library.trash_workshop(&args::<ById>(op, input)?.id)?),
        "restore_workshop" => to_json(library.restore_workshop(&args::<ById>(op, input)?.id)?),
        "delete_workshop" => to_json(library.delete_workshop(&args::<ById>(op, input)?.id)?),
        "list_templates" => to_json(templates::list(args::<TemplateArgs>(op, input)?.language)),
        "app_info" => {
            args::<NoArgs>(op, input)?;
            to_json(json!({
                "version": env!("CARGO_PKG_VERSION"),
                "database_path": library.path().display().to_string(),
                "schema_version": library.schema_version()?,
            }))
        }
        "get_board" => to_json(library.get_board(&args::<InWorkshop>(op, input)?.workshop_id)?),
        "create_notes" => {
            let CreateNotes { workshop_id, notes } = args(op, input)?;
            to_json(library.create_notes(&workshop_id, &notes)?)
        }
        "update_notes" => {
            let UpdateNotes { workshop_id, notes } = args(op, input)?;
            to_json(library.update_notes(&workshop_id, &notes)?)
        }
        "delete_notes" => {
            let DeleteNotes { workshop_id, ids } = args(op, input)?;
            to_json(library.delete_notes(&workshop_id, &ids)?)
        }
        "group_notes" => {
            let GroupNotes {
                workshop_id,
                title,
                note_ids,
            } = args(op, input)?;
            to_json(library.group_notes(&workshop_id, &title, &note_ids)?)
        }
        "rename_cluster" => {
            let RenameCluster {
                workshop_id,
                id,
                title,
            } = args(op, input)?;
            to_json(library.rename_cluster(&workshop_id, &id, &title)?)
        }
        "ungroup" => {
            let ClusterRef { workshop_id, id } = args(op, input)?;
            to_json(library.ungroup(&workshop_id, &id)?)
        }
        "undo" => to_json(library.undo(&args::<InWorkshop>(op, input)?.workshop_id)?),
        "redo" => to_json(library.redo(&args::<InWorkshop>(op, input)?.workshop_id)?),
        "add_participant" => {
            let AddParticipant {
                workshop_id,
                name,
                role,
            } = args(op, input)?;
            to_json(library.add_participant(&workshop_id, name.as_deref(), role)?)
        }
        "list_participants" => {
            to_json(library.list_participants(&args::<InWorkshop>(op, input)?.workshop_id)?)
        }
        "remove_participant" => {
            let InWorkshopById { workshop_id, id } = args(op, input)?;
            to_json(library.remove_participant(&workshop_id, &id)?)
        }
        "get_journey" => to_json(library.get_journey(&args::<InWorkshop>(op, input)?.workshop_id)?),
        "create_stage" => {
            let CreateStage {
                workshop_id,
                title,
                position,
            } = args(op, input)?;
            to_json(library.create_stage(&workshop_id, &title, position)?)
        }
        "update_stage" => {
            let UpdateStage { workshop_id, edit } = args(op, input)?;
            to_json(library.update_stage(&workshop_id, &edit)?)
        }
        "move_stage" => {
            let MoveTo {
                workshop_id,
                id,
                position,
            } = args(op, input)?;
            to_json(library.move_stage(&workshop_id, &id, position)?)
        }
        "delete_stage" => {
            let InWorkshopById { workshop_id, id } = args(op, input)?;
            to_json(library.delete_stage(&workshop_id, &id)?)
        }
        "create_persona" => {
            let CreatePersona {
                workshop_id,
                fields,
            } = args(op, input)?;
            to_json(library.create_persona(&workshop_id, &fields)?)
        }
        "update_persona" => {
            let UpdatePersona {
                workshop_id,
                id,
                fields,
            } = args(op, input)?;
            to_json(library.update_persona(&workshop_id, &id, &fields)?)
        }
        "move_persona" => {
            let MoveTo {
                workshop_id,
                id,
                position,
            } = args(op, input)?;
            to_json(library.move_persona(&workshop_id, &id, position)?)
        }
        "duplicate_persona" => {
            let InWorkshopById { workshop_id, id } = args(op, input)?;
            to_json(library.duplicate_persona(&workshop_id, &id)?)
        }
        "delete_persona" => {
            let InWorkshopById { workshop_id, id } = args(op, input)?;
            to_json(library.delete_persona(&workshop_id, &id)?)
        }
        "set_persona_photo" => {
            let SetPhoto {
                workshop_id,
                id,
                image_base64,
            } = args(op, input)?;
            to_json(library.set_persona_photo(&workshop_id, &id, image_base64.as_deref())?)
        }
        "get_image" => {
            let InWorkshopById { workshop_id, id } = args(op, input)?;
            to_json(library.get_image(&workshop_id, &id)?)
        }
        "set_emotion" => {
            let SetEmotion { workshop_id, point } = args(op, input)?;
            to_json(library.set_emotion(&workshop_id, &point)?)
        }
        "set_emotion_scale" => {
            let SetScale { workshop_id, scale } = args(op, input)?;
            to_json(library.set_emotion_scale(&workshop_id, scale)?)
        }
        "emotion_chart_svg" => {
            let ChartArgs {
                workshop_id,
                persona_ids,
            } = args(op, input)?;
            to_json(library.emotion_chart_svg(&workshop_id, &persona_ids)?)
        }
        "export_workshop" => {
            to_json(library.export_workshop(&args::<InWorkshop>(op, input)?.workshop_id)?)
        }
        "import_workshop" => {
            to_json(library.import_workshop(&args::<ImportFile>(op, input)?.text)?)
        }
        "merge_workshop" => {
            let MergeFile { workshop_id, text } = args(op, input)?;
            to_json(library.merge_workshop(&workshop_id, &text)?)
        }
        "export_report" => {
            let ReportArgs {
                workshop_id,
                format,
                paper,
            } = args(op, input)?;
            let text = |format| library.export_report(&workshop_id, format);
            to_json(match format {
                ExportFormat::Html => text(ReportFormat::Html)?,
                ExportFormat::Md => text(ReportFormat::Md)?,
                ExportFormat::Csv => text(ReportFormat::Csv)?,
                ExportFormat::Pdf => base64::engine::general_purpose::STANDARD
                    .encode(library.export_pdf(&workshop_id, paper)?),
            })
        }
        "list_rounds" => to_json(library.list_rounds(&args::<InWorkshop>(op, input)?.workshop_id)?),
        "create_round" => {
            let CreateRound { workshop_id, round } = args(op, input)?;
            to_json(library.create_round(&workshop_id, &round)?)
        }
        "close_round" => {
            let InWorkshopById { workshop_id, id } = args(op, input)?;
            to_json(library.close_round(&workshop_id, &id)?)
        }
        "reveal_round" => {
            let InWorkshopById { workshop_id, id } = args(op, input)?;
            to_json(library.reveal_round(&workshop_id, &id)?)
        }
        "cast_vote" => {
            let vote: CastVote = args(op, input)?;
            to_json(library.cast_vote(
                &vote.workshop_id,
                &vote.round_id,
                &vote.participant_id,
                &vote.note_id,
                &vote.client_id,
            )?)
        }
        "retract_vote" => {
            let vote: RetractVote = args(op, input)?;
            to_json(library.retract_vote(
                &vote.workshop_id,
                &vote.round_id,
                &vote.participant_id,
                &vote.client_id,
            )?)
        }
        "mark_done" => {
            let MarkDone {
                workshop_id,
                round_id,
                participant_id,
            } = args(op, input)?;
            to_json(library.mark_done(&workshop_id, &round_id, &participant_id)?)
        }
        "add_paper_votes" => {
            let PaperVotes {
                workshop_id,
                round_id,
                note_id,
                count,
            } = args(op, input)?;
            to_json(library.add_paper_votes(&workshop_id, &round_id, &note_id, count)?)
        }
        "round_progress" => {
            let InRound {
                workshop_id,
                round_id,
            } = args(op, input)?;
            to_json(library.round_progress(&workshop_id, &round_id)?)
        }
        "round_results" => {
            let InRound {
                workshop_id,
                round_id,
            } = args(op, input)?;
            to_json(library.round_results(&workshop_id, &round_id, Viewer::Facilitator)?)
        }
        "get_room" => to_json(library.get_room(&args::<InWorkshop>(op, input)?.workshop_id)?),
        "update_room" => {
            let (workshop_id, update) = in_workshop::<RoomUpdate>(op, input)?;
            to_json(library.update_room(&workshop_id, &update)?)
        }
        "set_timer" => {
            let SetTimer {
                workshop_id,
                action,
                seconds,
            } = args(op, input)?;
            to_json(library.set_timer(&workshop_id, action, seconds)?)
        }
        "list_backups" => {
            args::<NoArgs>(op, input)?;
            to_json(library.backups()?)
        }
        "backup_now" => {
            args::<NoArgs>(op, input)?;
            to_json(library.backup()?)
        }
        "restore_backup" => to_json(library.restore_backup(&args::<BackupName>(op, input)?.name)?),
        other => Err(Error::UnknownOperation(other.to_owned())),
    }
}
