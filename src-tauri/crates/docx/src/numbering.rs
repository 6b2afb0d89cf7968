//! numbering.xml: abstract numbers, their levels and the numbering instances that point at
//! them, and the counters that give each numbered paragraph **the label Word prints**
//! ("1.1", "2.3.1", "(a)", "iv.") or marks it as a bullet.
//!
//! Word's rules followed here: instances of one abstract number share their counters unless
//! the instance overrides a start value (Word's "Restart numbering" makes such an instance);
//! a level restarts when a level above it is used, or per `lvlRestart` (0 = never); `%N` in
//! `lvlText` is level N's counter in level N's format, or in decimal under `isLgl`; a level
//! not yet used prints its start value minus one (Word's familiar "0.1").

use std::collections::HashMap;

use crate::styles::Styles;
use crate::xml::Element;

const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: Option<String>,
    restart: Option<u32>,
    legal: bool,
}

impl Level {
    fn read(lvl: &Element) -> Level {
        let val = |name: &str| lvl.child(name).and_then(|e| e.val()).map(str::to_string);
        Level {
            start: val("w:start").and_then(|v| v.parse().ok()).unwrap_or(0),
            format: val("w:numFmt").unwrap_or_else(|| "decimal".into()),
            text: val("w:lvlText"),
            restart: val("w:lvlRestart").and_then(|v| v.parse().ok()),
            legal: lvl.flag("w:isLgl").unwrap_or(false),
        }
    }
}

#[derive(Debug, Clone)]
struct Instance {
    abstract_id: String,
    levels: [Option<Level>; LEVELS],
    starts: [Option<u32>; LEVELS],
}

/// What a numbered paragraph shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Bullet,
    /// The printed label; empty when the level prints nothing.
    Number(String),
}

#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    instances: HashMap<String, Instance>,
    counters: HashMap<String, [Option<u32>; LEVELS]>,
}

impl Numbering {
    /// `styles` resolves `numStyleLink`: an abstract number that only points at a numbering
    /// style (Word's list styles, common in council templates) takes that style's levels.
    pub fn read(root: Option<&Element>, styles: &Styles) -> Numbering {
        let mut out = Numbering::default();
        let Some(root) = root else { return out };
        let mut links: Vec<(String, String)> = Vec::new();
        for a in root.children_named("w:abstractNum") {
            let Some(id) = a.attr("w:abstractNumId") else { continue };
            if let Some(style) = a.child("w:numStyleLink").and_then(|l| l.val()) {
                links.push((id.to_string(), style.to_string()));
            }
            let mut levels = vec![Level::default(); LEVELS];
            for lvl in a.children_named("w:lvl") {
                if let Some(i) = lvl.attr("w:ilvl").and_then(|v| v.parse::<usize>().ok()).filter(|i| *i < LEVELS) {
                    levels[i] = Level::read(lvl);
                }
            }
            out.abstracts.insert(id.to_string(), levels);
        }
        for n in root.children_named("w:num") {
            let Some(id) = n.attr("w:numId") else { continue };
            let Some(abstract_id) = n.child("w:abstractNumId").and_then(|a| a.val()) else { continue };
            let mut inst = Instance { abstract_id: abstract_id.to_string(), levels: Default::default(), starts: [None; LEVELS] };
            for o in n.children_named("w:lvlOverride") {
                let Some(i) = o.attr("w:ilvl").and_then(|v| v.parse::<usize>().ok()).filter(|i| *i < LEVELS) else { continue };
                inst.starts[i] = o.child("w:startOverride").and_then(|s| s.val()).and_then(|v| v.parse().ok());
                inst.levels[i] = o.child("w:lvl").map(Level::read);
            }
            out.instances.insert(id.to_string(), inst);
        }
        for (id, style) in links {
            let target = styles
                .numbering(Some(&style))
                .and_then(|(num, _)| out.instances.get(&num))
                .map(|inst| inst.abstract_id.clone())
                .filter(|target| *target != id);
            if let Some(levels) = target.and_then(|t| out.abstracts.get(&t).cloned()) {
                out.abstracts.insert(id, levels);
            }
        }
        out
    }

    fn level(&self, inst: &Instance, i: usize) -> Option<Level> {
        inst.levels[i].clone().or_else(|| self.abstracts.get(&inst.abstract_id).and_then(|l| l.get(i).cloned()))
    }

