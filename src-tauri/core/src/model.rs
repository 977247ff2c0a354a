//! The workshop model as the front ends see it (the JSON shapes of docs/api.md).

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};
use ts_rs::TS;

/// Channels (web, phone, in person…) of a stage or a persona: how many, and how long each.
pub const MAX_CHANNELS: usize = 12;
pub const MAX_CHANNEL_CHARS: usize = 40;

/// The languages Fiilis speaks. A workshop has one; its template text follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Fi,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fi => "fi",
        }
    }

    pub fn parse(value: &str) -> Result<Self> {
        match value {
            "en" => Ok(Language::En),
            "fi" => Ok(Language::Fi),
            other => Err(Error::invalid(format!(
                "language must be \u{201c}en\u{201d} or \u{201c}fi\u{201d}, not \u{201c}{other}\u{201d}"
            ))),
        }
    }
}

/// The starting points a workshop can be created from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "lowercase")]
pub enum TemplateId {
    #[default]
    Blank,
    Hotel,
    Digital,
}

impl TemplateId {
    pub const ALL: [TemplateId; 3] = [TemplateId::Blank, TemplateId::Hotel, TemplateId::Digital];

    pub fn as_str(self) -> &'static str {
        match self {
            TemplateId::Blank => "blank",
            TemplateId::Hotel => "hotel",
            TemplateId::Digital => "digital",
        }
    }

    pub fn parse(value: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == value)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "template must be blank, hotel or digital, not \u{201c}{value}\u{201d}"
                ))
            })
    }
}

/// One stage (touchpoint) of a workshop's customer journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Stage {
    pub id: String,
    pub workshop_id: String,
    pub position: i64,
    pub title: String,
    pub description: String,
    pub pain_points: String,
    pub opportunities: String,
    pub channels: Vec<String>,
    pub moment_of_truth: bool,
    /// The feelings this stage is designed to evoke: keys of the feelings vocabulary (a
    /// built-in word or one of the workshop's own), at most [`MAX_DESIGNED_FEELINGS`].
    #[serde(default)]
    pub designed_feelings: Vec<String>,
    /// Arriving at this stage, customers had to explain themselves again (the pain of a
    /// channel switch that lost what they had already said).
    #[serde(default)]
    pub explain_again: bool,
}

/// How many feelings a stage may be designed to evoke.
pub const MAX_DESIGNED_FEELINGS: usize = 3;

/// What a lane of the journey map shows per stage. The first five show the stage's own
/// fields (and notes); `text` and `images` hold a cell of the lane's own per stage;
/// `metrics` and `feelings` show what was measured and felt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    Touchpoint,
    Channels,
    PainPoints,
    Opportunities,
    Notes,
    Text,
    Metrics,
    Feelings,
    Images,
}

impl LaneKind {
    pub const ALL: [LaneKind; 9] = [
        LaneKind::Touchpoint,
        LaneKind::Channels,
        LaneKind::PainPoints,
        LaneKind::Opportunities,
        LaneKind::Notes,
        LaneKind::Text,
        LaneKind::Metrics,
        LaneKind::Feelings,
        LaneKind::Images,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LaneKind::Touchpoint => "touchpoint",
            LaneKind::Channels => "channels",
            LaneKind::PainPoints => "pain_points",
            LaneKind::Opportunities => "opportunities",
            LaneKind::Notes => "notes",
            LaneKind::Text => "text",
            LaneKind::Metrics => "metrics",
            LaneKind::Feelings => "feelings",
            LaneKind::Images => "images",
        }
    }

    /// Whether a workshop may have several lanes of this kind (each with its own cells);
    /// the others show one thing of the stage and appear at most once.
    pub fn repeats(self) -> bool {
        matches!(self, LaneKind::Text | LaneKind::Images)
    }

    /// The lane's name when the facilitator has not given one.
    pub fn default_title(self, language: Language) -> &'static str {
        let (en, fi) = match self {
            LaneKind::Touchpoint => ("Touchpoint", "Kosketuspiste"),
            LaneKind::Channels => ("Channels", "Kanavat"),
            LaneKind::PainPoints => ("Pain points", "Kipupisteet"),
            LaneKind::Opportunities => ("Opportunities", "Mahdollisuudet"),
            LaneKind::Notes => ("Notes", "Muistilaput"),
            LaneKind::Text => ("Text", "Teksti"),
            LaneKind::Metrics => ("Metrics", "Mittarit"),
            LaneKind::Feelings => ("Feelings", "Tunteet"),
            LaneKind::Images => ("Images", "Kuvat"),
        };
        match language {
            Language::En => en,
            Language::Fi => fi,
        }
    }
}

/// A whole workshop, as opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Workshop {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub goal: String,
    pub facilitator: String,
    pub language: Language,
    pub template: TemplateId,
    pub created_at: String,
    pub updated_at: String,
    pub trashed_at: Option<String>,
    pub stages: Vec<Stage>,
}

/// A workshop as listed in the library: enough to find and recognise it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopSummary {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub language: Language,
    pub template: TemplateId,
    pub created_at: String,
    pub updated_at: String,
    pub trashed_at: Option<String>,
    pub stage_count: i64,
    pub note_count: i64,
    pub persona_count: i64,
    /// Present participants (removed ones left out).
    pub participant_count: i64,
    pub round_count: i64,
    /// When searching: a few words around where the search matched inside the workshop (a
    /// note, a stage, a persona, a group), or null when the title, goal or facilitator matched.
    pub matched: Option<String>,
}

/// For `Option<Option<T>>` fields of edit inputs: tells a field given as `null` (clear it,
/// `Some(None)`) apart from an absent one (leave it, `None`).
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// What `app_info` tells: the version, where the library is, and its schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub database_path: String,
    pub schema_version: i64,
}
