//! Council-style section numbers at the start of a paragraph ("1.1 The purpose of this
//! report..."): recognising them and taking them off the text. The rule (see the parent
//! module) needs two or more numeric parts and a capital letter, opening quote or bracket
//! after the spaces, so that "1.5 million homes" is not mistaken for paragraph 1.5.
//! It deliberately looks only at the first few characters, so it costs nothing on long text.

use crate::Inline;

/// Enough characters for "999.999.999.999.  X".
const PREFIX_CHARS: usize = 24;

/// The section label at the start of the inlines, and how many bytes of their plain text
/// (label, optional dot and the spaces after it) to remove.
pub(super) fn section_label(inlines: &[Inline]) -> Option<(String, usize)> {
    let prefix = leading_text(inlines);
    let bytes = prefix.as_bytes();
    let mut i = 0;
    let mut parts = 0;
    loop {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        i += digits;
        parts += 1;
        // A dot followed by another digit continues the number; otherwise it ends it.
        if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        break;
    }
    if parts < 2 {
        return None;
    }
    let label = prefix[..i].to_string();
    if bytes.get(i) == Some(&b'.') {
        i += 1;
    }
    let rest = &prefix[i..];
    let spaces: usize = rest
        .chars()
        .take_while(|c| matches!(c, ' ' | '\t' | '\u{a0}'))
        .map(char::len_utf8)
        .sum();
    if spaces == 0 {
        return None;
    }
    let next = rest[spaces..].chars().next()?;
    if next.is_uppercase() || matches!(next, '(' | '"' | '\'' | '‘' | '“') {
        Some((label, i + spaces))
    } else {
        None
    }
}

/// The first characters of the leading text runs (up to a line break).
fn leading_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.extend(t.text.chars().take(PREFIX_CHARS)),
            Inline::LineBreak => break,
        }
        if out.chars().count() >= PREFIX_CHARS {
            break;
        }
    }
    out
}

/// Removes `bytes` bytes of plain text from the front of the inlines (across runs), dropping
/// runs that become empty.
pub(super) fn strip_front(inlines: &mut Vec<Inline>, mut bytes: usize) {
    let mut drop = 0;
    for inline in inlines.iter_mut() {
        if bytes == 0 {
            break;
        }
        match inline {
            Inline::Text(t) if t.text.len() <= bytes => {
                bytes -= t.text.len();
                drop += 1;
            }
            Inline::Text(t) => {
                // `bytes` came from the same characters, so it falls on a boundary; check anyway.
                if t.text.is_char_boundary(bytes) {
                    t.text.drain(..bytes);
                }
                bytes = 0;
            }
            Inline::LineBreak => break,
        }
    }
    inlines.drain(..drop);
}

#[cfg(test)]
mod tests {
    use super::{section_label, strip_front};
    use crate::{plain_text, Inline};

    fn check(text: &str, expected: Option<&str>) {
        let found = section_label(&[Inline::plain(text)]).map(|(label, _)| label);
        assert_eq!(found.as_deref(), expected, "section label of {text:?}");
    }

    #[test]
    fn recognises_council_numbers_only() {
        check("1.1 The purpose", Some("1.1"));
        check("2.3.1\tWhere", Some("2.3.1"));
        check("10.12. Members", Some("10.12"));
        check("3.2 “Quoted”", Some("3.2"));
        check("1. Plain", None);
        check("1.5 million homes", None);
        check("1.1The", None);
        check("1234.1 Too long", None);
        check("v1.1 Version", None);
        check("", None);
    }

    #[test]
    fn strips_across_runs() {
        let mut inlines = vec![
            Inline::bold("1."),
            Inline::bold("2 "),
            Inline::plain("Text"),
        ];
        let (label, bytes) = section_label(&inlines).unwrap_or_default();
        assert_eq!(label, "1.2", "the label spans two runs");
        strip_front(&mut inlines, bytes);
        assert_eq!(
            plain_text(&inlines),
            "Text",
            "the label and its space are removed, the rest kept"
        );
        assert_eq!(inlines.len(), 1, "runs emptied by stripping are dropped");
    }
}
