//! Persona photos: checked to really be images, scaled down, and stored once.
//!
//! Whatever a facilitator drops in (a 20-megapixel phone photo, a file that only claims to
//! be a PNG) is decoded with limits, scaled to fit 512 × 512 and re-encoded, so the library
//! and every report carry a small, known-good image.

use std::io::Cursor;

use base64::Engine;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::change::Change;
use crate::error::{Error, Result};
use crate::ids::{new_id, now};
use crate::personas::{load_persona, save_persona};
use crate::store::Library;
use ts_rs::TS;

/// The largest file accepted, before it is scaled down.
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;
/// Photos are scaled to fit a square of this many pixels.
pub const PHOTO_SIZE: u32 = 512;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Image {
    pub id: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    pub data_url: String,
}

/// A decoded, scaled and re-encoded image, ready to store.
pub(crate) struct Prepared {
    mime: &'static str,
    width: u32,
    height: u32,
    bytes: Vec<u8>,
}

pub(crate) fn decode_base64(text: &str) -> Result<Vec<u8>> {
    // Accept a data URL as browsers produce it, as well as bare base64.
    let text = text
        .split_once(";base64,")
        .map_or(text, |(_, data)| data)
        .trim();
    if text.len() > MAX_IMAGE_BYTES / 3 * 4 + 4 {
        return Err(too_large(text.len() / 4 * 3));
    }
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|error| Error::invalid(format!("image_base64 is not valid base64: {error}")))
}

fn too_large(bytes: usize) -> Error {
    Error::invalid(format!(
        "the image is {:.1} MB; the limit is {} MB",
        bytes as f64 / 1024.0 / 1024.0,
        MAX_IMAGE_BYTES / 1024 / 1024
    ))
}

pub(crate) fn prepare(bytes: &[u8]) -> Result<Prepared> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(too_large(bytes.len()));
    }
    let format = image::guess_format(bytes)
        .map_err(|_| Error::invalid("the file is not an image (PNG, JPEG or WebP)"))?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return Err(Error::invalid(format!(
            "{format:?} images are not supported; use PNG, JPEG or WebP"
        )));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader
        .decode()
        .map_err(|error| Error::invalid(format!("the image could not be read: {error}")))?;
    let scaled = if decoded.width() > PHOTO_SIZE || decoded.height() > PHOTO_SIZE {
        decoded.thumbnail(PHOTO_SIZE, PHOTO_SIZE)
    } else {
        decoded
    };
    // Photos travel as JPEG; only images with transparency stay PNG to keep it.
    let (format, mime, image) = if scaled.color().has_alpha() {
        (
            ImageFormat::Png,
            "image/png",
            DynamicImage::ImageRgba8(scaled.to_rgba8()),
        )
    } else {
        (
            ImageFormat::Jpeg,
            "image/jpeg",
            DynamicImage::ImageRgb8(scaled.to_rgb8()),
        )
    };
    let mut encoded = Cursor::new(Vec::new());
    image
        .write_to(&mut encoded, format)
        .map_err(|error| Error::Corrupt(format!("re-encoding the image failed: {error}")))?;
    Ok(Prepared {
        mime,
        width: image.width(),
        height: image.height(),
        bytes: encoded.into_inner(),
    })
}

impl Prepared {
    /// The image as a data URL, as the UI and the reports take it.
    pub(crate) fn data_url(&self) -> String {
        format!(
            "data:{};base64,{}",
            self.mime,
            base64::engine::general_purpose::STANDARD.encode(&self.bytes)
        )
    }
}

/// An image sent as base64 (or a data URL), checked and prepared as [`prepare`] does.
pub(crate) fn prepare_base64(text: &str) -> Result<Prepared> {
    prepare(&decode_base64(text)?)
}

/// Checks an image from a workshop file. One that is already a PNG or JPEG within the photo
/// size is kept byte for byte, so files round-trip unchanged; anything else is prepared anew.
pub(crate) fn verify(bytes: &[u8]) -> Result<Prepared> {
    let prepared = prepare(bytes)?;
    let kept = match image::guess_format(bytes) {
        Ok(ImageFormat::Png) => Some("image/png"),
        Ok(ImageFormat::Jpeg) => Some("image/jpeg"),
        _ => None,
    };
    // `prepare` decoded the whole image already; the size needs only the header.
    let (width, height) = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|reader| reader.into_dimensions().ok())
        .unwrap_or((0, 0));
    match kept {
        Some(mime) if (width, height) == (prepared.width, prepared.height) => Ok(Prepared {
            mime,
            width,
            height,
            bytes: bytes.to_vec(),
        }),
        _ => Ok(prepared),
    }
}

pub(crate) fn store_image(
    conn: &rusqlite::Connection,
    workshop_id: &str,
    id: &str,
    image: &Prepared,
) -> Result<()> {
    conn.execute(
        "INSERT INTO images (id, workshop_id, mime, width, height, data, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            workshop_id,
            image.mime,
            image.width,
            image.height,
            image.bytes,
            now()
        ],
    )?;
    Ok(())
}

/// The stored bytes of every image of a workshop, for export.
pub(crate) fn images_of(
    conn: &rusqlite::Connection,
    workshop_id: &str,
) -> Result<Vec<(String, Vec<u8>)>> {
    Ok(conn
        .prepare_cached("SELECT id, data FROM images WHERE workshop_id = ?1 ORDER BY id")?
        .query_map([workshop_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

impl Library {
    /// Sets (or with `None` removes) a persona's photo from a base64-encoded file.
    pub fn set_persona_photo(
        &self,
        workshop_id: &str,
        persona_id: &str,
        image_base64: Option<&str>,
    ) -> Result<Change> {
        let prepared = image_base64
            .map(|text| decode_base64(text).and_then(|bytes| prepare(&bytes)))
            .transpose()?;
        self.edit(workshop_id, "set_persona_photo", |conn, recorder| {
            let mut persona = load_persona(conn, workshop_id, persona_id)?;
            persona.photo_id = match prepared {
                None => None,
                Some(image) => {
                    let id = new_id();
                    store_image(conn, workshop_id, &id, &image)?;
                    Some(id)
                }
            };
            persona.updated_at = now();
            save_persona(conn, recorder, &persona)
        })
    }

    /// An image of the workshop as a data URL for `<img src>`.
    pub fn get_image(&self, workshop_id: &str, id: &str) -> Result<Image> {
        self.read(|conn| {
            let found: Option<(String, u32, u32, Vec<u8>)> = conn
                .prepare_cached(
                    "SELECT mime, width, height, data FROM images WHERE id = ?1 AND workshop_id = ?2",
                )?
                .query_row(params![id, workshop_id], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                })
                .optional()?;
            let (mime, width, height, data) = found.ok_or_else(|| Error::NotFound {
                kind: "image",
                id: id.to_owned(),
            })?;
            let encoded = base64::engine::general_purpose::STANDARD.encode(data);
            Ok(Image {
                id: id.to_owned(),
                data_url: format!("data:{mime};base64,{encoded}"),
                mime,
                width,
                height,
            })
        })
    }
}
