//! Photos and SVG drawings checked and opened before layout, so bad input becomes an
//! error naming its block instead of a broken page.

use std::sync::Arc;

use krilla::image::Image;
use usvg::fontdb;

use crate::fonts::FAMILY;

/// Larger pictures would take hundreds of megabytes to decode; report photos are a few
/// hundred pixels across.
const MAX_PIXELS: u64 = 40_000_000;

/// Opens PNG or JPEG bytes and returns the image with its pixel size.
pub(crate) fn image(data: &[u8]) -> Result<(Image, u32, u32), String> {
    let bytes = data.to_vec().into();
    let image = if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        // krilla decodes a PNG as soon as it is opened, into a buffer as large as the
        // header claims, so the claim is checked first.
        let (width, height) = png_size(data)?;
        check_size(width, height)?;
        Image::from_png(bytes, true)?
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Image::from_jpeg(bytes, true)?
    } else {
        return Err("not a PNG or JPEG image".to_owned());
    };
    let (width, height) = image.size();
    check_size(width, height)?;
    Ok((image, width, height))
}

/// The size from a PNG's header chunk, which the format requires to come first.
fn png_size(data: &[u8]) -> Result<(u32, u32), String> {
    let header = data
        .get(8..24)
        .filter(|header| &header[4..8] == b"IHDR")
        .ok_or("the PNG has no header chunk")?;
    let number = |bytes: &[u8]| u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    Ok((number(&header[8..12]), number(&header[12..16])))
}

fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width == 0 || height == 0 {
        return Err("the image has no pixels".to_owned());
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!("{width} × {height} pixels is too large"));
    }
    Ok(())
}

/// Parses an SVG drawing. Its text is set in the vendored fonts, and it may not load
/// files: only images embedded as data URLs are drawn.
pub(crate) fn svg(text: &str, fonts: Arc<fontdb::Database>) -> Result<usvg::Tree, String> {
    let options = usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: fonts,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(text, &options).map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Fonts;

    #[test]
    fn bytes_that_are_neither_png_nor_jpeg_are_refused() {
        for data in [
            &b""[..],
            b"GIF89a",
            b"\x89PNG\r\n\x1a\ngarbage",
            b"\xFF\xD8\xFFjunk",
        ] {
            assert!(image(data).is_err(), "{data:?}");
        }
    }

    #[test]
    fn svg_cannot_read_local_files() {
        let directory = std::env::temp_dir().join(format!("fiilis-pdf-{}", std::process::id()));
        std::fs::create_dir_all(&directory).unwrap();
        let png = directory.join("secret.png");
        std::fs::write(&png, include_bytes!("../tests/data/pixel.png")).unwrap();
        let drawing = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="{}" width="10" height="10"/></svg>"#,
            png.display()
        );
        let tree = svg(&drawing, Fonts::svg_database()).unwrap();
        std::fs::remove_dir_all(&directory).unwrap();
        assert!(!tree.root().has_children(), "the file was loaded");
    }
}
