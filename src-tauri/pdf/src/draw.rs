//! Laid-out pages to PDF bytes with krilla, adding the "Page n / N" footers and the
//! document metadata once the page count is known, the tag tree once every piece of
//! content has been marked, and the outline.

use std::num::NonZeroU64;

use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, SpanTag};
use krilla::text::{GlyphId, KrillaGlyph};
use krilla_svg::{SurfaceExt, SvgSettings};

use crate::fonts::{Fonts, Style};
use crate::hyphenate::Hyphenator;
use crate::layout::{Item, Laid, OutlineEntry, PageGeometry};
use crate::text::{self, Line};
use crate::theme::{Rgb, MUTED};
use crate::{Document, PdfError};

const FOOTER_SIZE: f32 = 8.5;
/// A label longer than this is cut, so a runaway label cannot crowd out the numbers.
const FOOTER_LABEL_CHARS: usize = 40;

pub(crate) fn draw(
    document: &Document,
    fonts: &Fonts,
    hyphens: &Hyphenator,
    geometry: &PageGeometry,
    laid: Laid,
) -> Result<Vec<u8>, PdfError> {
    let mut pdf = krilla::Document::new();
    let label: String = one_line(&document.page_label)
        .chars()
        .take(FOOTER_LABEL_CHARS)
        .collect();
    let total = laid.pages.len();
    // The marked content drawn for each structure node, in drawing order.
    let mut content: Vec<Vec<Identifier>> = vec![Vec::new(); laid.structure.len()];
    for (index, page) in laid.pages.into_iter().enumerate() {
        let geometry = geometry.turned(page.landscape);
        let settings = PageSettings::from_wh(geometry.width, geometry.height)
            .expect("paper sizes are positive");
        let mut pdf_page = pdf.start_page_with(settings);
        let mut surface = pdf_page.surface();
        for item in page.items {
            draw_item(&mut surface, fonts, item, &mut content);
        }
        let footer = format!("{label} {} / {total}", index + 1);
        let footer = text::lines(
            fonts,
            hyphens,
            Style::Regular,
            &footer,
            FOOTER_SIZE,
            geometry.content_width(),
        );
        if let Some(line) = footer.into_iter().next() {
            let x = (geometry.width - line.width) / 2.0;
            let y = geometry.height - geometry.margin / 2.0;
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Footer,
            )));
            draw_line(&mut surface, fonts, x, y, &line, MUTED);
            surface.end_tagged();
        }
        surface.finish();
        pdf_page.finish();
    }

    let mut metadata = Metadata::new()
        .title(one_line(&document.title))
        .creator("Fiilis".to_owned());
    // Language tags have no spaces; dropping them keeps a sloppy value usable.
    let language: String = document.language.split_whitespace().collect();
    let language = text::clean(&language);
    if !language.is_empty() {
        metadata = metadata.language(language.clone());
    }
    if let Some(author) = &document.author {
        let author = one_line(author);
        if !author.is_empty() {
            metadata = metadata.authors(vec![author]);
        }
    }
    pdf.set_metadata(metadata);
    let language = (!language.is_empty()).then_some(language);
    pdf.set_tag_tree(laid.structure.tag_tree(content, language));
    pdf.set_outline(outline(&laid.outline));
    pdf.finish().map_err(|error| match error {
        // Pictures are decoded only now; the location set while drawing names the block.
        KrillaError::Image(_, Some(location), reason) => PdfError::Image {
            block: usize::try_from(location.get() - 1).unwrap_or(usize::MAX),
            reason,
        },
        other => PdfError::Write(other.to_string()),
    })
}

/// The headings as bookmarks: level 2 under the level 1 before it, level 3 under the
/// level 2 (or 1) before it; a heading with no parent above it sits at the top.
fn outline(entries: &[OutlineEntry]) -> Outline {
    // The open path: the last node of each level, built bottom-up as levels close.
    let mut open: Vec<(u8, OutlineNode)> = Vec::new();
    let mut outline = Outline::new();
    let close = |open: &mut Vec<(u8, OutlineNode)>, outline: &mut Outline, level: u8| {
        while open
            .last()
            .is_some_and(|(open_level, _)| *open_level >= level)
        {
            let (_, node) = open.pop().expect("checked above");
            match open.last_mut() {
                Some((_, parent)) => parent.push_child(node),
                None => outline.push_child(node),
            }
        }
    };
    for entry in entries {
        close(&mut open, &mut outline, entry.level);
        let text = if entry.text.is_empty() {
            "…".to_owned()
        } else {
            entry.text.clone()
        };
        let destination = XyzDestination::new(entry.page, Point::from_xy(0.0, entry.y));
        open.push((
            entry.level,
            OutlineNode::new(text, destination).with_open(true),
        ));
    }
    close(&mut open, &mut outline, 0);
    outline
}

