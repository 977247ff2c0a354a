//! The UI's TypeScript types, generated from the Rust types the operations take and return.
//!
//! [`Generator`] collects the declarations of the types it is given and of every type they
//! use (through ts-rs), and writes them as one module. Core adds its operations from their
//! handler functions' signatures (see [`add_core`]); the server crate adds participant access
//! and the phones' API, and its test compares the result with the committed
//! `ui/src/lib/backend/generated.ts`, so a stale file fails the build's tests.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use ts_rs::{Config, TypeVisitor, TS};

use crate::error::Result;
use crate::rows::Table;
use crate::store::Library;

/// The ts-rs settings of the generated file: numbers are JSON numbers, not `bigint`.
pub fn config() -> Config {
    Config::new().with_large_int("number")
}

/// Adds the operation `name` typed by its handler's argument and result types.
pub(super) fn add_handler<A: TS + 'static, R: TS + 'static>(
    generator: &mut Generator,
    name: &str,
    _handler: fn(&Library, A) -> Result<R>,
) {
    generator.add_typed_operation::<A, R>(name);
}

/// Collects TypeScript declarations and operation signatures, then renders them.
pub struct Generator {
    cfg: Config,
    seen: HashSet<TypeId>,
    declarations: BTreeMap<String, String>,
    operations: Vec<(String, String, String)>,
    constants: Vec<(String, String)>,
}

impl Default for Generator {
    fn default() -> Self {
        Generator {
            cfg: config(),
            seen: HashSet::new(),
            declarations: BTreeMap::new(),
            operations: Vec::new(),
            constants: Vec::new(),
        }
    }
}

struct Collect<'g>(&'g mut Generator);

impl TypeVisitor for Collect<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        self.0.add_type::<T>();
    }
}

impl Generator {
    /// Declares `T` and every type it uses.
    pub fn add_type<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            let name = T::ident(&self.cfg);
            let declaration = T::decl(&self.cfg);
            let docs = T::docs()
                .map(|docs| format!("{}\n", docs.trim_end()))
                .unwrap_or_default();
            self.declarations
                .entry(name)
                .or_insert_with(|| format!("{docs}export {declaration}"));
        }
        T::visit_dependencies(&mut Collect(self));
        T::visit_generics(&mut Collect(self));
    }

    /// Declares `T` and every type it uses, and answers its TypeScript name.
    pub fn name_of<T: TS + 'static + ?Sized>(&mut self) -> String {
        self.add_type::<T>();
        T::name(&self.cfg)
    }

    /// Adds a declaration written here rather than derived (`export` is prepended).
    pub fn add_declaration(&mut self, name: &str, declaration: String) {
        self.declarations
            .insert(name.to_owned(), format!("export {declaration}"));
    }

    /// Adds an operation with its argument and result types (already given as TypeScript).
    fn add_operation(&mut self, name: &str, input: String, output: String) {
        self.operations.push((name.to_owned(), input, output));
    }

    /// Adds an operation whose argument and result types are `A` and `R`.
    pub fn add_typed_operation<A: TS + 'static, R: TS + 'static>(&mut self, name: &str) {
        self.add_type::<A>();
        self.add_type::<R>();
        let (input, output) = (A::name(&self.cfg), R::name(&self.cfg));
        self.add_operation(name, input, output);
    }

    /// Adds `export const NAME = <value as JSON> as const;`.
    pub fn add_constant(&mut self, name: &str, value: &serde_json::Value) {
        self.constants.push((name.to_owned(), value.to_string()));
    }

    /// The whole module.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "// Generated from the Rust types by the server crate's `typescript` test: do not edit.\n\
             // Run `FIILIS_BLESS=1 cargo test -p fiilis-server --test typescript` after changing\n\
             // a type the API takes or returns.\n\n",
        );
        for declaration in self.declarations.values() {
            out.push_str(declaration);
            out.push_str("\n\n");
        }
        for (name, value) in &self.constants {
            out.push_str(&format!("export const {name} = {value} as const;\n\n"));
        }
        out.push_str("/** The operations answered by core and participant access, by name. */\n");
        out.push_str("export interface GeneratedOperations {\n");
        for (name, input, output) in &self.operations {
            out.push_str(&format!(
                "  {name}: {{ input: {input}; output: {output} }};\n"
            ));
        }
        out.push_str("}\n");
        out
    }
}

