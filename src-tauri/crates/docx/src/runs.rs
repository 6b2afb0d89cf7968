//! A paragraph's inline content read into [`Seg`]s: runs and their formatting, hyperlinks,
//! fields (results kept, a TOC dropped, HYPERLINK fields made links), tracked changes,
//! comments, footnote and endnote references, breaks, and the pictures and text boxes of
//! drawings (through [`crate::media`]).

use crate::convert::{Field, Reader, PAGE_BREAK};
use crate::render::{self, Seg};
use crate::styles::RunProps;
use crate::xml::Element;

pub const TRACKED: &str = "The document has tracked changes: insertions were kept and deletions dropped; accept or reject them in Word to be sure.";
const COMMENTS: &str = "The document's comments were left out.";

/// The branch of `mc:AlternateContent` to read: the first `Choice` with content, else `Fallback`.
pub fn alternate(el: &Element) -> Option<&Element> {
    el.children_named("mc:Choice")
        .find(|c| c.elements().next().is_some())
        .or_else(|| el.child("mc:Fallback"))
}

/// Inline content of `el` (a paragraph, a hyperlink, a content control...).
pub fn paragraph_content(r: &mut Reader, el: &Element, base: &RunProps, segs: &mut Vec<Seg>, anchors: &mut Vec<String>) {
    for c in el.elements() {
        match c.name.as_str() {
            "w:r" => run(r, c, base, segs),
            "w:hyperlink" => {
                let target = if let Some(id) = c.attr("r:id") {
                    r.rels.get(id).map(|rel| rel.target.clone())
                } else {
                    c.attr("w:anchor").map(|a| format!("#{a}"))
                };
                let mut inner = Vec::new();
                paragraph_content(r, c, base, &mut inner, anchors);
                push_link(r, segs, inner, target);
            }
            "w:ins" | "w:moveTo" => {
                r.warn(TRACKED);
                paragraph_content(r, c, base, segs, anchors);
            }
            "w:del" | "w:moveFrom" => r.warn(TRACKED),
            "w:smartTag" | "w:customXml" | "w:dir" | "w:bdo" | "w:sdtContent" => paragraph_content(r, c, base, segs, anchors),
            "w:sdt" => {
                if let Some(content) = c.child("w:sdtContent") {
                    paragraph_content(r, content, base, segs, anchors);
                }
            }
            "w:fldSimple" => {
                let instruction = c.attr("w:instr").unwrap_or("");
                if is_dropped_field(instruction) {
                    continue;
                }
                let mut inner = Vec::new();
                paragraph_content(r, c, base, &mut inner, anchors);
                match hyperlink_target(instruction) {
                    Some(t) => push_link(r, segs, inner, Some(t)),
                    None => segs.extend(inner),
                }
            }
            "w:bookmarkStart" => {
                if let Some(name) = c.attr("w:name").filter(|n| *n != "_GoBack" && valid_anchor(n)) {
                    anchors.push(name.to_string());
                }
            }
            "w:commentRangeStart" | "w:commentRangeEnd" => r.warn(COMMENTS),
            "mc:AlternateContent" => {
                if let Some(branch) = alternate(c) {
                    paragraph_content(r, branch, base, segs, anchors);
                }
            }
            // Office Math: its text, in reading order, is better than nothing.
            "x:oMath" | "x:oMathPara" if showing(r) => segs.push(Seg::Text(c.text(), base.format())),
            _ => {}
        }
    }
}

/// Whether text read now is shown: not inside a field's instruction nor a dropped field.
fn showing(r: &Reader) -> bool {
    r.fields.iter().all(|f| f.in_result && !f.dropped)
}

fn run(r: &mut Reader, run: &Element, base: &RunProps, segs: &mut Vec<Seg>) {
    let rpr = run.child("w:rPr");
    let style = rpr.and_then(|p| p.child("w:rStyle")).and_then(|s| s.val());
    let styled = r.styles.run_props(style).over(base);
    let props = rpr.map(RunProps::read).unwrap_or_default().over(&styled);
    let hidden = rpr.and_then(|p| p.flag("w:vanish")).unwrap_or(false);
    run_children(r, run, &props, hidden, segs);
}

