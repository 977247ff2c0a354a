//! The vendored Noto Sans faces, opened once per render for both shaping and embedding.
//!
//! The fonts are compiled into the binary so that a report looks the same on every
//! machine and needs no system fonts; krilla embeds only the glyphs a report uses. They are
//! compiled in packed (build.rs) and unpacked on the first report, which costs a few
//! milliseconds once and keeps 0.8 MB out of the binary.

use std::io::Read;
use std::sync::{Arc, LazyLock};

use krilla::text::Font;
use usvg::fontdb;

/// The packed faces, in [`Style`] order.
const PACKED: [&[u8]; 3] = [
    include_bytes!(concat!(env!("OUT_DIR"), "/NotoSans-Regular.ttf.br")),
    include_bytes!(concat!(env!("OUT_DIR"), "/NotoSans-Bold.ttf.br")),
    include_bytes!(concat!(env!("OUT_DIR"), "/NotoSans-Italic.ttf.br")),
];

/// The faces' font files, unpacked once per process.
static FILES: LazyLock<[Vec<u8>; 3]> = LazyLock::new(|| PACKED.map(unpack));

fn unpack(packed: &[u8]) -> Vec<u8> {
    let mut file = Vec::new();
    // Packed by build.rs from the vendored files: failing here is a build mistake, and the
    // unit tests below unpack every face.
    brotli_decompressor::Decompressor::new(packed, 64 * 1024)
        .read_to_end(&mut file)
        .expect("vendored font unpacks");
    file
}

fn file(style: Style) -> &'static [u8] {
    &FILES[style.index()]
}

/// The family name inside the vendored files, which SVG text is mapped to.
pub(crate) const FAMILY: &str = "Noto Sans";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Regular,
    Bold,
    Italic,
}

impl Style {
    fn index(self) -> usize {
        match self {
            Style::Regular => 0,
            Style::Bold => 1,
            Style::Italic => 2,
        }
    }
}

/// One face: the shaper's view and the PDF writer's view of the same bytes.
pub(crate) struct Face {
    pub shaper: rustybuzz::Face<'static>,
    pub pdf: Font,
    pub units_per_em: f32,
}

pub(crate) struct Fonts {
    faces: [Face; 3],
    /// Distance from the top of a line box to the baseline, in ems, shared by all styles so
    /// mixed-style lines sit on one baseline.
    pub ascent: f32,
    /// Height of ascent plus descent, in ems.
    pub extent: f32,
}

fn open(bytes: &'static [u8]) -> Face {
    // The bytes are fixed at compile time and a unit test opens them, so failing here is
    // a build mistake, not something input can cause.
    let shaper = rustybuzz::Face::from_slice(bytes, 0).expect("vendored font parses");
    let pdf = Font::new(bytes.into(), 0).expect("vendored font parses");
    let units_per_em = shaper.units_per_em() as f32;
    Face {
        shaper,
        pdf,
        units_per_em,
    }
}

impl Fonts {
    pub fn new() -> Self {
        let faces = [Style::Regular, Style::Bold, Style::Italic].map(|style| open(file(style)));
        let regular = &faces[0];
        let ascent = f32::from(regular.shaper.ascender()) / regular.units_per_em;
        let descent = -f32::from(regular.shaper.descender()) / regular.units_per_em;
        Fonts {
            faces,
            ascent,
            extent: ascent + descent,
        }
    }

    pub fn face(&self, style: Style) -> &Face {
        &self.faces[style.index()]
    }

    /// A font database holding only the vendored faces, with every generic family
    /// pointing at them, so SVG text never depends on what is installed and always finds
    /// a font.
    pub fn svg_database() -> Arc<fontdb::Database> {
        let mut database = fontdb::Database::new();
        for style in [Style::Regular, Style::Bold, Style::Italic] {
            database.load_font_source(fontdb::Source::Binary(Arc::new(file(style))));
        }
        database.set_serif_family(FAMILY);
        database.set_sans_serif_family(FAMILY);
        database.set_cursive_family(FAMILY);
        database.set_fantasy_family(FAMILY);
        database.set_monospace_family(FAMILY);
        Arc::new(database)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_has_finnish_letters_and_typographic_punctuation() {
        let fonts = Fonts::new();
        for style in [Style::Regular, Style::Bold, Style::Italic] {
            let face = &fonts.face(style).shaper;
            for character in "äöåÄÖÅ–—“”‘’…•".chars() {
                assert!(
                    face.glyph_index(character).is_some(),
                    "{style:?} lacks {character}"
                );
            }
        }
    }

    #[test]
    fn svg_database_answers_generic_families_with_the_vendored_family() {
        let database = Fonts::svg_database();
        assert_eq!(database.len(), 3);
        for family in [fontdb::Family::Serif, fontdb::Family::Monospace] {
            let query = fontdb::Query {
                families: &[fontdb::Family::Name("Inter"), family],
                ..Default::default()
            };
            let id = database.query(&query).expect("a generic family resolves");
            let face = database.face(id).expect("the id is in the database");
            assert_eq!(face.families[0].0, FAMILY);
        }
    }
}
