//! The built UI (`ui/dist`), compiled into the binary so `fiilis serve` needs no files.

use axum::body::Body;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::CONTENT_SECURITY_POLICY;

#[derive(RustEmbed)]
#[folder = "../../ui/dist"]
struct Ui;

/// What build.rs found in `ui/dist`: a change to the built UI changes it, which rebuilds this
/// crate and so embeds the UI of this tree (see build.rs). It also tags the pages, so a
/// browser that kept one can tell it is of another build.
const UI_DIGEST: &str = env!("FIILIS_UI_DIGEST");

/// Serves the phone page and its files to participants: `/` is `phone.html`.
pub(crate) async fn serve_phone_ui(uri: Uri) -> Response {
    match uri.path() {
        "/" | "/index.html" => serve_file("phone.html"),
        path => serve_file(path.trim_start_matches('/')),
    }
}

/// Serves a file of the UI; `/` is the app itself. No token is needed: the files hold no
/// workshop data, and the page reads its token from the URL fragment.
pub(crate) async fn serve_ui(uri: Uri) -> Response {
    match uri.path().trim_start_matches('/') {
        "" => serve_file("index.html"),
        path => serve_file(path),
    }
}

fn serve_file(path: &str) -> Response {
    match Ui::get(path) {
        Some(file) => {
            // Pages must be fetched anew; the hashed files they load never change.
            let cache = if path.ends_with(".html") {
                "no-cache"
            } else {
                "public, max-age=31536000, immutable"
            };
            (
                [
                    (header::CONTENT_TYPE, file.metadata.mimetype().to_owned()),
                    (header::CACHE_CONTROL, cache.to_owned()),
                    (
                        header::CONTENT_SECURITY_POLICY,
                        CONTENT_SECURITY_POLICY.to_owned(),
                    ),
                    (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
                    (header::REFERRER_POLICY, "no-referrer".to_owned()),
                    (header::ETAG, format!("W/\"{UI_DIGEST}\"")),
                ],
                Body::from(file.data.into_owned()),
            )
                .into_response()
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
