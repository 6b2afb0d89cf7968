//! Bracketed spans with a language, `[Croeso i'r cyfarfod]{lang=cy}` (the Pandoc form): the
//! words inside take the language, the `{...}` after the bracket is not printed. And fenced
//! divisions, a paragraph `::: {lang=cy}` up to a paragraph `:::` (each with blank lines
//! around, as `<div lang>` is written), which make a language [`Division`](crate::Division).
//!
//! pulldown-cmark reads `[words]` without a link definition as plain text, so the parser's
//! broken-link callback turns exactly those brackets that are followed by a `{lang=...}`
//! attribute into a link to [`SPAN_MARKER`]; the builder then opens a language span instead of
//! a link and drops the attribute's text, found by its source range (so smart quotes in
//! `{lang="cy"}` cannot break the match). Any other `{...}` after a bracket stays text.

use std::ops::Range;

use super::{Builder, Frame};
use crate::markdown::Severity;
use crate::{Inline, Lang, TextStyle};

/// The link target that marks a bracketed span (never a real URL: it has no scheme).
pub(crate) const SPAN_MARKER: &str = "\u{0}lang-span";

/// Longest attribute looked at, so a stray `{` cannot make the scan costly.
const MAX_ATTRIBUTE: usize = 80;

/// The `{lang=VALUE}` attribute starting at `at`, if there is one: the byte range of the whole
/// attribute and the value as written (quotes removed, not yet checked).
pub(crate) fn lang_attribute(source: &str, at: usize) -> Option<(Range<usize>, &str)> {
    let rest = source.get(at..)?;
    let body = rest.strip_prefix('{')?;
    let close = body.find(['}', '\n', '{'])?;
    if close > MAX_ATTRIBUTE || body.as_bytes()[close] != b'}' {
        return None;
    }
    let inner = body[..close].trim();
    let value = inner.strip_prefix("lang")?.trim_start().strip_prefix('=')?.trim();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    Some((at..at + close + 2, value))
}

impl Builder<'_> {
    /// Opens the span of a `[words]{lang=...}` whose brackets cover `link`: a valid tag gives
    /// the words that language, a bad one a warning (the words are kept, without a language).
    pub(super) fn open_lang_span(&mut self, link: Range<usize>) {
        let mut opened = false;
        if let Some((attribute, value)) = lang_attribute(self.source, link.end) {
            match Lang::parse(value) {
                Some(lang) if !value.is_empty() => {
                    self.langs.push(lang);
                    opened = true;
                }
                _ => {
                    let shown: String = value.chars().take(40).collect();
                    self.report(attribute.start, Severity::Warning, || {
                        format!("\"{shown}\" is not a language tag (such as cy or cy-GB), so the passage keeps the document's language")
                    });
                }
            }
            self.skip_attribute = Some(attribute);
        }
        self.links.push(None);
        self.link_spans.push(opened);
    }

    /// Opens or closes a fenced division when the paragraph `inlines` is a fence (`::: {lang=cy}`
    /// or `:::` with a division open). Returns whether it was one (then it prints nothing).
    /// A fence in a table cell, or a closing fence with nothing open, stays text.
    pub(super) fn fenced_division(&mut self, inlines: &[Inline]) -> bool {
        let [Inline::Text(t)] = inlines else { return false };
        if t.style != TextStyle::default() || t.link.is_some() {
            return false;
        }
        let Some(rest) = t.text.trim().strip_prefix(":::") else { return false };
        let rest = rest.trim_start_matches(':').trim();
        if rest.is_empty() {
            return self.end_division();
        }
        if !matches!(self.frames.last(), Some(Frame::Root(_) | Frame::Quote(_) | Frame::Item { .. } | Frame::Footnote { .. } | Frame::Division { .. })) {
            return false;
        }
        // Smart punctuation has curled the quotes of `{lang="cy"}`.
        let rest: String = rest.chars().map(|c| if matches!(c, '\u{201C}' | '\u{201D}') { '"' } else if matches!(c, '\u{2018}' | '\u{2019}') { '\'' } else { c }).collect();
        let Some((attribute, value)) = lang_attribute(&rest, 0) else { return false };
        if attribute.end != rest.len() {
            return false;
        }
        let lang = Lang::parse(value).filter(|_| !value.is_empty());
        if lang.is_none() {
            let shown: String = value.chars().take(40).collect();
            self.report(self.paragraph_at, Severity::Warning, || {
                format!("\"{shown}\" is not a language tag (such as cy or cy-GB), so the passage keeps the document's language")
            });
        }
        let offset = self.paragraph_at;
        self.frames.push(Frame::Division { lang, landscape: false, blocks: Vec::new(), offset });
        true
    }

    /// The part of a text event at `range` that is not a span's `{lang=...}` attribute.
    /// Returns `None` when the whole event is attribute text.
    pub(super) fn outside_attribute<'t>(&mut self, text: &'t str, range: &Range<usize>) -> Option<&'t str> {
        let Some(attribute) = self.skip_attribute.clone() else {
            return Some(text);
        };
        if range.start >= attribute.end || range.end <= attribute.start {
            if range.start >= attribute.end {
                self.skip_attribute = None;
            }
            return Some(text);
        }
        if range.end <= attribute.end {
            return None;
        }
        self.skip_attribute = None;
        // The event starts inside the attribute and runs on: cut where the attribute ends,
        // which is only well defined when the event's text is its source as written.
        let source = self.source.get(range.clone()).unwrap_or("");
        if source == text {
            text.get(attribute.end - range.start..)
        } else {
            Some(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::lang_attribute;

    #[test]
    fn attributes_are_found_only_in_their_form() {
        assert_eq!(lang_attribute("]{lang=cy} x", 1), Some((1..10, "cy")));
        assert_eq!(lang_attribute("{ lang = \"cy-GB\" }", 0).map(|a| a.1), Some("cy-GB"));
        assert_eq!(lang_attribute("{lang='gd'}", 0).map(|a| a.1), Some("gd"));
        assert_eq!(lang_attribute("{lang=welsh!}", 0).map(|a| a.1), Some("welsh!"), "found, then refused by Lang::parse");
        for none in ["{.class}", "{lang=cy", "{lang\n=cy}", "(lang=cy)", "{language}", ""] {
            assert_eq!(lang_attribute(none, 0), None, "{none:?}");
        }
    }
}
