//! Photo notes: a photo of paper stickies or a flip chart, imported on the laptop or taken
//! on a phone, lands on the board as a note whose image is checked and scaled like persona
//! photos, travels in workshop files, and lies face down like any phone note while hidden.

mod support;

use fiilis_core::board::{NewPhotoNote, Note};
use fiilis_core::phones::PhonePhoto;
use fiilis_core::room::RoomUpdate;
use fiilis_core::Table;

fn photo(text: Option<&str>) -> NewPhotoNote {
    NewPhotoNote {
        image_base64: format!("data:image/png;base64,{}", support::png()),
        x: 100.0,
        y: 50.0,
        text: text.map(Into::into),
        cluster_id: None,
    }
}

#[test]
fn a_photo_imported_on_the_laptop_becomes_a_note_with_its_image() {
    let (_dir, library, workshop) = fiilis_testkit::library_with_hotel("Photos");
    let change = library.add_photo_note(&workshop, &photo(None)).unwrap();
    let note: Note = change.upserted(Table::Notes).remove(0);
    assert_eq!((note.text.as_str(), note.x, note.y), ("Photo", 100.0, 50.0));
    let image = library
        .get_image(&workshop, note.image_id.as_deref().unwrap())
        .unwrap();
    assert_eq!((image.width, image.height), (40, 30));
    assert!(image.data_url.starts_with("data:image/jpeg;base64,"));

    let captioned = library
        .add_photo_note(&workshop, &photo(Some("  Flip chart 2 ")))
        .unwrap();
    assert_eq!(
        captioned.upserted::<Note>(Table::Notes)[0].text,
        "Flip chart 2"
    );
    library.undo(&workshop).unwrap();
    assert_eq!(library.get_board(&workshop).unwrap().notes.len(), 1);

    for (bad, says) in [
        ("bm90IGFuIGltYWdl", "not an image"),
        ("%%%", "not valid base64"),
    ] {
        let error = library
            .add_photo_note(
                &workshop,
                &NewPhotoNote {
                    image_base64: bad.into(),
                    ..photo(None)
                },
            )
            .unwrap_err();
        assert!(error.to_string().contains(says), "{error}");
    }
    let error = library
        .add_photo_note(
            &workshop,
            &NewPhotoNote {
                x: f64::NAN,
                ..photo(None)
            },
        )
        .unwrap_err();
    assert!(error.to_string().contains("x must be a number"), "{error}");
    assert_eq!(
        library.get_board(&workshop).unwrap().notes.len(),
        1,
        "nothing half-written"
    );

    // The photo travels with the workshop.
    let file = serde_json::to_string(&library.export_workshop(&workshop).unwrap()).unwrap();
    let copy = library.import_workshop(&file).unwrap().id;
    let moved = library.get_board(&copy).unwrap().notes.remove(0);
    let image = library
        .get_image(&copy, moved.image_id.as_deref().unwrap())
        .unwrap();
    assert_eq!((image.width, image.height), (40, 30));
}

#[test]
fn a_photo_from_a_phone_lands_in_the_inbox_once_and_face_down_while_hidden() {
    let (_dir, library, workshop) = fiilis_testkit::library_with_hotel("Photos");
    let phone = fiilis_testkit::phones_writing_hidden(&library, &workshop, &["Aino"]).remove(0);
    let sent = PhonePhoto {
        client_id: "p1".into(),
        image_base64: support::png(),
        text: Some("Wall of stickies".into()),
    };
    let first = library
        .add_phone_photo(&workshop, &phone.id, &sent)
        .unwrap();
    let again = library
        .add_phone_photo(&workshop, &phone.id, &sent)
        .unwrap();
    assert_eq!(first.id, again.id, "a resent photo is stored once");
    assert_eq!(first.text, "Wall of stickies");

    let board = library.get_board(&workshop).unwrap();
    assert_eq!(board.notes.len(), 1);
    let shown = &board.notes[0];
    assert!(shown.hidden);
    assert_eq!(
        (shown.text.as_str(), shown.image_id.as_deref()),
        ("", None),
        "a face-down photo shows nothing"
    );
    assert!(shown.x < 0.0, "in the inbox, left of the board");

    library.reveal_notes(&workshop, None).unwrap();
    let shown = library.get_board(&workshop).unwrap().notes.remove(0);
    assert_eq!(shown.text, "Wall of stickies");
    assert!(library
        .get_image(&workshop, shown.image_id.as_deref().unwrap())
        .is_ok());

    // Closed brainstorming refuses a new photo, and a broken image names the field.
    let error = library
        .add_phone_photo(
            &workshop,
            &phone.id,
            &PhonePhoto {
                client_id: "p2".into(),
                image_base64: "AAAA".into(),
                text: None,
            },
        )
        .unwrap_err();
    assert!(error.to_string().contains("not an image"), "{error}");
    library
        .update_room(
            &workshop,
            &RoomUpdate {
                brainstorm_open: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
    let error = library
        .add_phone_photo(
            &workshop,
            &phone.id,
            &PhonePhoto {
                client_id: "p3".into(),
                ..sent
            },
        )
        .unwrap_err();
    assert_eq!(error.code(), "activity_closed");
}