/// Adds every core operation, from its handler's signature, and the list's names.
pub fn add_core(generator: &mut Generator) {
    super::add_core_operations(generator);
    generator.add_type::<crate::error::ErrorCode>();
    generator.add_type::<crate::error::WireError>();
    generator.add_type::<crate::change::Change>();
    add_changed_rows(generator);
    add_constants(generator);
    let names = |by| {
        serde_json::Value::from(
            super::ALL
                .iter()
                .filter(|operation| operation.answered_by == by)
                .map(|operation| operation.name)
                .collect::<Vec<_>>(),
        )
    };
    generator.add_constant("CORE_OPERATIONS", &names(super::AnsweredBy::Core));
    generator.add_constant("ACCESS_OPERATIONS", &names(super::AnsweredBy::Access));
    generator.add_constant("DESKTOP_OPERATIONS", &names(super::AnsweredBy::Desktop));
}

/// The palette and the limits of every text, so the UI warns at the same length core refuses.
fn add_constants(generator: &mut Generator) {
    use crate::{board, emotions, journey, model, palette, participants, personas, workshops};
    use serde_json::json;
    generator.add_constant("NOTE_COLOURS", &json!(palette::NOTE_COLOURS));
    generator.add_constant("AVATAR_COLOURS", &json!(palette::AVATAR_COLOURS));
    generator.add_constant("NOTE_INK", &json!(palette::NOTE_INK));
    let ((min_width, max_width), (min_height, max_height)) = crate::sections::NOTE_SIZE_LIMITS;
    generator.add_constant(
        "NOTE_SIZE",
        &json!({
            "width": crate::sections::NOTE_WIDTH,
            "height": crate::sections::NOTE_HEIGHT,
            "min_width": min_width,
            "max_width": max_width,
            "min_height": min_height,
            "max_height": max_height,
        }),
    );
    // A section's grid, so the board can preview a move or a resize as core will lay it out.
    generator.add_constant(
        "SECTION_GRID",
        &json!({
            "title_height": crate::sections::TITLE_HEIGHT,
            "padding": crate::sections::PADDING,
            "gap": crate::sections::GAP,
            "max_columns": crate::sections::MAX_COLUMNS,
        }),
    );
    generator.add_constant("ACCENT", &json!(palette::ACCENT));
    generator.add_constant(
        "FILE_SUFFIX",
        &json!(crate::files::FileFormat::ALL
            .iter()
            .map(|format| (
                json!(format).as_str().unwrap_or_default().to_owned(),
                json!(format.suffix())
            ))
            .collect::<serde_json::Map<_, _>>()),
    );
    generator.add_constant(
        "NOTE_SWATCHES",
        &json!(palette::NOTE_SWATCHES
            .iter()
            .map(|s| (
                s.colour.to_owned(),
                json!({ "fill": s.fill, "edge": s.edge, "en": s.en, "fi": s.fi })
            ))
            .collect::<serde_json::Map<_, _>>()),
    );
    generator.add_constant(
        "SERIES_COLOURS",
        &json!({ "light": palette::SERIES_COLOURS, "dark": palette::SERIES_COLOURS_DARK }),
    );
    generator.add_constant("SERIES_MARKERS", &json!(palette::SERIES_MARKERS));
    generator.add_constant(
        "LIMITS",
        &json!({
            "title": workshops::MAX_TITLE_CHARS,
            "goal": workshops::MAX_GOAL_CHARS,
            "facilitator": workshops::MAX_FACILITATOR_CHARS,
            "note_text": board::MAX_NOTE_CHARS,
            "notes_per_call": board::MAX_NOTES_PER_CALL,
            "cluster_title": workshops::MAX_TITLE_CHARS,
            "participant_name": participants::MAX_NAME_CHARS,
            "stage_title": workshops::MAX_TITLE_CHARS,
            "stage_text": journey::MAX_STAGE_TEXT_CHARS,
            "channels": model::MAX_CHANNELS,
            "channel": model::MAX_CHANNEL_CHARS,
            "persona_name": personas::MAX_NAME_CHARS,
            "age": personas::MAX_AGE_CHARS,
            "short_text": personas::MAX_SHORT_CHARS,
            "long_text": personas::MAX_LONG_CHARS,
            "sections": personas::MAX_SECTIONS,
            "section_title": personas::MAX_NAME_CHARS,
            "section_text": personas::MAX_LONG_CHARS,
            "section_items": personas::MAX_SECTION_ITEMS,
            "section_item": personas::MAX_SHORT_CHARS,
            "emotion_note": emotions::MAX_NOTE_CHARS,
            "lanes": crate::lanes::MAX_LANES,
            "lane_cell": crate::lanes::MAX_CELL_CHARS,
            "feeling_word": crate::feelings::MAX_WORD_CHARS,
            "designed_feelings": model::MAX_DESIGNED_FEELINGS,
            "felt_feelings": crate::feelings::MAX_FELT,
            "question_prompt": crate::questions::MAX_PROMPT_CHARS,
            "poll_options": crate::questions::MAX_OPTIONS,
            "poll_option": crate::questions::MAX_OPTION_CHARS,
            "answer_text": crate::questions::MAX_ANSWER_CHARS,
            "figure_source": crate::figures::MAX_SOURCE_CHARS,
            "top_ideas": crate::voting::MAX_TOP_IDEAS,
        }),
    );
    // Each scored question's answers, and the range of its figure: phones draw their
    // buttons from these, the journey's figure form checks against them.
    generator.add_constant(
        "QUESTION_SCALES",
        &json!(crate::metrics::QuestionKind::ALL
            .iter()
            .filter_map(|kind| Some((
                kind.as_str().to_owned(),
                json!({ "scores": kind.score_range()?, "figure": kind.figure_range()? })
            )))
            .collect::<serde_json::Map<_, _>>()),
    );
    generator.add_constant("SMALL_N", &json!(crate::metrics::SMALL_N));
}

