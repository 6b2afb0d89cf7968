//! styles.xml: what a paragraph or character style means for us, resolved through `basedOn`
//! (heading level, title, numbering, language, run formatting).
//!
//! Only the properties the Markdown can carry are read; fonts, sizes and spacing are not.

use std::collections::HashMap;

use crate::xml::Element;

/// Formatting of a run that the Markdown carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunFormat {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub strike: bool,
    pub superscript: bool,
    pub subscript: bool,
    pub welsh: bool,
}

/// Run properties as written, each unset unless the XML says so (so styles can layer).
#[derive(Debug, Clone, Default)]
pub struct RunProps {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub underline: Option<bool>,
    pub strike: Option<bool>,
    pub vert: Option<&'static str>,
    pub lang: Option<String>,
}

impl RunProps {
    pub fn read(rpr: &Element) -> RunProps {
        let underline = rpr.child("w:u").map(|u| !matches!(u.val(), Some("none" | "0")));
        let strike = match (rpr.flag("w:strike"), rpr.flag("w:dstrike")) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(false) || b.unwrap_or(false)),
        };
        let vert = rpr.child("w:vertAlign").map(|v| match v.val() {
            Some("superscript") => "sup",
            Some("subscript") => "sub",
            _ => "",
        });
        let lang = rpr.child("w:lang").and_then(|l| l.val()).map(str::to_string);
        RunProps { bold: rpr.flag("w:b"), italic: rpr.flag("w:i"), underline, strike, vert, lang }
    }

    /// `self` laid over `below`: what `self` sets wins.
    pub fn over(&self, below: &RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(below.bold),
            italic: self.italic.or(below.italic),
            underline: self.underline.or(below.underline),
            strike: self.strike.or(below.strike),
            vert: self.vert.or(below.vert),
            lang: self.lang.clone().or_else(|| below.lang.clone()),
        }
    }

    pub fn format(&self) -> RunFormat {
        RunFormat {
            bold: self.bold.unwrap_or(false),
            italic: self.italic.unwrap_or(false),
            underline: self.underline.unwrap_or(false),
            strike: self.strike.unwrap_or(false),
            superscript: self.vert == Some("sup"),
            subscript: self.vert == Some("sub"),
            welsh: self.lang.as_deref().is_some_and(is_welsh),
        }
    }
}

/// `cy`, `cy-GB`: Welsh.
pub fn is_welsh(lang: &str) -> bool {
    let l = lang.to_ascii_lowercase();
    l == "cy" || l.starts_with("cy-")
}

#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline_level: Option<u8>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    run: RunProps,
}

#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    pub defaults: RunProps,
    default_paragraph: Option<String>,
}

/// How a paragraph style reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StyleRole {
    Title,
    Heading(u8),
    Body,
}

/// Styles chained by `basedOn` deeper than this are cut (a loop is cut too).
const MAX_CHAIN: usize = 16;

impl Styles {
    pub fn read(root: Option<&Element>) -> Styles {
        let mut out = Styles::default();
        let Some(root) = root else { return out };
        if let Some(rpr) = root.child("w:docDefaults").and_then(|d| d.child("w:rPrDefault")).and_then(|d| d.child("w:rPr")) {
            out.defaults = RunProps::read(rpr);
        }
        for s in root.children_named("w:style") {
            let Some(id) = s.attr("w:styleId") else { continue };
            let ppr = s.child("w:pPr");
            let numpr = ppr.and_then(|p| p.child("w:numPr"));
            let style = Style {
                name: s.child("w:name").and_then(|n| n.val()).unwrap_or(id).to_ascii_lowercase(),
                based_on: s.child("w:basedOn").and_then(|b| b.val()).map(str::to_string),
                outline_level: ppr.and_then(|p| p.child("w:outlineLvl")).and_then(|o| o.val()).and_then(|v| v.parse().ok()),
                num_id: numpr.and_then(|n| n.child("w:numId")).and_then(|n| n.val()).map(str::to_string),
                ilvl: numpr.and_then(|n| n.child("w:ilvl")).and_then(|n| n.val()).and_then(|v| v.parse().ok()),
                run: s.child("w:rPr").map(RunProps::read).unwrap_or_default(),
            };
            if s.attr("w:type") == Some("paragraph") && matches!(s.attr("w:default"), Some("1" | "true")) {
                out.default_paragraph = Some(id.to_string());
            }
            out.styles.insert(id.to_string(), style);
        }
        out
    }

    /// The style and its ancestors, nearest first.
    fn chain<'a>(&'a self, id: Option<&'a str>) -> Vec<&'a Style> {
        let mut out = Vec::new();
        let mut next = id.or(self.default_paragraph.as_deref());
        while let Some(id) = next {
            if out.len() >= MAX_CHAIN {
                break;
            }
            let Some(s) = self.styles.get(id) else { break };
            out.push(s);
            next = s.based_on.as_deref();
        }
        out
    }

    pub fn role(&self, id: Option<&str>, direct_outline: Option<u8>) -> StyleRole {
        let chain = self.chain(id);
        if chain.first().is_some_and(|s| s.name == "title") {
            return StyleRole::Title;
        }
        if let Some(level) = direct_outline {
            return outline_role(level);
        }
        for s in &chain {
            if let Some(n) = s.name.strip_prefix("heading ").and_then(|n| n.trim().parse::<u8>().ok()) {
                return StyleRole::Heading(n.clamp(1, 6));
            }
            if let Some(level) = s.outline_level {
                return outline_role(level);
            }
        }
        StyleRole::Body
    }

    /// The numbering a paragraph style gives (numId, level), through `basedOn`.
    pub fn numbering(&self, id: Option<&str>) -> Option<(String, Option<u8>)> {
        let chain = self.chain(id);
        let num = chain.iter().find_map(|s| s.num_id.clone())?;
        let ilvl = chain.iter().find_map(|s| s.ilvl);
        Some((num, ilvl))
    }

    /// Run properties a style gives (character or paragraph style), through `basedOn`.
    pub fn run_props(&self, id: Option<&str>) -> RunProps {
        let mut out = RunProps::default();
        if id.is_none() {
            return out;
        }
        for s in self.chain(id) {
            out = out.over(&s.run);
        }
        out
    }

    /// Word's numbered list styles ("List Bullet 2", "List Number 3") say their depth in the
    /// name while their numbering often uses level 0 of a separate list: the depth, from 0.
    pub fn list_depth(&self, id: Option<&str>) -> Option<usize> {
        let name = &self.styles.get(id?)?.name;
        let rest = name.strip_prefix("list bullet ").or_else(|| name.strip_prefix("list number ")).or_else(|| name.strip_prefix("list "))?;
        rest.trim().parse::<usize>().ok().filter(|n| (2..=9).contains(n)).map(|n| n - 1)
    }

    /// The language a paragraph style gives (falling back to the document default).
    pub fn paragraph_lang(&self, id: Option<&str>) -> Option<String> {
        self.chain(id).iter().find_map(|s| s.run.lang.clone()).or_else(|| self.defaults.lang.clone())
    }
}

/// Outline level 0-5 is heading 1-6; 9 (and beyond) is body text.
fn outline_role(level: u8) -> StyleRole {
    if level < 9 {
        StyleRole::Heading((level + 1).min(6))
    } else {
        StyleRole::Body
    }
}
