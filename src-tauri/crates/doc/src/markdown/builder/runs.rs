//! Text runs inside the open paragraph or heading: styles from the open emphasis, strong,
//! strike and link tags, runs of one style merged, soft breaks as spaces, hard breaks as line
//! breaks, and the `\newpage` line cut out into a page break.

use super::{Builder, InlineKind};
use crate::{Block, Inline, Text, TextStyle};

impl Builder<'_> {
    pub(super) fn current_style(&self) -> TextStyle {
        TextStyle {
            bold: self.strong > 0,
            italic: self.emphasis > 0,
            strike: self.strike > 0,
            underline: self.underline > 0,
            superscript: self.superscript > 0,
            subscript: self.subscript > 0 && self.superscript == 0,
            lang: self.langs.last().copied(),
            ..TextStyle::default()
        }
    }

    pub(super) fn text(&mut self, text: &str, at: usize) {
        if let Some(code) = self.code.as_mut() {
            code.push_str(text);
            return;
        }
        if let Some(image) = self.image.as_mut() {
            image.alt.push_str(text);
            return;
        }
        let plain = self.current_style() == TextStyle::default()
            && self.links.last().map_or(true, Option::is_none);
        let open = self.ensure_inline();
        if open.line_pure {
            if plain && open.line_text.len() + text.len() <= 16 {
                open.line_text.push_str(text);
            } else {
                open.line_pure = false;
            }
        }
        self.push_text(text, |_| {}, at);
    }

    pub(super) fn push_text(&mut self, text: &str, adjust: impl Fn(&mut TextStyle), _at: usize) {
        if text.is_empty() {
            return;
        }
        if let Some(image) = self.image.as_mut() {
            image.alt.push_str(text);
            return;
        }
        let mut style = self.current_style();
        adjust(&mut style);
        let link = self.links.iter().rev().find_map(Clone::clone);
        let inlines = &mut self.ensure_inline().inlines;
        if let Some(Inline::Text(last)) = inlines.last_mut() {
            if last.style == style && last.link == link {
                last.text.push_str(text);
                return;
            }
        }
        inlines.push(Inline::Text(Text {
            text: text.to_string(),
            style,
            link,
        }));
    }

    pub(super) fn pure_line_broken(&mut self) {
        if let Some(open) = self.open.as_mut() {
            open.line_pure = false;
        }
    }

    pub(super) fn line_break(&mut self, hard: bool, at: usize) {
        if self.image.is_some() {
            self.push_text(" ", |_| {}, at);
            return;
        }
        let broke_page = self.check_page_break_line();
        if !broke_page {
            if hard {
                self.ensure_inline().inlines.push(Inline::LineBreak);
            } else {
                self.push_text(" ", |_| {}, at);
            }
        }
        let open = self.ensure_inline();
        let last_len = match open.inlines.last() {
            Some(Inline::Text(t)) => t.text.len(),
            _ => 0,
        };
        open.line_start = (open.inlines.len(), last_len);
        open.line_text.clear();
        open.line_pure = true;
    }

    /// If the line that just ended is `\newpage` alone, cuts it out, ends the paragraph so far
    /// and emits a page break. Returns whether it did.
    pub(super) fn check_page_break_line(&mut self) -> bool {
        let Some(open) = self.open.as_mut() else {
            return false;
        };
        if open.kind != InlineKind::Paragraph
            || !open.line_pure
            || open.line_text.trim() != "\\newpage"
        {
            return false;
        }
        let (count, last_len) = open.line_start;
        open.inlines.truncate(count);
        if let Some(Inline::Text(t)) = open.inlines.last_mut() {
            t.text.truncate(last_len);
        }
        let before = std::mem::take(&mut open.inlines);
        open.line_start = (0, 0);
        open.line_text.clear();
        self.emit_inline_block(InlineKind::Paragraph, None, before);
        self.push_block(Block::PageBreak);
        true
    }
}
