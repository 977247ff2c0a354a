//! The argument types of the operations that take more than a core type: one struct per
//! shape, each refusing fields it does not know, so a misspelt argument is an error that
//! names it rather than a silent no-op.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::emotions::Scale;
use crate::model::Language;
use crate::participants::Role;
use crate::report::PaperSize;
use crate::room::TimerAction;

/// `workshop_id` beside the fields of a core type. serde cannot both flatten a struct and
/// refuse unknown fields, so the id is taken out first and the rest is read as `T`, which
/// refuses what it does not know.
#[derive(Debug, Serialize, TS)]
pub struct InWorkshop<T: TS> {
    pub workshop_id: String,
    #[serde(flatten)]
    pub fields: T,
}

impl<'de, T: DeserializeOwned + TS> Deserialize<'de> for InWorkshop<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut map = Map::<String, Value>::deserialize(deserializer)?;
        Ok(InWorkshop {
            workshop_id: take_string::<D>(&mut map, "workshop_id")?,
            fields: T::deserialize(Value::Object(map)).map_err(D::Error::custom)?,
        })
    }
}

/// `workshop_id` and the `id` of one of its items beside the fields of a core type; read as
/// [`InWorkshop`] is.
#[derive(Debug, Serialize, TS)]
pub struct InWorkshopItem<T: TS> {
    pub workshop_id: String,
    pub id: String,
    #[serde(flatten)]
    pub fields: T,
}

impl<'de, T: DeserializeOwned + TS> Deserialize<'de> for InWorkshopItem<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut map = Map::<String, Value>::deserialize(deserializer)?;
        Ok(InWorkshopItem {
            workshop_id: take_string::<D>(&mut map, "workshop_id")?,
            id: take_string::<D>(&mut map, "id")?,
            fields: T::deserialize(Value::Object(map)).map_err(D::Error::custom)?,
        })
    }
}

fn take_string<'de, D: Deserializer<'de>>(
    map: &mut Map<String, Value>,
    key: &'static str,
) -> Result<String, D::Error> {
    match map.remove(key) {
        Some(Value::String(text)) => Ok(text),
        Some(_) => Err(D::Error::custom(format!("{key} must be a string"))),
        None => Err(D::Error::missing_field(key)),
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ById {
    pub id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DuplicateArgs {
    pub id: String,
    #[serde(default)]
    #[ts(optional)]
    pub title: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TemplateArgs {
    #[serde(default)]
    #[ts(optional)]
    pub language: Option<Language>,
}

/// Texts to show with soft hyphens in their long words (see [`crate::hyphenation`]).
#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct HyphenateArgs {
    pub language: crate::model::Language,
    pub texts: Vec<String>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WorkshopRef {
    pub workshop_id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WorkshopItem {
    pub workshop_id: String,
    pub id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Notes<T: TS> {
    pub workshop_id: String,
    pub notes: Vec<T>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeleteNotes {
    pub workshop_id: String,
    pub ids: Vec<String>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TidyNotes {
    pub workshop_id: String,
    pub note_ids: Vec<String>,
}

/// Whose face-down notes to turn over: one writer's, or (absent or null) everyone's.
#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RevealNotes {
    pub workshop_id: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub author_id: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct GroupNotes {
    pub workshop_id: String,
    pub title: String,
    pub note_ids: Vec<String>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
/// A new name for one item (a group of notes, a lane).
pub struct Rename {
    pub workshop_id: String,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AddParticipant {
    pub workshop_id: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub name: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub role: Option<Role>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CreateStage {
    pub workshop_id: String,
    pub title: String,
    #[serde(default)]
    #[ts(optional)]
    pub position: Option<i64>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MoveTo {
    pub workshop_id: String,
    pub id: String,
    pub position: i64,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SetPhoto {
    pub workshop_id: String,
    pub id: String,
    pub image_base64: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SetScale {
    pub workshop_id: String,
    pub scale: Scale,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ChartArgs {
    pub workshop_id: String,
    #[serde(default)]
    #[ts(optional)]
    pub persona_ids: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RoundRef {
    pub workshop_id: String,
    pub round_id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CastVote {
    pub workshop_id: String,
    pub round_id: String,
    pub participant_id: String,
    pub note_id: String,
    pub client_id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RetractVote {
    pub workshop_id: String,
    pub round_id: String,
    pub participant_id: String,
    pub client_id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MarkDone {
    pub workshop_id: String,
    pub round_id: String,
    pub participant_id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PaperVotes {
    pub workshop_id: String,
    pub round_id: String,
    pub note_id: String,
    pub count: i64,
}

/// The report formats over IPC and HTTP: the text ones, and the PDF and the Markdown zip as
/// base64; and a synced workshop's changes file, which a browser downloads from here (the
/// desktop saves it with `save_export`).
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Html,
    Md,
    Csv,
    Pdf,
    Changes,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportArgs {
    pub workshop_id: String,
    pub format: ExportFormat,
    #[serde(default)]
    #[ts(optional)]
    pub paper: Option<PaperSize>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SetTimer {
    pub workshop_id: String,
    pub action: TimerAction,
    #[serde(default)]
    #[ts(optional)]
    pub seconds: Option<i64>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BackupName {
    pub name: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ImportFile {
    pub text: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MergeFile {
    pub workshop_id: String,
    pub text: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AddFeeling {
    pub workshop_id: String,
    pub word: String,
    pub positive: bool,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LaneText {
    pub workshop_id: String,
    pub lane_id: String,
    pub stage_id: String,
    pub text: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LaneImage {
    pub workshop_id: String,
    pub lane_id: String,
    pub stage_id: String,
    pub image_base64: Option<String>,
}

/// How many of a round's best notes to copy into a "Top ideas" section.
#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RankingToSection {
    pub workshop_id: String,
    pub round_id: String,
    pub top: i64,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ConflictRef {
    pub workshop_id: String,
    pub id: i64,
}