    /// Counts a paragraph numbered `num_id` at level `ilvl` and returns what it shows;
    /// `None` when the numbering does not exist (or is `0`, Word's "no numbering").
    pub fn next(&mut self, num_id: &str, ilvl: usize) -> Option<Label> {
        let inst = self.instances.get(num_id)?.clone();
        let ilvl = ilvl.min(LEVELS - 1);
        let levels: Vec<Level> = (0..LEVELS).map(|i| self.level(&inst, i).unwrap_or_default()).collect();
        let overridden = inst.starts.iter().any(Option::is_some);
        let key = if overridden { format!("num:{num_id}") } else { format!("abs:{}", inst.abstract_id) };
        let fresh = !self.counters.contains_key(&key);
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        if fresh {
            for (i, s) in inst.starts.iter().enumerate() {
                if let Some(s) = s {
                    // The first use counts up to the override.
                    counters[i] = Some(s.saturating_sub(1));
                }
            }
        }
        counters[ilvl] = Some(counters[ilvl].map_or(levels[ilvl].start, |c| c.saturating_add(1)));
        for (k, level) in levels.iter().enumerate().skip(ilvl + 1) {
            let restart_below = level.restart.unwrap_or(k as u32);
            if (ilvl as u32) < restart_below {
                counters[k] = None;
            }
        }
        let this = &levels[ilvl];
        if this.format == "bullet" {
            return Some(Label::Bullet);
        }
        if this.format == "none" {
            return Some(Label::Number(String::new()));
        }
        let Some(text) = &this.text else { return Some(Label::Number(String::new())) };
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d)) {
                    chars.next();
                    let k = d as usize - 1;
                    let value = counters[k].unwrap_or(levels[k].start.saturating_sub(1));
                    let format = if this.legal && k != ilvl { "decimal" } else { levels[k].format.as_str() };
                    out.push_str(&format_number(value, format));
                    continue;
                }
            }
            out.push(c);
        }
        Some(Label::Number(out.trim().to_string()))
    }
}

/// A counter in one of Word's number formats (unknown formats print decimal).
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        "ordinal" => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// Word's letters: a..z, then aa..zz, aaa..: the letter repeated.
fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = (base + ((n - 1) % 26) as u8) as char;
    let times = ((n - 1) / 26 + 1).min(20) as usize;
    letter.to_string().repeat(times)
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn numbering(body: &str) -> Numbering {
        let xml = format!("<w:numbering {W}>{body}</w:numbering>");
        Numbering::read(Some(&parse(xml.as_bytes()).unwrap()), &Styles::default())
    }

    fn lvl(i: u32, fmt: &str, text: &str, extra: &str) -> String {
        format!(r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>"#)
    }

    fn labels(n: &mut Numbering, seq: &[(&str, usize)]) -> Vec<String> {
        seq.iter()
            .map(|(id, l)| match n.next(id, *l) {
                Some(Label::Number(s)) => s,
                Some(Label::Bullet) => "•".into(),
                None => "-".into(),
            })
            .collect()
    }

    #[test]
    fn legal_multilevel_prints_dotted_labels_and_restarts_below() {
        let mut n = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "decimal", "%1.", ""),
            lvl(1, "decimal", "%1.%2", ""),
            lvl(2, "lowerLetter", "(%3)", "")
        ));
        let got = labels(&mut n, &[("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 2), ("1", 0), ("1", 1), ("1", 2)]);
        assert_eq!(got, ["1.", "1.1", "1.2", "(a)", "(b)", "2.", "2.1", "(a)"]);
    }

    #[test]
    fn is_lgl_shows_roman_parents_in_decimal() {
        let mut n = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "upperRoman", "%1", ""),
            lvl(1, "decimal", "%1.%2", "<w:isLgl/>")
        ));
        assert_eq!(labels(&mut n, &[("1", 0), ("1", 0), ("1", 1)]), ["I", "II", "2.1"]);
    }

    #[test]
    fn start_override_restarts_and_shared_abstract_continues() {
        let mut n = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum>
               <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
               <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
               <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
            lvl(0, "lowerRoman", "%1)", "")
        ));
        assert_eq!(labels(&mut n, &[("1", 0), ("1", 0), ("2", 0), ("3", 0), ("3", 0), ("9", 0)]), ["i)", "ii)", "iii)", "i)", "ii)", "-"]);
    }

    #[test]
    fn lvl_restart_zero_never_restarts() {
        let mut n = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "decimal", "%1.", ""),
            lvl(1, "decimal", "%2.", r#"<w:lvlRestart w:val="0"/>"#)
        ));
        assert_eq!(labels(&mut n, &[("1", 0), ("1", 1), ("1", 0), ("1", 1)]), ["1.", "1.", "2.", "2."]);
    }

    #[test]
    fn a_num_style_link_takes_the_list_styles_levels() {
        let styles = Styles::read(Some(&parse(format!(r#"<w:styles {W}><w:style w:type="numbering" w:styleId="CouncilList"><w:name w:val="Council List"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style></w:styles>"#).as_bytes()).unwrap()));
        let xml = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="1"><w:styleLink w:val="CouncilList"/>{}{}</w:abstractNum><w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="CouncilList"/></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="6"><w:abstractNumId w:val="2"/></w:num></w:numbering>"#,
            lvl(0, "decimal", "%1.", ""),
            lvl(1, "decimal", "%1.%2", "")
        );
        let mut n = Numbering::read(Some(&parse(xml.as_bytes()).unwrap()), &styles);
        assert_eq!(labels(&mut n, &[("6", 0), ("6", 1)]), ["1.", "1.1"]);
    }

    #[test]
    fn bullets_and_formats() {
        let mut n = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "bullet", "\u{f0b7}", "")
        ));
        assert_eq!(labels(&mut n, &[("1", 0)]), ["•"]);
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(1994, "upperRoman"), "MCMXCIV");
        assert_eq!(format_number(3, "decimalZero"), "03");
        assert_eq!(format_number(12, "ordinal"), "12th");
    }
}