fn run_children(r: &mut Reader, run: &Element, props: &RunProps, hidden: bool, segs: &mut Vec<Seg>) {
    let fmt = props.format();
    for c in run.elements() {
        match c.name.as_str() {
            "w:t" if showing(r) && !hidden => segs.push(Seg::Text(c.text(), fmt)),
            "w:instrText" => {
                if let Some(f) = r.fields.last_mut().filter(|f| !f.in_result) {
                    f.instruction.push_str(&c.text());
                }
            }
            "w:fldChar" => match c.attr("w:fldCharType") {
                // Bounded: a hostile file cannot grow the stack without end.
                Some("begin") if r.fields.len() < 64 => r.fields.push(Field::default()),
                Some("separate") => {
                    if let Some(f) = r.fields.last_mut() {
                        f.in_result = true;
                        f.dropped = is_dropped_field(&f.instruction);
                        f.link = hyperlink_target(&f.instruction).map(|t| (t, segs.len()));
                    }
                }
                Some("end") => {
                    if let Some(f) = r.fields.pop() {
                        if let Some((target, start)) = f.link.filter(|(_, s)| *s <= segs.len()) {
                            let inner: Vec<Seg> = segs.drain(start..).collect();
                            push_link(r, segs, inner, Some(target));
                        }
                    }
                }
                _ => {}
            },
            _ if !showing(r) => {}
            "w:tab" | "w:ptab" => segs.push(Seg::Text(" ".into(), fmt)),
            "w:br" => match c.attr("w:type") {
                Some("page") => segs.push(Seg::Raw(PAGE_BREAK.into())),
                Some("column") => segs.push(Seg::Text(" ".into(), fmt)),
                _ => segs.push(Seg::LineBreak),
            },
            "w:cr" => segs.push(Seg::LineBreak),
            "w:noBreakHyphen" => segs.push(Seg::Text("-".into(), fmt)),
            "w:sym" => {
                if let Some(c) = symbol(c.attr("w:font").unwrap_or(""), c.attr("w:char").unwrap_or("")) {
                    segs.push(Seg::Text(c.to_string(), fmt));
                }
            }
            "w:drawing" => crate::media::drawing(r, c, segs),
            "w:pict" | "w:object" => crate::media::vml(r, c, segs),
            "mc:AlternateContent" => {
                if let Some(branch) = alternate(c) {
                    run_children(r, branch, props, hidden, segs);
                }
            }
            "w:footnoteReference" => note_reference(r, c, false, segs),
            "w:endnoteReference" => note_reference(r, c, true, segs),
            "w:commentReference" => r.warn(COMMENTS),
            _ => {}
        }
    }
}

/// The few symbol-font characters trackers and forms use (ticks, crosses, boxes, bullets);
/// others print nothing rather than a wrong letter.
fn symbol(font: &str, code: &str) -> Option<char> {
    let code = u32::from_str_radix(code, 16).ok()? & 0xFF;
    match (font.to_ascii_lowercase().as_str(), code) {
        ("wingdings", 0xFC) => Some('✓'),
        ("wingdings", 0xFB) => Some('✗'),
        ("wingdings", 0xFE) => Some('☒'),
        ("wingdings", 0xA8 | 0x6F) => Some('☐'),
        ("wingdings", 0x9F | 0xA7) => Some('▪'),
        ("wingdings 2", 0x50) => Some('✓'),
        ("wingdings 2", 0x4F) => Some('✗'),
        ("wingdings 2", 0x52) => Some('☑'),
        ("wingdings 2", 0x54) => Some('☒'),
        ("wingdings 2", 0xA3) => Some('☐'),
        ("symbol", 0xB7) => Some('•'),
        ("symbol", 0x2D) => Some('−'),
        _ => None,
    }
}

