//! The stand-alone emotion chart SVG: a snapshot of a fixed workshop, and escaping.

use fiilis_core::emotions::{EmotionInput, RatingInput, Variant};
use fiilis_core::journey::StageEdit;
use fiilis_core::participants::Role;
use fiilis_core::personas::{Persona, PersonaFields};
use fiilis_core::workshops::NewWorkshop;
use fiilis_core::{Library, Table, TemplateId};

fn fixed_workshop(persona_names: [&str; 2]) -> (tempfile::TempDir, Library, String) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_in_dir(dir.path()).unwrap();
    let workshop = library
        .create_workshop(&NewWorkshop {
            title: "Hotel".into(),
            template: TemplateId::Hotel,
            ..Default::default()
        })
        .unwrap();
    let stages = workshop.stages.clone();
    library
        .update_stage(
            &workshop.id,
            &StageEdit {
                id: stages[3].id.clone(),
                moment_of_truth: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    let curves = [
        [-1.0, 0.0, 1.0, -2.0, 1.0, 0.0, -1.0, 1.0],
        [0.0, 1.0, 0.0, -1.0, 2.0, 1.0, 0.0, 2.0],
    ];
    for (name, curve) in persona_names.iter().zip(curves) {
        let persona: Persona = library
            .create_persona(
                &workshop.id,
                &PersonaFields {
                    name: Some((*name).into()),
                    ..Default::default()
                },
            )
            .unwrap()
            .upserted(Table::Personas)
            .remove(0);
        for (index, (stage, score)) in stages.iter().zip(curve).enumerate() {
            for (variant, value) in [
                (Variant::Current, score),
                (Variant::Target, (score + 1.0f64).min(2.0)),
            ] {
                // Leave a gap in the first persona's target curve.
                if variant == Variant::Target && index == 5 && *name == persona_names[0] {
                    continue;
                }
                library
                    .set_emotion(
                        &workshop.id,
                        &EmotionInput {
                            persona_id: persona.id.clone(),
                            stage_id: stage.id.clone(),
                            variant,
                            score: Some(value),
                            note: None,
                        },
                    )
                    .unwrap();
            }
        }
    }
    for (index, score) in [-2.0, -1.0, 1.0].iter().enumerate() {
        let rater = library
            .add_participant(
                &workshop.id,
                Some(&format!("Guest {index}")),
                Role::Customer,
            )
            .unwrap();
        for stage in &stages[..4] {
            library
                .record_rating(
                    &workshop.id,
                    &rater.id,
                    &RatingInput::new(None, &stage.id, Variant::Current, *score),
                )
                .unwrap();
        }
    }
    (dir, library, workshop.id)
}

#[test]
fn the_chart_of_a_fixed_workshop_matches_its_snapshot() {
    let (_dir, library, workshop) = fixed_workshop(["Maija, 38", "Pekka"]);
    let svg = library.emotion_chart_svg(&workshop, &[]).unwrap();
    insta::assert_snapshot!("hotel_two_personas", svg);
}

#[test]
fn only_the_chosen_personas_are_drawn() {
    let (_dir, library, workshop) = fixed_workshop(["Maija", "Pekka"]);
    let journey = library.get_journey(&workshop).unwrap();
    let svg = library
        .emotion_chart_svg(&workshop, &[journey.personas[1].id.clone()])
        .unwrap();
    assert!(svg.contains(">Pekka<"));
    assert!(!svg.contains(">Maija<"));
}

#[test]
fn names_with_markup_are_escaped_and_the_svg_is_well_formed() {
    let (_dir, library, workshop) =
        fixed_workshop([r#"<script>alert("x")</script>"#, "Tom & 'Jerry'"]);
    let svg = library.emotion_chart_svg(&workshop, &[]).unwrap();
    assert!(!svg.contains("<script"), "{svg}");
    assert!(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(svg.contains("Tom &amp; &#39;Jerry&#39;"));
    // Every element opened is closed: count tags the simple way.
    let opened =
        svg.matches("<svg").count() + svg.matches("<g ").count() + svg.matches("<g>").count();
    let closed = svg.matches("</svg>").count() + svg.matches("</g>").count();
    assert_eq!(opened, closed);
    assert_eq!(svg.matches('<').count(), svg.matches('>').count());
}
