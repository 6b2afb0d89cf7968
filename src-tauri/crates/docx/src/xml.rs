//! A small element tree read from one XML part with quick-xml, names turned into canonical
//! prefixes (`w:p`, `r:id`, `a:blip`) whatever prefixes the writer chose, so the mapping code
//! can match on plain strings.
//!
//! It refuses a DOCTYPE (no entity can be declared, so none can expand or point outside),
//! unknown entities, and nesting deeper than [`MAX_DEPTH`]; it never resolves anything
//! external. It keeps no comments, processing instructions or positions.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// Elements nested deeper than this make the part unreadable (Word itself writes < 40).
pub const MAX_DEPTH: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct Element {
    /// `prefix:local` with our canonical prefix (see [`canonical_prefix`]).
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// Why a part could not be read as XML; the caller names the part.
#[derive(Debug, Clone, PartialEq)]
pub enum XmlProblem {
    Doctype,
    TooDeep,
    Malformed(String),
    Empty,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The `w:val` attribute, the usual carrier of a property's value.
    pub fn val(&self) -> Option<&str> {
        self.attr("w:val")
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.name == name)
    }

    /// The first descendant (depth first, self excluded) with this name.
    pub fn find(&self, name: &str) -> Option<&Element> {
        for e in self.elements() {
            if e.name == name {
                return Some(e);
            }
            if let Some(found) = e.find(name) {
                return Some(found);
            }
        }
        None
    }

    /// Every descendant with this name, in document order.
    pub fn find_all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.find_all(name, out);
        }
    }

    /// All text below this element, concatenated.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.collect_text(&mut s);
        s
    }

    fn collect_text(&self, s: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => s.push_str(t),
                Node::Element(e) => e.collect_text(s),
            }
        }
    }

    /// A toggle property such as `w:b`: present and not switched off by its value.
    pub fn flag(&self, name: &str) -> Option<bool> {
        self.child(name).map(|e| !matches!(e.val(), Some("0" | "false" | "off" | "none")))
    }
}

/// Our prefix for a namespace URI; Word's transitional and strict namespaces get the same one.
fn canonical_prefix(uri: &[u8]) -> &'static str {
    match uri {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => "w",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | b"http://purl.oclc.org/ooxml/officeDocument/relationships" => "r",
        b"http://schemas.openxmlformats.org/drawingml/2006/main"
        | b"http://purl.oclc.org/ooxml/drawingml/main" => "a",
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        | b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing" => "wp",
        b"http://schemas.openxmlformats.org/drawingml/2006/picture"
        | b"http://purl.oclc.org/ooxml/drawingml/picture" => "pic",
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => "mc",
        b"http://schemas.microsoft.com/office/drawing/2017/decorative" => "adec",
        b"urn:schemas-microsoft-com:vml" => "v",
        b"http://schemas.microsoft.com/office/word/2010/wordprocessingShape" => "wps",
        b"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" => "wpg",
        b"http://schemas.openxmlformats.org/package/2006/relationships" => "rel",
        b"http://schemas.openxmlformats.org/package/2006/content-types" => "ct",
        b"http://www.w3.org/XML/1998/namespace" => "xml",
        b"http://schemas.openxmlformats.org/drawingml/2006/chart" => "c",
        _ => "x",
    }
}

fn qualified(res: ResolveResult, local: &[u8]) -> String {
    let prefix = match res {
        ResolveResult::Bound(ns) => canonical_prefix(ns.0),
        ResolveResult::Unbound => "",
        ResolveResult::Unknown(_) => "x",
    };
    let local = String::from_utf8_lossy(local);
    if prefix.is_empty() {
        local.into_owned()
    } else {
        format!("{prefix}:{local}")
    }
}

/// Parses one part into its root element.
pub fn parse(bytes: &[u8]) -> Result<Element, XmlProblem> {
    // A UTF-16 part is rare in .docx; Word and the other writers use UTF-8.
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = NsReader::from_str(text);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let event = reader
            .read_resolved_event()
            .map_err(|e| XmlProblem::Malformed(short(&e.to_string())))?;
        let (res, event) = event;
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let name = qualified(res, start.local_name().as_ref());
                let mut attrs = Vec::new();
                for a in start.attributes().with_checks(false) {
                    let a = a.map_err(|e| XmlProblem::Malformed(short(&e.to_string())))?;
                    let key = a.key;
                    if key.as_namespace_binding().is_some() {
                        continue;
                    }
                    let (ares, local) = reader.resolve_attribute(key);
                    let value = a
                        .unescape_value()
                        .map_err(|e| XmlProblem::Malformed(short(&e.to_string())))?;
                    attrs.push((qualified(ares, local.as_ref()), value.into_owned()));
                }
                let element = Element { name, attrs, children: Vec::new() };
                if matches!(event, Event::Empty(_)) {
                    push_child(&mut stack, Node::Element(element));
                } else {
                    if stack.len() > MAX_DEPTH {
                        return Err(XmlProblem::TooDeep);
                    }
                    stack.push(element);
                }
            }
            Event::End(_) => {
                if stack.len() <= 1 {
                    return Err(XmlProblem::Malformed("an end tag without a start".into()));
                }
                let done = stack.pop().unwrap_or_default();
                push_child(&mut stack, Node::Element(done));
            }
            Event::Text(t) => {
                let s = t.unescape().map_err(|e| XmlProblem::Malformed(short(&e.to_string())))?;
                if !s.is_empty() && stack.len() > 1 {
                    push_child(&mut stack, Node::Text(s.into_owned()));
                }
            }
            Event::CData(c) if stack.len() > 1 => {
                push_child(&mut stack, Node::Text(String::from_utf8_lossy(&c).into_owned()));
            }
            Event::DocType(_) => return Err(XmlProblem::Doctype),
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(XmlProblem::Malformed("the part ends inside an element".into()));
    }
    let top = stack.pop().unwrap_or_default();
    top.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or(XmlProblem::Empty)
}

fn push_child(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

/// At most ~40 characters of a message or value, for error sentences.
pub fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_canonical_whatever_the_writer_chose() {
        let e = parse(br#"<ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:q="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><ns0:p q:id="rId1">a &amp; b</ns0:p></ns0:document>"#).unwrap();
        assert_eq!(e.name, "w:document");
        let p = e.child("w:p").unwrap();
        assert_eq!(p.attr("r:id"), Some("rId1"));
        assert_eq!(p.text(), "a & b");
    }

    #[test]
    fn doctype_is_refused_so_no_entity_can_expand() {
        let bomb = br#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><x>&b;</x>"#;
        assert_eq!(parse(bomb).unwrap_err(), XmlProblem::Doctype);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "<a>".repeat(MAX_DEPTH + 5) + &"</a>".repeat(MAX_DEPTH + 5);
        assert_eq!(parse(deep.as_bytes()).unwrap_err(), XmlProblem::TooDeep);
    }
}
