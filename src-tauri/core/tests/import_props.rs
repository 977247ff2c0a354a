//! Property tests of the workshop file. Generated workshops, built through the real
//! operations into a real library, survive export → import → export unchanged (ids aside)
//! and validate against docs/workshop-format.schema.json; and a valid file, however it is
//! damaged, never makes the importer panic: it is either read in whole or refused with an
//! `invalid_input` message, and then nothing at all was written.

mod support;

use std::sync::OnceLock;

use fiilis_core::board::{NewNote, Note};
use fiilis_core::emotions::{EmotionInput, RatingInput, Scale, Variant};
use fiilis_core::journey::StageEdit;
use fiilis_core::palette::{AVATAR_COLOURS, NOTE_COLOURS as PALETTE};
use fiilis_core::participants::Role;
use fiilis_core::personas::{Persona, PersonaFields, Section, SectionBody};
use fiilis_core::report::{PaperSize, ReportFormat};
use fiilis_core::voting::{NewRound, VotingRound};
use fiilis_core::workshops::NewWorkshop;
use fiilis_core::{Language, Library, Table, TemplateId};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};
use support::import_file::import_bytes;
use support::{counts, library, normalised, png, rich_workshop};

/// Characters that have broken text handling somewhere: emoji, right-to-left text and
/// overrides, combining and zero-width marks, a byte order mark, control characters (never
/// NUL), and what JSON, HTML and spreadsheets treat specially.
const AWKWARD: &[char] = &[
    '😀', '🇫', '👩', '\u{200d}', '\u{fe0f}', 'א', 'ש', 'ع', 'ڤ', '\u{202e}', '\u{202b}',
    '\u{2066}', '\u{301}', '\u{200b}', '\u{feff}', '\u{1}', '\u{8}', '\u{1b}', '\u{1f}', '\u{7f}',
    '\u{85}', '\u{a0}', '\u{2028}', '\n', '\t', '"', '\\', '<', '&', '=', '\'',
];

/// Any text of up to `max` characters that does not trim to nothing, NUL aside.
fn text(max: usize) -> impl Strategy<Value = String> {
    let any_char = prop_oneof![
        3 => any::<char>().prop_filter("no NUL", |c| *c != '\0'),
        2 => prop::sample::select(AWKWARD),
        2 => prop::char::range('a', 'z'),
    ];
    let visible = prop_oneof![
        prop::char::range('A', 'Z'),
        prop::sample::select(vec!['😀', 'א', 'ع', 'Ä', 'ö'])
    ];
    (visible, prop::collection::vec(any_char, 0..max))
        .prop_map(|(first, rest)| std::iter::once(first).chain(rest).collect())
}

#[derive(Debug, Clone)]
struct NotePlan {
    text: String,
    colour: &'static str,
    x: f64,
    y: f64,
    stage: Option<Index>,
    persona: Option<Index>,
    author: Option<Index>,
}

#[derive(Debug, Clone)]
struct PointPlan {
    who: Index,
    persona: Option<Index>,
    stage: Index,
    variant: Variant,
    /// Where on the workshop's scale, from worst (0) to best (1).
    at: f64,
}

#[derive(Debug, Clone)]
struct RoundPlan {
    title: Option<String>,
    votes: Vec<(Index, Index)>,
    done: Vec<Index>,
}

