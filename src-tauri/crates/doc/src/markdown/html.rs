//! The few HTML tags the Markdown dialect gives a meaning (see the parent module): recognising
//! `<span lang>`, `<div lang>`, `<div class="landscape">`, `<u>`, `<sup>`, `<sub>` and their
//! closing tags. A tag with any other attribute, or a value of the wrong shape, is not
//! recognised, so the caller shows it as text like any other HTML.
//! Deliberately not an HTML parser: one tag at a time, attributes quoted with `"` or `'`.

use crate::Lang;

/// A recognised tag.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum KnownTag {
    SpanOpen(Lang),
    SpanClose,
    DivOpen { lang: Option<Lang>, landscape: bool },
    DivClose,
    /// `u`, `sup` or `sub`, opening (true) or closing.
    Style(StyleTag, bool),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum StyleTag {
    Underline,
    Superscript,
    Subscript,
}

/// The tag `html` (one tag, surrounding spaces ignored), if it is one the dialect knows.
pub(super) fn known_tag(html: &str) -> Option<KnownTag> {
    let inner = html.trim().strip_prefix('<')?.strip_suffix('>')?;
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    if let Some(name) = inner.strip_prefix('/') {
        return match name.trim().to_ascii_lowercase().as_str() {
            "span" => Some(KnownTag::SpanClose),
            "div" => Some(KnownTag::DivClose),
            "u" => Some(KnownTag::Style(StyleTag::Underline, false)),
            "sup" => Some(KnownTag::Style(StyleTag::Superscript, false)),
            "sub" => Some(KnownTag::Style(StyleTag::Subscript, false)),
            _ => None,
        };
    }
    let name_end = inner.find(|c: char| c.is_ascii_whitespace()).unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    let attributes = attributes(&inner[name_end..])?;
    let mut lang = None;
    let mut landscape = false;
    for (key, value) in &attributes {
        match key.as_str() {
            "lang" | "xml:lang" => lang = Some(Lang::parse(value)?),
            "class" if name == "div" && value.split_whitespace().all(|c| c == "landscape") => landscape = true,
            _ => return None,
        }
    }
    match name.as_str() {
        "span" => lang.map(KnownTag::SpanOpen),
        "div" if lang.is_some() || landscape => Some(KnownTag::DivOpen { lang, landscape }),
        "u" | "sup" | "sub" if attributes.is_empty() => Some(KnownTag::Style(
            match name.as_str() {
                "u" => StyleTag::Underline,
                "sup" => StyleTag::Superscript,
                _ => StyleTag::Subscript,
            },
            true,
        )),
        _ => None,
    }
}

/// `key="value"` pairs (keys lower-cased); None when the text is not only such pairs.
fn attributes(mut text: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return Some(out);
        }
        let eq = text.find('=')?;
        let key = text[..eq].trim().to_ascii_lowercase();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return None;
        }
        let rest = text[eq + 1..].trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let end = rest[1..].find(quote)? + 1;
        out.push((key, rest[1..end].to_string()));
        text = &rest[end + 1..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_tags_only() {
        let cy = Lang::parse("cy");
        assert_eq!(known_tag("<span lang=\"cy\">"), cy.map(KnownTag::SpanOpen), "a Welsh span");
        assert_eq!(known_tag("<div lang='cy'>"), Some(KnownTag::DivOpen { lang: cy, landscape: false }), "single quotes");
        assert_eq!(known_tag("<div class=\"landscape\">"), Some(KnownTag::DivOpen { lang: None, landscape: true }), "landscape");
        assert_eq!(known_tag("</div>"), Some(KnownTag::DivClose), "closing div");
        assert_eq!(known_tag("<u>"), Some(KnownTag::Style(StyleTag::Underline, true)), "underline");
        assert_eq!(known_tag("</SUB>"), Some(KnownTag::Style(StyleTag::Subscript, false)), "case-insensitive");
        for other in ["<span>", "<span style=\"x\">", "<div>", "<div lang=\"not a tag\">", "<span lang=cy>", "<b>", "<u class=\"x\">"] {
            assert_eq!(known_tag(other), None, "{other} is shown as text");
        }
    }
}
