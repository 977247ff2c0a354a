//! The UI's TypeScript types are generated from the Rust types: this test writes them with
//! `FIILIS_BLESS=1` and otherwise fails when the committed file is stale, so the UI can never
//! compile against a shape the backend no longer has.

use std::path::Path;

#[test]
fn the_generated_typescript_matches_the_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/backend/generated.ts");
    let expected = fiilis_server::typescript();
    if std::env::var_os("FIILIS_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == expected,
        "ui/src/lib/backend/generated.ts is stale: run \
         FIILIS_BLESS=1 cargo test -p fiilis-server --test typescript"
    );
}

#[test]
fn every_core_and_access_operation_is_typed_and_every_error_code_listed() {
    let text = fiilis_server::typescript();
    for operation in fiilis_core::api::ALL {
        if operation.answered_by != fiilis_core::api::AnsweredBy::Desktop {
            assert!(
                text.contains(&format!("  {}: {{ input: ", operation.name)),
                "{} has no typed signature",
                operation.name
            );
        }
    }
    for code in fiilis_core::error::ErrorCode::ALL {
        assert!(text.contains(&format!("\"{}\"", code.as_str())), "{code}");
    }
}