/// A workshop to build: what each operation is given, references as indexes into what
/// exists by then.
#[derive(Debug, Clone)]
struct Plan {
    title: String,
    goal: String,
    language: Language,
    template: TemplateId,
    scale: Scale,
    extra_stages: Vec<String>,
    stage_edit: Option<(Index, String, Vec<String>, bool)>,
    participants: Vec<(Option<String>, Role)>,
    personas: Vec<(String, &'static str, String, Vec<String>)>,
    photo: bool,
    notes: Vec<NotePlan>,
    clusters: Vec<(String, Vec<Index>)>,
    emotions: Vec<PointPlan>,
    ratings: Vec<PointPlan>,
    round: Option<RoundPlan>,
}

fn variant() -> impl Strategy<Value = Variant> {
    prop_oneof![Just(Variant::Current), Just(Variant::Target)]
}

fn point() -> impl Strategy<Value = PointPlan> {
    (
        any::<Index>(),
        prop::option::of(any::<Index>()),
        any::<Index>(),
        variant(),
        0.0..=1.0f64,
    )
        .prop_map(|(who, persona, stage, variant, at)| PointPlan {
            who,
            persona,
            stage,
            variant,
            at,
        })
}

fn plan() -> impl Strategy<Value = Plan> {
    let header = (
        text(60),
        prop::option::of(text(80)).prop_map(Option::unwrap_or_default),
        prop_oneof![Just(Language::En), Just(Language::Fi)],
        prop::sample::select(TemplateId::ALL.to_vec()),
        prop_oneof![
            Just(Scale::MinusTwoToTwo),
            Just(Scale::MinusThreeToThree),
            Just(Scale::OneToTen)
        ],
    );
    let journey = (
        prop::collection::vec(text(30), 0..3),
        prop::option::of((
            any::<Index>(),
            text(80),
            prop::collection::vec(text(20), 0..3),
            any::<bool>(),
        )),
        prop::collection::vec(
            (
                prop::option::of(text(30)),
                prop_oneof![
                    Just(Role::Customer),
                    Just(Role::Employee),
                    Just(Role::Stakeholder)
                ],
            ),
            0..4,
        ),
        prop::collection::vec(
            (
                text(40),
                prop::sample::select(AVATAR_COLOURS.to_vec()),
                text(60),
                prop::collection::vec(text(20), 0..3),
            ),
            0..3,
        ),
        any::<bool>(),
    );
    let note = (
        text(120),
        prop::sample::select(PALETTE.to_vec()),
        -1.0e6..=1.0e6f64,
        -1.0e6..=1.0e6f64,
        prop::option::of(any::<Index>()),
        prop::option::of(any::<Index>()),
        prop::option::of(any::<Index>()),
    )
        .prop_map(|(text, colour, x, y, stage, persona, author)| NotePlan {
            text,
            colour,
            x,
            y,
            stage,
            persona,
            author,
        });
    let board = (
        prop::collection::vec(note, 0..8),
        prop::collection::vec(
            (text(30), prop::collection::vec(any::<Index>(), 1..3)),
            0..3,
        ),
        prop::collection::vec(point(), 0..5),
        prop::collection::vec(point(), 0..5),
        prop::option::of(
            (
                prop::option::of(text(30)),
                prop::collection::vec((any::<Index>(), any::<Index>()), 0..4),
                prop::collection::vec(any::<Index>(), 0..3),
            )
                .prop_map(|(title, votes, done)| RoundPlan { title, votes, done }),
        ),
    );
    (header, journey, board).prop_map(
        |(
            (title, goal, language, template, scale),
            (extra_stages, stage_edit, participants, personas, photo),
            (notes, clusters, emotions, ratings, round),
        )| Plan {
            title,
            goal,
            language,
            template,
            scale,
            extra_stages,
            stage_edit,
            participants,
            personas,
            photo,
            notes,
            clusters,
            emotions,
            ratings,
            round,
        },
    )
}

fn pick<'a, T>(items: &'a [T], index: &Index) -> Option<&'a T> {
    (!items.is_empty()).then(|| index.get(items))
}

