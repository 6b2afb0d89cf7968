//! Anchors for headings, and the end of the document: closing whatever is still open,
//! reporting undefined footnotes and links to missing headings, numbering footnotes by first
//! reference, and choosing the title.

use std::collections::BTreeSet;

use super::{Builder, Frame};
use crate::markdown::{Diagnostic, Parsed, Severity};
use crate::{Block, Document, Footnote};
use pulldown_cmark::TagEnd;

impl Builder<'_> {
    pub(super) fn unique_anchor(&mut self, name: String) -> String {
        if name.is_empty() {
            return name;
        }
        let mut candidate = name.clone();
        let mut n = 1;
        while self.anchors.contains(&candidate) {
            candidate = format!("{name}-{n}");
            n += 1;
        }
        self.anchors.insert(candidate.clone());
        candidate
    }

    pub(in crate::markdown) fn finish(mut self) -> Parsed {
        self.close_inline();
        while self.frames.len() > 1 {
            // Only reachable if the event stream ended early; close what is open.
            match self.frames.last() {
                Some(Frame::Footnote { .. }) => self.end(TagEnd::FootnoteDefinition),
                Some(Frame::Table { .. }) => self.end(TagEnd::Table),
                Some(Frame::Cell(_)) => self.end(TagEnd::TableCell),
                Some(Frame::Division { .. }) => self.close_divisions(),
                _ => {
                    self.flattened = 0;
                    self.pop_container();
                }
            }
        }
        let refs = std::mem::take(&mut self.footnote_refs);
        let mut reported = BTreeSet::new();
        for (label, at) in refs {
            if !self.footnote_defs.contains_key(&label) && reported.insert(label.clone()) {
                self.report(at, Severity::Error, || {
                    format!("footnote [^{label}] is not defined")
                });
            }
        }
        for (name, at) in std::mem::take(&mut self.internal_links) {
            if !self.anchors.contains(&name) {
                self.report(at, Severity::Error, || {
                    format!("link to #{name} points at no heading in this document")
                });
            }
        }
        let mut numbered: Vec<(u32, String)> = self
            .footnote_numbers
            .iter()
            .map(|(l, n)| (*n, l.clone()))
            .collect();
        numbered.sort();
        let mut footnotes = Vec::new();
        for (number, label) in numbered {
            if let Some((blocks, _)) = self.footnote_defs.remove(&label) {
                footnotes.push(Footnote { number, blocks });
            }
        }
        // Definitions never referenced still carry text: keep them, numbered after the rest.
        let mut next = self.footnote_numbers.len() as u32 + 1;
        let mut unreferenced: Vec<(usize, String, Vec<Block>)> =
            std::mem::take(&mut self.footnote_defs)
                .into_iter()
                .map(|(label, (blocks, at))| (at, label, blocks))
                .collect();
        unreferenced.sort_by_key(|(at, _, _)| *at);
        for (at, label, blocks) in unreferenced {
            self.report(at, Severity::Warning, || {
                format!("footnote [^{label}] is defined but never referenced")
            });
            footnotes.push(Footnote {
                number: next,
                blocks,
            });
            next += 1;
        }
        if self.suppressed > 0 {
            let (line, column) = (1, 1);
            self.diagnostics.push(Diagnostic {
                line,
                column,
                severity: Severity::Warning,
                message: format!("{} further problems are not listed", self.suppressed),
            });
        }
        let blocks = match self.frames.pop() {
            Some(Frame::Root(blocks)) => blocks,
            _ => Vec::new(),
        };
        let title = self
            .title
            .take()
            .unwrap_or_else(|| self.options.fallback_title.to_string());
        Parsed {
            document: Document {
                title,
                blocks,
                footnotes,
            },
            diagnostics: self.diagnostics,
        }
    }
}

/// A heading's anchor name: lower-case letters and digits, words joined by `-`.
pub(super) fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
        if out.len() > 64 {
            break;
        }
    }
    out
}