/// Metadata and the footer hold one line of text.
fn one_line(text: &str) -> String {
    text::clean(text).replace('\n', " ")
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn draw_line(surface: &mut Surface, fonts: &Fonts, x: f32, y: f32, line: &Line, color: Rgb) {
    surface.set_fill(Some(fill(color)));
    for segment in &line.segments {
        let (text, offset) = segment.text();
        // Cluster ranges are re-based onto the segment's own text, which is all krilla
        // sees; this keeps every draw call proportional to its line, not its paragraph.
        let glyphs: Vec<KrillaGlyph> = segment.run.glyphs[segment.glyphs.clone()]
            .iter()
            .map(|glyph| {
                KrillaGlyph::new(
                    GlyphId::new(u32::from(glyph.id)),
                    glyph.advance,
                    glyph.x_offset,
                    glyph.y_offset,
                    0.0,
                    glyph.start as usize - offset..glyph.end as usize - offset,
                    None,
                )
            })
            .collect();
        surface.draw_glyphs(
            Point::from_xy(x + segment.x, y),
            &glyphs,
            fonts.face(segment.run.style).pdf.clone(),
            text,
            line.size,
            false,
        );
    }
}

/// Starts marked content for `node` (recording its identifier) or, without a node, an
/// artifact of layout.
fn start(
    surface: &mut Surface,
    node: Option<usize>,
    tag: ContentTag,
    content: &mut [Vec<Identifier>],
) {
    match node {
        Some(node) => content[node].push(surface.start_tagged(tag)),
        None => {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Layout,
            )));
        }
    }
}

fn draw_item(surface: &mut Surface, fonts: &Fonts, item: Item, content: &mut [Vec<Identifier>]) {
    match item {
        Item::Text {
            x,
            y,
            line,
            color,
            node,
        } => {
            start(surface, node, ContentTag::Span(SpanTag::empty()), content);
            draw_line(surface, fonts, x, y, &line, color);
            surface.end_tagged();
        }
        // Layout resolves these before drawing; nothing is left to show.
        Item::Anchor { .. } | Item::PageNumber { .. } => {}
        Item::Rect {
            x,
            y,
            width,
            height,
            fill: background,
            stroke,
        } => {
            let Some(rect) = Rect::from_xywh(x, y, width, height) else {
                return;
            };
            let mut builder = PathBuilder::new();
            builder.push_rect(rect);
            let Some(path) = builder.finish() else {
                return;
            };
            start(surface, None, ContentTag::Other, content);
            surface.set_fill(background.map(fill));
            surface.set_stroke(stroke.map(|color| Stroke {
                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                width: 0.75,
                ..Stroke::default()
            }));
            surface.draw_path(&path);
            surface.set_stroke(None);
            surface.end_tagged();
        }
        Item::Image {
            x,
            y,
            width,
            height,
            image,
            block,
            node,
        } => {
            let Some(size) = Size::from_wh(width, height) else {
                return;
            };
            let location = NonZeroU64::new(block as u64 + 1).expect("one more is never zero");
            surface.set_location(location);
            start(surface, node, ContentTag::Other, content);
            surface.push_transform(&Transform::from_translate(x, y));
            surface.draw_image(image, size);
            surface.pop();
            surface.end_tagged();
            surface.reset_location();
        }
        Item::Svg {
            x,
            y,
            width,
            height,
            tree,
            node,
        } => {
            let Some(size) = Size::from_wh(width, height) else {
                return;
            };
            start(surface, node, ContentTag::Other, content);
            surface.push_transform(&Transform::from_translate(x, y));
            // krilla-svg reports no failures: whatever usvg parsed, it draws.
            let _ = surface.draw_svg(&tree, size, SvgSettings::default());
            surface.pop();
            surface.end_tagged();
        }
    }
}