/// Builds the plan through the library's operations; returns the workshop's id.
fn build(library: &Library, plan: &Plan) -> String {
    let workshop = library
        .create_workshop(&NewWorkshop {
            title: plan.title.clone(),
            goal: plan.goal.clone(),
            language: plan.language,
            template: plan.template,
            ..Default::default()
        })
        .unwrap();
    let id = workshop.id;
    library.set_emotion_scale(&id, plan.scale).unwrap();
    for title in &plan.extra_stages {
        library.create_stage(&id, title, None).unwrap();
    }
    let stages: Vec<String> = library
        .get_journey(&id)
        .unwrap()
        .stages
        .into_iter()
        .map(|stage| stage.id)
        .collect();
    if let Some((index, pains, channels, moment)) = &plan.stage_edit {
        if let Some(stage) = pick(&stages, index) {
            library
                .update_stage(
                    &id,
                    &StageEdit {
                        id: stage.clone(),
                        pain_points: Some(pains.clone()),
                        channels: Some(channels.clone()),
                        moment_of_truth: Some(*moment),
                        ..Default::default()
                    },
                )
                .unwrap();
        }
    }
    let participants: Vec<String> = plan
        .participants
        .iter()
        .map(|(name, role)| {
            library
                .add_participant(&id, name.as_deref(), *role)
                .unwrap()
                .id
        })
        .collect();
    let personas: Vec<String> = plan
        .personas
        .iter()
        .map(|(name, colour, quote, tags)| {
            let persona: Persona = library
                .create_persona(
                    &id,
                    &PersonaFields {
                        name: Some(name.clone()),
                        avatar_colour: Some((*colour).to_owned()),
                        quote: Some(quote.clone()),
                        sections: Some(vec![Section {
                            id: String::new(),
                            title: "Tags".into(),
                            body: SectionBody::Tags {
                                items: tags.clone(),
                            },
                        }]),
                        ..Default::default()
                    },
                )
                .unwrap()
                .upserted(Table::Personas)
                .remove(0);
            persona.id
        })
        .collect();
    if let (true, Some(persona)) = (plan.photo, personas.first()) {
        library
            .set_persona_photo(&id, persona, Some(photo()))
            .unwrap();
    }
    let new_notes: Vec<NewNote> = plan
        .notes
        .iter()
        .map(|note| NewNote {
            text: note.text.clone(),
            colour: note.colour.to_owned(),
            x: note.x,
            y: note.y,
            cluster_id: None,
            stage_id: note.stage.and_then(|i| pick(&stages, &i).cloned()),
            persona_id: note.persona.and_then(|i| pick(&personas, &i).cloned()),
            author_id: note.author.and_then(|i| pick(&participants, &i).cloned()),
        })
        .collect();
    let notes: Vec<String> = if new_notes.is_empty() {
        Vec::new()
    } else {
        library
            .create_notes(&id, &new_notes)
            .unwrap()
            .upserted::<Note>(Table::Notes)
            .into_iter()
            .map(|note| note.id)
            .collect()
    };
    for (title, members) in &plan.clusters {
        let members: Vec<String> = members
            .iter()
            .filter_map(|i| pick(&notes, i).cloned())
            .collect();
        if !members.is_empty() {
            library.group_notes(&id, title, &members).unwrap();
        }
    }
    let (worst, best) = plan.scale.bounds();
    for point in &plan.emotions {
        if let (Some(persona), Some(stage)) =
            (pick(&personas, &point.who), pick(&stages, &point.stage))
        {
            library
                .set_emotion(
                    &id,
                    &EmotionInput {
                        persona_id: persona.clone(),
                        stage_id: stage.clone(),
                        variant: point.variant,
                        score: Some(worst + point.at * (best - worst)),
                        note: Some(format!("{:.2}", point.at)),
                    },
                )
                .unwrap();
        }
    }
    for rating in &plan.ratings {
        if let (Some(participant), Some(stage)) = (
            pick(&participants, &rating.who),
            pick(&stages, &rating.stage),
        ) {
            let persona = rating.persona.and_then(|i| pick(&personas, &i).cloned());
            library
                .record_rating(
                    &id,
                    participant,
                    &RatingInput::new(
                        persona.as_deref(),
                        stage,
                        rating.variant,
                        worst + rating.at * (best - worst),
                    ),
                )
                .unwrap();
        }
    }
    if let Some(plan) = &plan.round {
        let round: VotingRound = library
            .create_round(
                &id,
                &NewRound {
                    title: plan.title.clone(),
                    ..NewRound::default()
                },
            )
            .unwrap()
            .upserted(Table::VotingRounds)
            .remove(0);
        for (n, (who, note)) in plan.votes.iter().enumerate() {
            if let (Some(participant), Some(note)) = (pick(&participants, who), pick(&notes, note))
            {
                // A budget or per-note cap reached is a refusal, as it would be in a room.
                let _ = library.cast_vote(&id, &round.id, participant, note, &format!("c{n}"));
            }
        }
        for who in &plan.done {
            if let Some(participant) = pick(&participants, who) {
                library.mark_done(&id, &round.id, participant).unwrap();
            }
        }
    }
    id
}

