//! The word-for-word checker: does a text contain every paragraph of a seed, in order?
//!
//! A seed is cut into units (a line, or one cell or HTML paragraph of a table row) after the
//! old pack's artefacts are removed: "Page N" stamps (alone or glued to a line), "This page is
//! intentionally left blank", "Appendix N" headings (running heads; the product prints its
//! own), "(Pages a - b)" (the product computes them), table header rows repeated after a page
//! break. Both sides are reduced to lower-case alphanumeric words with markup, HTML and link
//! targets removed. Each unit must then occur, as a run of whole words, a little after the
//! previous unit's match; a unit found only nearby but out of order (a cover-sheet box, a split
//! table row) is accepted without moving on. A unit found nowhere near is reported missing, so
//! a dropped paragraph is caught, while short units ("n/a") cannot be told apart: the check is
//! about paragraphs, not single words.
//!
//! Deliberately not here: knowledge of the bundle's shape (the test renders it to text).

/// How far past the previous match a unit may start (bytes of normalised text): room for the
/// short labels the bundle carries and the seed does not (an appendix title).
const FORWARD: usize = 1500;
/// The same for units of fewer than four words ("Q4 21-22"), which occur everywhere: a far
/// match of one of them must not carry the position past the text it belongs to.
const FORWARD_SHORT: usize = 200;
/// How far around the current position an out-of-order unit may be found.
const NEARBY: usize = 6000;

/// One unit of a seed: its 1-based line and its words.
#[derive(Debug, Clone)]
pub struct Unit {
    pub line: usize,
    pub words: String,
}