/// The type of each content table's rows, as a [`crate::change::Change`] lists them.
fn row_type(generator: &mut Generator, table: Table) -> String {
    use crate::{
        board, emotions, exchange, feelings, figures, lanes, model, participants, personas,
        questions, voting,
    };
    match table {
        Table::Stages => generator.name_of::<model::Stage>(),
        Table::Participants => generator.name_of::<participants::Participant>(),
        Table::Personas => generator.name_of::<personas::Persona>(),
        Table::Clusters => generator.name_of::<board::Cluster>(),
        Table::Notes => generator.name_of::<board::Note>(),
        Table::Emotions => generator.name_of::<emotions::EmotionPoint>(),
        Table::Ratings => generator.name_of::<emotions::Rating>(),
        Table::VotingRounds => generator.name_of::<voting::VotingRound>(),
        Table::Votes => generator.name_of::<voting::Vote>(),
        Table::RoundDone => generator.name_of::<exchange::RoundDone>(),
        Table::Feelings => generator.name_of::<feelings::OwnFeeling>(),
        Table::Lanes => generator.name_of::<lanes::Lane>(),
        Table::LaneCells => generator.name_of::<lanes::LaneCell>(),
        Table::StageFigures => generator.name_of::<figures::StageFigure>(),
        Table::Questions => generator.name_of::<questions::Question>(),
        Table::Answers => generator.name_of::<questions::Answer>(),
        // Rows the UIs do not read field by field: they reload the journey or the room.
        Table::JourneySettings | Table::Room => generator.name_of::<serde_json::Value>(),
    }
}

/// `ChangedRows` and `ChangedIds`: a change's rows and removed ids, table by table.
fn add_changed_rows(generator: &mut Generator) {
    let rows: Vec<String> = Table::ALL
        .iter()
        .map(|table| format!("{}: Array<{}>", table.name(), row_type(generator, *table)))
        .collect();
    generator.add_declaration(
        "ChangedRows",
        format!("type ChangedRows = {{ {} }};", rows.join(", ")),
    );
    generator.add_declaration(
        "ChangedIds",
        "type ChangedIds = { [table in keyof ChangedRows]: Array<string> };".to_owned(),
    );
    let tables: Vec<&str> = Table::ALL.iter().map(|table| table.name()).collect();
    generator.add_constant("CHANGE_TABLES", &serde_json::json!(tables));
}