/// A small PNG, made once.
fn photo() -> &'static str {
    static PHOTO: OnceLock<String> = OnceLock::new();
    PHOTO.get_or_init(png)
}

fn schema() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/workshop-format.schema.json"
        );
        let schema = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        jsonschema::draft202012::new(&schema).unwrap()
    })
}

fn schema_complaints(file: &Value) -> Vec<String> {
    schema()
        .iter_errors(file)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

/// Few cases, so the file runs in seconds in a debug build; every commit is synced to disk.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Failures are reported with their input; nothing is written into the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// The cases share their libraries: opening new ones per case would spend most of the run
// creating SQLite files. Each case makes a workshop of its own in them.
#[test]
fn generated_workshops_survive_export_import_export() {
    let (_a, source) = library();
    let (_b, target) = library();
    let outcome = TestRunner::new(config(24)).run(&plan(), |plan| {
        let workshop = build(&source, &plan);
        let first = source.export_workshop(&workshop).unwrap();
        let text = serde_json::to_string_pretty(&first).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(schema_complaints(&value), Vec::<String>::new());

        let imported = target.import_workshop(&text).unwrap();
        let second = target.export_workshop(&imported.id).unwrap();
        prop_assert_eq!(normalised(&second), normalised(&first));
        prop_assert_eq!(
            schema_complaints(&serde_json::to_value(&second).unwrap()),
            Vec::<String>::new()
        );
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}

/// A change to a valid file.
#[derive(Debug, Clone)]
enum Mutation {
    /// Removes a field of some object.
    Drop(Index),
    /// Puts a value (usually of another type) in place of some value.
    Replace(Index, Value),
    /// Repeats an item of some list, with a new id where it has one.
    Repeat(Index, Index),
    /// Cuts the file's text off.
    Truncate(Index),
    /// Overwrites some bytes.
    Bytes(Vec<(Index, u8)>),
    /// No file at all, just bytes.
    Garbage(Vec<u8>),
}

fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![Just(0i64), Just(1), Just(-1), Just(100)].prop_map(Value::from),
        any::<f64>().prop_map(|n| json!(n)),
        Just(json!(u64::MAX)),
        prop_oneof![Just(String::new()), Just(" ".to_owned()), text(12)].prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
        Just(json!([{}])),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::Drop),
        4 => (any::<Index>(), any_value()).prop_map(|(at, value)| Mutation::Replace(at, value)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(list, item)| Mutation::Repeat(list, item)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => prop::collection::vec((any::<Index>(), any::<u8>()), 1..8).prop_map(Mutation::Bytes),
        1 => prop::collection::vec(any::<u8>(), 0..200).prop_map(Mutation::Garbage),
    ]
}

/// JSON pointers of every value below the root.
fn pointers(value: &Value, at: &str, into: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map
            .iter()
            .map(|(key, child)| (key.replace('~', "~0").replace('/', "~1"), child))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, child)| (index.to_string(), child))
            .collect(),
        _ => Vec::new(),
    };
    for (key, child) in children {
        let pointer = format!("{at}/{key}");
        into.push(pointer.clone());
        pointers(child, &pointer, into);
    }
}