/// Lower-case alphanumeric words of `text`, markup removed, joined by single spaces.
pub fn words(text: &str) -> String {
    let plain = strip_markup(text)
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ");
    let mut out = String::new();
    for w in plain.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// HTML tags to spaces (a word-glued `<sup>th</sup>` is kept glued), autolinks and Markdown
/// links to their text.
fn strip_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest.find('>') {
                let inner = &rest[1..end];
                if inner.starts_with("http") || inner.starts_with("mailto:") {
                    out.push(' ');
                    out.push_str(inner);
                    out.push(' ');
                    rest = &rest[end + 1..];
                    continue;
                }
                if inner.starts_with("sup>") || inner == "sup" {
                    if let Some(close) = rest.find("</sup>") {
                        let content = &rest[end + 1..close];
                        if content.trim().chars().all(char::is_alphabetic) {
                            out.push_str(content.trim());
                        } else {
                            out.push(' ');
                            out.push_str(content);
                            out.push(' ');
                        }
                        rest = &rest[close + "</sup>".len()..];
                        continue;
                    }
                }
                if inner.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '/') {
                    out.push(' ');
                    rest = &rest[end + 1..];
                    continue;
                }
            }
        }
        if c == '[' {
            // [text](target) -> text
            if let Some(close) = rest.find("](") {
                let text_part = &rest[1..close];
                if !text_part.contains('[') && !text_part.contains(']') {
                    if let Some(paren) = rest[close + 2..].find(')') {
                        out.push(' ');
                        out.push_str(text_part);
                        out.push(' ');
                        rest = &rest[close + 2 + paren + 1..];
                        continue;
                    }
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The units of a seed, artefacts removed.
pub fn seed_units(seed: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut last_header: Option<&str> = None;
    let mut previous_was_table = false;
    for (i, raw) in seed.lines().enumerate() {
        let line = raw.trim_end();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed == "This page is intentionally left blank" || is_page_stamp(trimmed) || is_appendix_head(trimmed) {
            // Page furniture ends a table's page: what follows may repeat its header.
            previous_was_table = false;
            continue;
        }
        let line = strip_glued_stamp(line);
        let is_table = line.contains('\t');
        if is_table {
            if !previous_was_table {
                if last_header == Some(line) {
                    previous_was_table = true;
                    continue; // a header row repeated after a page break
                }
                last_header = Some(line);
            }
            previous_was_table = true;
        } else {
            previous_was_table = false;
        }
        let line = remove_page_ranges(line);
        for cell in line.split('\t') {
            for piece in split_html_blocks(cell) {
                let w = words(&piece);
                if !w.is_empty() {
                    units.push(Unit { line: i + 1, words: w });
                }
            }
        }
    }
    units
}

fn is_page_stamp(line: &str) -> bool {
    line.strip_prefix("Page ").is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn is_appendix_head(line: &str) -> bool {
    let rest = line.trim_start_matches('#').trim();
    line.starts_with('#')
        && rest.strip_prefix("Appendix ").is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn strip_glued_stamp(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix("Page ") {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(' ') {
            return &rest[digits + 1..];
        }
    }
    line
}

/// "(Pages 3 - 7)" removed: the product computes page ranges.
fn remove_page_ranges(line: &str) -> String {
    let mut out = line.to_string();
    while let Some(start) = out.find("(Pages ") {
        match out[start..].find(')') {
            Some(end) => out.replace_range(start..start + end + 1, " "),
            None => break,
        }
    }
    out
}

/// A table cell or HTML run cut at its paragraphs and list items.
fn split_html_blocks(text: &str) -> Vec<String> {
    let mut pieces = vec![text.to_string()];
    for tag in ["<p>", "</p>", "<li>", "</li>", "<br>", "<br/>", "<br />"] {
        pieces = pieces.iter().flat_map(|p| p.split(tag).map(str::to_string).collect::<Vec<_>>()).collect();
    }
    pieces
}

/// A unit the text does not contain where it should.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub line: usize,
    pub words: String,
}

/// Every unit of `units` that `text` does not contain in order (see the module comment).
pub fn check(units: &[Unit], text: &str) -> Vec<Missing> {
    let hay = format!(" {} ", words(text));
    let mut cursor = 0;
    let mut missing = Vec::new();
    for unit in units {
        let needle = format!(" {} ", unit.words);
        let reach = if unit.words.split(' ').count() < 4 { FORWARD_SHORT } else { FORWARD };
        let end = floor(&hay, cursor + reach + needle.len());
        if let Some(at) = hay[cursor..end].find(&needle) {
            cursor += at + needle.len() - 1;
            continue;
        }
        let from = floor(&hay, cursor.saturating_sub(NEARBY));
        let to = floor(&hay, cursor + NEARBY + needle.len());
        if hay[from..to].contains(&needle) {
            continue;
        }
        missing.push(Missing { line: unit.line, words: unit.words.clone() });
    }
    missing
}

/// The largest char boundary of `s` at or below `i` (capped at its length).
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(lines: &[&str]) -> Vec<Unit> {
        seed_units(&lines.join("\n"))
    }

    #[test]
    fn markup_html_and_links_reduce_to_the_same_words() {
        assert_eq!(words("<b>Title:</b> B&amp;D <i>Giving</i>"), words("**Title:** B&D *Giving*"), "HTML and Markdown emphasis are the same words");
        assert_eq!(words("Coronavirus<sup>1</sup> and 15<sup>th</sup>"), words("Coronavirus[^1] and 15th"), "a footnote number is a word; an ordinal suffix stays glued");
        assert_eq!(words("[here](#) <https://a.b/c>"), "here https a b c", "a link keeps its text, an autolink its address");
    }

    #[test]
    fn artefacts_are_not_units() {
        let u = units(&["Page 3", "This page is intentionally left blank", "## Appendix 2", "Page 232 As described", "- 3. Minutes (Pages 3 - 7)**"]);
        let w: Vec<&str> = u.iter().map(|u| u.words.as_str()).collect();
        assert_eq!(w, ["as described", "3 minutes"], "stamps, blank pages, running heads and page ranges are artefacts");
    }

    #[test]
    fn a_header_repeated_after_a_page_break_is_an_artefact() {
        let u = units(&["A\tB", "1\t2", "## Appendix 3", "A\tB", "3\t4"]);
        let w: Vec<&str> = u.iter().map(|u| u.words.as_str()).collect();
        assert_eq!(w, ["a", "b", "1", "2", "3", "4"], "the repeated header row is page furniture");
    }

    #[test]
    fn a_dropped_paragraph_is_missing_and_a_kept_one_is_not() {
        let seed = units(&["The first paragraph has words.", "The second paragraph has other words.", "A third one closes."]);
        let whole = "The first paragraph has words.\n\nThe second paragraph has other words.\n\nA third one closes.";
        assert!(check(&seed, whole).is_empty(), "a text holding every paragraph passes");
        let dropped = "The first paragraph has words.\n\nA third one closes.";
        let missing = check(&seed, dropped);
        assert_eq!(missing.len(), 1, "exactly the dropped paragraph is reported");
        assert_eq!(missing[0].line, 2, "the report names the seed line");
    }
}