/// A link around `inner`; an internal one is remembered, to be pointed at its heading or
/// unlinked once all headings are known ([`crate::convert::Reader::resolve_internal_links`]).
fn push_link(r: &mut Reader, segs: &mut Vec<Seg>, inner: Vec<Seg>, target: Option<String>) {
    let Some(target) = target.filter(|t| !t.trim().is_empty()) else {
        segs.extend(inner);
        return;
    };
    let text = render::inline(&inner, false).replace("\\\n", " ").replace('\n', " ");
    if text.trim().is_empty() {
        return;
    }
    let target = target.trim().replace(' ', "%20");
    let target = if target.contains(['(', ')', '<', '>']) {
        format!("<{}>", target.replace(['<', '>'], ""))
    } else {
        target
    };
    let md = format!("[{}]({target})", text.trim());
    if let Some(anchor) = target.strip_prefix('#') {
        r.internal_links.push(crate::convert::InternalLink { markdown: md.clone(), text: text.trim().to_string(), anchor: anchor.to_string() });
    }
    segs.push(Seg::Raw(md));
}

/// The first word of a field instruction, upper case.
fn field_kind(instruction: &str) -> String {
    instruction.split_whitespace().next().unwrap_or("").to_ascii_uppercase()
}

/// Fields whose result is left out: tables of contents and indexes (the pack makes its own).
fn is_dropped_field(instruction: &str) -> bool {
    matches!(field_kind(instruction).as_str(), "TOC" | "INDEX" | "TOA")
}

/// `HYPERLINK "https://..."` or `HYPERLINK \l "bookmark"`.
fn hyperlink_target(instruction: &str) -> Option<String> {
    if field_kind(instruction) != "HYPERLINK" {
        return None;
    }
    let quoted: Vec<&str> = instruction.split('"').skip(1).step_by(2).collect();
    let local = instruction.contains("\\l");
    match (local, quoted.as_slice()) {
        (true, [.., a]) => Some(format!("#{a}")),
        (false, [url, ..]) => Some(url.to_string()),
        _ => None,
    }
}

pub fn valid_anchor(name: &str) -> bool {
    name != "_GoBack" && !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// A footnote or endnote reference: `[^n]`, its definition read once.
fn note_reference(r: &mut Reader, c: &Element, endnote: bool, segs: &mut Vec<Seg>) {
    if r.in_note {
        return;
    }
    let Some(id) = c.attr("w:id") else { return };
    let key = format!("{}{id}", if endnote { "e" } else { "f" });
    if let Some(label) = r.note_ids.get(&key) {
        segs.push(Seg::Raw(format!("[^{label}]")));
        return;
    }
    let note = if endnote { r.endnotes.get(id).cloned() } else { r.footnotes.get(id).cloned() };
    let Some(note) = note else { return };
    let count = r.note_ids.keys().filter(|k| k.starts_with(if endnote { 'e' } else { 'f' })).count() + 1;
    let label = if endnote { format!("e{count}") } else { count.to_string() };
    r.note_ids.insert(key, label.clone());
    let fields = std::mem::take(&mut r.fields);
    let pending = std::mem::take(&mut r.pending);
    r.in_note = true;
    let mut blocks = r.blocks(&note);
    blocks.append(&mut r.pending);
    r.in_note = false;
    r.fields = fields;
    r.pending = pending;
    let md = render::markdown(&blocks).replace('\n', "\n    ");
    r.notes.push((label.clone(), md));
    segs.push(Seg::Raw(format!("[^{label}]")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracker_ticks_and_crosses_print() {
        assert_eq!(symbol("Wingdings", "F0FC"), Some('✓'));
        assert_eq!(symbol("Wingdings", "F0FB"), Some('✗'));
        assert_eq!(symbol("Wingdings 2", "F050"), Some('✓'));
        assert_eq!(symbol("Symbol", "F0B7"), Some('•'));
        assert_eq!(symbol("Webdings", "F041"), None);
    }

    #[test]
    fn hyperlink_fields_give_their_targets() {
        assert_eq!(hyperlink_target(r#" HYPERLINK "https://example.org/a" "#).as_deref(), Some("https://example.org/a"));
        assert_eq!(hyperlink_target(r#"HYPERLINK \l "_Toc1" "#).as_deref(), Some("#_Toc1"));
        assert_eq!(hyperlink_target("PAGE"), None);
        assert!(is_dropped_field(" TOC \\o \"1-3\" \\h "));
    }
}