/// Applies the mutation to the valid file; returns the bytes to read and, when they are
/// still JSON, the document.
fn mutate(good: &Value, mutation: &Mutation) -> (Vec<u8>, Option<Value>) {
    let mut file = good.clone();
    let mut all = Vec::new();
    pointers(&file, "", &mut all);
    let parent_and_key = |pointer: &str| {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        (parent.to_owned(), key.replace("~1", "/").replace("~0", "~"))
    };
    match mutation {
        Mutation::Drop(at) => {
            let fields: Vec<&String> = all
                .iter()
                .filter(|p| {
                    file.pointer(&parent_and_key(p).0)
                        .is_some_and(Value::is_object)
                })
                .collect();
            let field: &&String = at.get(&fields);
            let (parent, key) = parent_and_key(field);
            file.pointer_mut(&parent)
                .and_then(Value::as_object_mut)
                .unwrap()
                .remove(&key);
        }
        Mutation::Replace(at, value) => {
            let pointer: &String = at.get(&all);
            *file.pointer_mut(pointer).unwrap() = value.clone();
        }
        Mutation::Repeat(list, item) => {
            let lists: Vec<&String> = all
                .iter()
                .filter(|p| {
                    file.pointer(p)
                        .and_then(Value::as_array)
                        .is_some_and(|a| !a.is_empty())
                })
                .collect();
            let pointer: &&String = list.get(&lists);
            let items = file.pointer_mut(pointer).unwrap().as_array_mut().unwrap();
            let mut copy = item.get(items).clone();
            if let Some(id) = copy.get_mut("id") {
                *id = Value::from("repeated");
            }
            items.push(copy);
        }
        Mutation::Truncate(at) => {
            let bytes = serde_json::to_vec_pretty(good).unwrap();
            let end = at.index(bytes.len());
            return (bytes[..end].to_vec(), None);
        }
        Mutation::Bytes(changes) => {
            let mut bytes = serde_json::to_vec_pretty(good).unwrap();
            for (at, byte) in changes {
                let at = at.index(bytes.len());
                bytes[at] = *byte;
            }
            let still = serde_json::from_slice(&bytes).ok();
            return (bytes, still);
        }
        Mutation::Garbage(bytes) => return (bytes.clone(), None),
    }
    (serde_json::to_vec_pretty(&file).unwrap(), Some(file))
}

/// The rich workshop's file, exported once.
fn good_file() -> &'static Value {
    static GOOD: OnceLock<Value> = OnceLock::new();
    GOOD.get_or_init(|| {
        let (_dir, source) = library();
        let workshop = rich_workshop(&source);
        serde_json::to_value(source.export_workshop(&workshop).unwrap()).unwrap()
    })
}

#[test]
fn a_damaged_file_is_read_whole_or_refused_with_nothing_written() {
    let (dir, target) = library();
    let outcome = TestRunner::new(config(64)).run(&mutation(), |mutation| {
        let (bytes, document) = mutate(good_file(), &mutation);
        let before = counts(&target);
        match import_bytes(&target, dir.path(), &bytes) {
            Ok(workshop) => {
                prop_assert_eq!(counts(&target)[0], before[0] + 1, "one new workshop");
                target.export_workshop(&workshop.id).unwrap();
                // What import accepts, the health check accepts and every report renders.
                let health = target.check().unwrap();
                prop_assert!(health.ok, "{:?}", health);
                for format in [ReportFormat::Html, ReportFormat::Md, ReportFormat::Csv] {
                    target.export_report(&workshop.id, format).unwrap();
                }
                target.export_pdf(&workshop.id, PaperSize::A4).unwrap();
                target.emotion_chart_svg(&workshop.id, &[]).unwrap();
                // What the importer takes in, the schema allows.
                if let Some(document) = document {
                    prop_assert_eq!(schema_complaints(&document), Vec::<String>::new());
                }
            }
            Err(error) => {
                prop_assert_eq!(error.code(), "invalid_input", "{}", error);
                prop_assert!(!error.to_string().is_empty());
                prop_assert_eq!(counts(&target), before, "refused, yet written: {}", error);
            }
        }
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}
