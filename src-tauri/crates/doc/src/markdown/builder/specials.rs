//! The inline elements that need more than styling: raw HTML (shown as text or dropped,
//! never interpreted), footnote references (numbered by first use, undefined ones found),
//! link targets (external, internal, or refused) and images (resolved through the caller,
//! alt text checked). They report diagnostics; they do not decide appearance.

use super::super::html::{known_tag, KnownTag, StyleTag};
use super::{Builder, Frame, InlineKind, NoteScan, Severity};
use crate::{Block, Image, ImageData, Inline, LinkTarget, Paragraph};

impl Builder<'_> {
    /// An inline tag the dialect knows; false when `html` is not one (or closes nothing).
    fn known_inline(&mut self, html: &str) -> bool {
        fn counter<'b>(b: &'b mut Builder<'_>, tag: StyleTag) -> &'b mut u32 {
            match tag {
                StyleTag::Underline => &mut b.underline,
                StyleTag::Superscript => &mut b.superscript,
                StyleTag::Subscript => &mut b.subscript,
            }
        }
        match known_tag(html) {
            Some(KnownTag::SpanOpen(lang)) => self.langs.push(lang),
            Some(KnownTag::SpanClose) => return self.langs.pop().is_some(),
            Some(KnownTag::Style(tag, true)) => *counter(self, tag) += 1,
            Some(KnownTag::Style(tag, false)) => {
                let open = counter(self, tag);
                if *open == 0 {
                    return false;
                }
                *open -= 1;
            }
            _ => return false,
        }
        true
    }

    /// Styles and languages of inline tags end with their paragraph: an unclosed `<u>` must
    /// not underline the rest of the document.
    pub(super) fn reset_inline_tags(&mut self) {
        self.underline = 0;
        self.superscript = 0;
        self.subscript = 0;
        self.langs.clear();
    }

    pub(super) fn inline_html(&mut self, html: &str, at: usize) {
        self.pure_line_broken();
        if self.known_inline(html) {
            return;
        }
        let tag = html.trim().to_ascii_lowercase();
        let is_break = matches!(tag.as_str(), "<br>" | "<br/>" | "<br />");
        if is_break && self.in_cell() {
            self.ensure_inline().inlines.push(Inline::LineBreak);
        } else if tag.starts_with("<!--") {
            self.report(at, Severity::Warning, || {
                "an HTML comment is dropped".into()
            });
        } else {
            self.report(at, Severity::Warning, || {
                format!(
                    "raw HTML {} is shown as text, not interpreted",
                    excerpt(html)
                )
            });
            self.push_text(html, |_| {}, at);
        }
    }

    pub(super) fn html_block(&mut self) {
        let Some((html, at)) = self.html.take() else {
            return;
        };
        let trimmed = html.trim();
        if trimmed.is_empty() {
            return;
        }
        match known_tag(trimmed) {
            Some(KnownTag::DivOpen { lang, landscape }) => {
                self.frames.push(Frame::Division {
                    lang,
                    landscape,
                    blocks: Vec::new(),
                    offset: at,
                });
                return;
            }
            Some(KnownTag::DivClose) if self.end_division() => return,
            _ => {}
        }
        if trimmed.starts_with("<!--") && trimmed.ends_with("-->") {
            self.report(at, Severity::Warning, || {
                "an HTML comment is dropped".into()
            });
            return;
        }
        self.report(at, Severity::Warning, || {
            format!(
                "raw HTML {} is shown as text, not interpreted",
                excerpt(trimmed)
            )
        });
        let mut inlines = Vec::new();
        for (i, line) in trimmed.lines().enumerate() {
            if i > 0 {
                inlines.push(Inline::LineBreak);
            }
            inlines.push(Inline::plain(line));
        }
        self.push_block(Block::Paragraph(Paragraph::new(inlines)));
    }

    pub(super) fn footnote_reference(&mut self, label: &str, at: usize) {
        self.pure_line_broken();
        let next = self.footnote_numbers.len() as u32 + 1;
        let number = *self
            .footnote_numbers
            .entry(label.to_string())
            .or_insert(next);
        self.footnote_refs.push((label.to_string(), at));
        self.push_text(&number.to_string(), |s| s.superscript = true, at);
    }

    /// Follows the texts "[", "^label", "]" that pulldown-cmark leaves for an undefined
    /// footnote reference, and reports it.
    pub(super) fn scan_undefined_note(&mut self, text: &str, at: usize) {
        self.undefined_note = match std::mem::replace(&mut self.undefined_note, NoteScan::Idle) {
            NoteScan::Bracket(start) => match text.strip_prefix('^') {
                Some(label) if !label.is_empty() && !label.contains(char::is_whitespace) => {
                    NoteScan::Label(start, label.to_string())
                }
                _ => NoteScan::Idle,
            },
            NoteScan::Label(start, label) if text.starts_with(']') && self.code.is_none() => {
                self.report(start, Severity::Error, || {
                    format!("footnote [^{label}] is not defined")
                });
                NoteScan::Idle
            }
            _ if text == "[" => NoteScan::Bracket(at),
            _ => NoteScan::Idle,
        };
    }

    pub(super) fn link_target(&mut self, url: &str, at: usize) -> Option<LinkTarget> {
        let lower = url.trim().to_ascii_lowercase();
        if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:")
        {
            Some(LinkTarget::External(url.trim().to_string()))
        } else if url.trim() == "#" {
            self.report(at, Severity::Warning, || {
                "link target \"#\" names no heading, so the link is shown as plain text".into()
            });
            None
        } else if let Some(name) = url.trim().strip_prefix('#') {
            self.internal_links.push((name.to_string(), at));
            Some(LinkTarget::Internal(name.to_string()))
        } else {
            self.report(at, Severity::Warning, || format!("link target {} is not a web address or #heading, so the link is shown as plain text", excerpt(url)));
            None
        }
    }

    pub(super) fn finish_image(&mut self) {
        let Some(image) = self.image.take() else {
            return;
        };
        let decorative = image.alt.trim().eq_ignore_ascii_case("decorative")
            || image.title.trim().eq_ignore_ascii_case("decorative");
        let alt = if decorative {
            String::new()
        } else {
            image.alt.trim().to_string()
        };
        if !decorative && alt.is_empty() {
            self.report(image.offset, Severity::Warning, || "image has no alt text (write alt text, or \"decorative\" if it carries no information)".into());
        }
        if matches!(
            self.open.as_ref().map(|o| o.kind),
            Some(InlineKind::Heading(_))
        ) {
            self.report(image.offset, Severity::Warning, || {
                "an image inside a heading is shown as its alt text".into()
            });
            self.push_text(&alt, |_| {}, image.offset);
            return;
        }
        let data = match (self.options.resolve_image)(&image.source) {
            Some(bytes) => ImageData::Encoded(bytes),
            None => {
                self.report(image.offset, Severity::Error, || {
                    format!("image {} was not found", excerpt(&image.source))
                });
                ImageData::Missing {
                    source: image.source.clone(),
                }
            }
        };
        // An image is a block: end the paragraph so far, place the image, carry on after it.
        if let Some(open) = self.open.as_mut() {
            let before = std::mem::take(&mut open.inlines);
            open.line_start = (0, 0);
            let kind = open.kind;
            self.emit_inline_block(kind, None, before);
        }
        self.push_block(Block::Image(Image {
            data,
            alt,
            decorative,
            max_width: 1.0,
        }));
    }
}

/// A short quotation of source text for a message.
pub(super) fn excerpt(text: &str) -> String {
    let one_line: String = text
        .trim()
        .chars()
        .take(40)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.trim().chars().count() > 40 {
        format!("\"{one_line}...\"")
    } else {
        format!("\"{one_line}\"")
    }
}
