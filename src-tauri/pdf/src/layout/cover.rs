//! The cover: a band of the accent colour across the top of the page holding the title
//! and subtitle, then the logo and the facts on white.
//!
//! A title too long for the band (pasted text, hostile input) is set as ordinary lines
//! instead, so nothing can run off the page.

use super::{fit, Builder, Item, Unit, LEADING};
use crate::fonts::Style;
use crate::structure::Kind;
use crate::theme::TEXT;
use crate::{media, PdfError};

const TITLE: f32 = 30.0;
const TITLE_LEADING: f32 = 1.2;
const SUBTITLE: f32 = 15.0;
const SUBTITLE_LEADING: f32 = 1.35;
const FACTS: f32 = 11.0;
/// The band covers at least this share of the page from the top edge.
const BAND_SHARE: f32 = 0.42;
/// Room between the band's text and its lower edge.
const BAND_PAD: f32 = 36.0;
/// A band may take at most this share of the text area; longer titles are set plainly.
const BAND_MAX_SHARE: f32 = 0.75;
const LOGO_MAX_WIDTH: f32 = 160.0;
const LOGO_MAX_HEIGHT: f32 = 56.0;

impl Builder<'_> {
    pub(super) fn cover(
        &mut self,
        block: usize,
        title: &str,
        subtitle: Option<&str>,
        fields: &[(String, String)],
        logo: Option<&[u8]>,
    ) -> Result<(), PdfError> {
        let page = *self.page;
        let width = page.content_width();
        let left = page.margin;
        // Checked first, so a bad logo fails the render before anything is laid out.
        let logo = logo
            .map(|data| media::image(data).map_err(|reason| PdfError::Image { block, reason }))
            .transpose()?;
        self.page_break();

        let title_node = self.structure.add(None, Kind::Title);
        let title_lines = self.lines(Style::Bold, title, TITLE, width);
        let subtitle_node = self.structure.add(None, Kind::Paragraph);
        let subtitle_lines = subtitle
            .map(|subtitle| self.lines(Style::Italic, subtitle, SUBTITLE, width))
            .unwrap_or_default();
        let title_height = title_lines.len() as f32 * TITLE * TITLE_LEADING;
        let subtitle_height = subtitle_lines.len() as f32 * SUBTITLE * SUBTITLE_LEADING;
        let gap = if subtitle_lines.is_empty() { 0.0 } else { 10.0 };
        let text_height = title_height + gap + subtitle_height;
        // The band starts at the page's top edge, a margin above the first unit.
        let band = (page.height * BAND_SHARE).max(page.margin + 2.0 * BAND_PAD + text_height);
        if band - page.margin <= page.content_height() * BAND_MAX_SHARE {
            let height = band - page.margin;
            let mut items = vec![Item::Rect {
                x: 0.0,
                y: -page.margin,
                width: page.width,
                height: band,
                fill: Some(self.theme.accent),
                stroke: None,
            }];
            // The text sits at the bottom of the band, where the eye lands.
            let mut y = height - BAND_PAD - text_height;
            for line in title_lines {
                let color = self.theme.on_accent;
                let mut piece = self.line_piece(line, left, TITLE_LEADING, color, Some(title_node));
                piece.items.iter_mut().for_each(|item| item.shift(y));
                items.extend(piece.items);
                y += piece.height;
            }
            y += gap;
            for line in subtitle_lines {
                let color = self.theme.on_accent_muted;
                let node = Some(subtitle_node);
                let mut piece = self.line_piece(line, left, SUBTITLE_LEADING, color, node);
                piece.items.iter_mut().for_each(|item| item.shift(y));
                items.extend(piece.items);
                y += piece.height;
            }
            self.push(Unit::new(height, items));
        } else {
            let color = self.theme.heading;
            self.push_lines(
                title_lines,
                left,
                TITLE_LEADING,
                color,
                false,
                title_node,
                None,
            );
            self.space(10.0);
            let node = subtitle_node;
            self.push_lines(
                subtitle_lines,
                left,
                SUBTITLE_LEADING,
                TEXT,
                false,
                node,
                None,
            );
        }
        self.space(36.0);

        if let Some((image, pixels_wide, pixels_high)) = logo {
            let aspect = pixels_high as f32 / pixels_wide as f32;
            let (width, height) = fit(LOGO_MAX_WIDTH, aspect, LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT);
            // A logo is the organiser's mark, not content: it is left out of the structure.
            let logo = Item::Image {
                x: left,
                y: 0.0,
                width,
                height,
                image,
                block,
                node: None,
            };
            self.push(Unit::new(height, vec![logo]));
            self.space(28.0);
        }

        if !fields.is_empty() {
            self.accent_bar(10.0);
        }
        for (label, value) in fields {
            let node = self.structure.add(None, Kind::Paragraph);
            let runs = self.field_runs(label, value);
            let lines = self.break_runs(&runs, FACTS, width);
            self.push_lines(lines, left, LEADING, TEXT, false, node, None);
            self.space(4.0);
        }
        self.page_break();
        Ok(())
    }
}
