//! The blocks read from Word written out as our Markdown dialect: escaping, run formatting,
//! numbered paragraphs (`LABEL<TAB>text`), nested bullets, pipe tables with `<` / `^` merge
//! cells, Welsh and landscape `<div>`s, `\newpage`.
//!
//! This is the one place that knows the dialect's spelling; the reader only builds [`Block`]s.

use crate::styles::RunFormat;

/// A block read from the document, its inline content already Markdown.
#[derive(Debug, Clone)]
pub enum Block {
    Heading { level: u8, text: String, anchor: Option<String>, welsh: bool },
    /// `label` is the number Word prints, when the paragraph is numbered.
    Paragraph { text: String, plain: String, label: Option<String>, welsh: bool },
    /// A bulleted paragraph at Word level `level`.
    Bullet { level: usize, text: String, plain: String, welsh: bool },
    Table(Table),
    PageBreak,
    Landscape(Vec<Block>),
}

#[derive(Debug, Clone)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone)]
pub enum Cell {
    Content(Vec<Block>),
    /// Joined to the cell on its left (`gridSpan`).
    JoinLeft,
    /// Joined to the cell above (`vMerge`).
    JoinUp,
}

impl Block {
    pub fn is_welsh(&self) -> bool {
        matches!(self, Block::Heading { welsh: true, .. } | Block::Paragraph { welsh: true, .. } | Block::Bullet { welsh: true, .. })
    }

    /// The block's text without markup, for matching cover-sheet labels.
    pub fn plain(&self) -> String {
        match self {
            Block::Paragraph { plain, label: Some(l), .. } => format!("{l} {plain}"),
            Block::Paragraph { plain, .. } | Block::Bullet { plain, .. } => plain.clone(),
            Block::Heading { text, .. } => unescape(text),
            Block::Table(t) => t
                .rows
                .iter()
                .flatten()
                .filter_map(|c| match c {
                    Cell::Content(b) => Some(b.iter().map(Block::plain).collect::<Vec<_>>().join(" ")),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" "),
            Block::PageBreak => String::new(),
            Block::Landscape(b) => b.iter().map(Block::plain).collect::<Vec<_>>().join(" "),
        }
    }
}

/// Markdown with its escapes removed (for plain text of headings).
pub fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Text escaped so Markdown reads it as the same characters.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes what would start a block at the beginning of a line (`#`, `-`, `1.` ...).
pub fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start_matches([' ', '\u{a0}']);
    let first = trimmed.chars().next();
    match first {
        Some('#' | '-' | '+' | '=') => format!("\\{trimmed}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
            let rest = &trimmed[digits..];
            if digits <= 9 && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")") {
                format!("{}\\{}", &trimmed[..digits], rest)
            } else {
                trimmed.to_string()
            }
        }
        _ => trimmed.to_string(),
    }
}

/// A piece of a paragraph before it is written.
#[derive(Debug, Clone)]
pub enum Seg {
    Text(String, RunFormat),
    /// Markdown written already (a link, picture, note reference).
    Raw(String),
    LineBreak,
}

/// Segments written as inline Markdown; `whole_welsh` drops the per-run Welsh spans.
pub fn inline(segs: &[Seg], whole_welsh: bool) -> String {
    // Merge neighbouring text of the same format so markers are not split mid-word.
    let mut merged: Vec<Seg> = Vec::new();
    for s in segs {
        match (merged.last_mut(), s) {
            (Some(Seg::Text(a, fa)), Seg::Text(b, fb)) if fa == fb => a.push_str(b),
            _ => merged.push(s.clone()),
        }
    }
    // Line breaks at either end print nothing in Word and would be a stray `\` here.
    while matches!(merged.last(), Some(Seg::LineBreak)) {
        merged.pop();
    }
    while matches!(merged.first(), Some(Seg::LineBreak)) {
        merged.remove(0);
    }
    let mut out = String::new();
    for s in &merged {
        match s {
            Seg::Raw(r) => out.push_str(r),
            Seg::LineBreak => {
                let kept = out.trim_end().len();
                out.truncate(kept);
                out.push_str("\\\n");
            }
            Seg::Text(t, f) => {
                let mut f = *f;
                if whole_welsh {
                    f.welsh = false;
                }
                let text = if out.is_empty() || out.ends_with('\n') { t.trim_start() } else { t.as_str() };
                let core = text.trim();
                if core.is_empty() {
                    if !text.is_empty() {
                        out.push(' ');
                    }
                    continue;
                }
                if text.starts_with(char::is_whitespace) {
                    out.push(' ');
                }
                let (open, close) = markers(f);
                out.push_str(&open);
                out.push_str(&escape(core));
                out.push_str(&close);
                if text.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
        }
    }
    let lines: Vec<String> = out.trim().split('\n').map(escape_line_start).collect();
    lines.join("\n")
}

fn markers(f: RunFormat) -> (String, String) {
    let mut open = String::new();
    let mut close: Vec<&str> = Vec::new();
    let mut add = |o: &str, c: &'static str| {
        open.push_str(o);
        close.push(c);
    };
    if f.welsh {
        add("<span lang=\"cy\">", "</span>");
    }
    if f.underline {
        add("<u>", "</u>");
    }
    if f.strike {
        add("~~", "~~");
    }
    if f.bold {
        add("**", "**");
    }
    if f.italic {
        add("*", "*");
    }
    if f.superscript {
        add("<sup>", "</sup>");
    } else if f.subscript {
        add("<sub>", "</sub>");
    }
    close.reverse();
    (open, close.concat())
}

/// The blocks as one Markdown text (blocks apart by a blank line, list items by a newline).
pub fn markdown(blocks: &[Block]) -> String {
    write_blocks(blocks, false)
}

fn write_blocks(blocks: &[Block], in_welsh: bool) -> String {
    let mut out = String::new();
    let mut bullets: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        if block.is_welsh() && !in_welsh {
            let end = (i..blocks.len()).find(|&j| !blocks[j].is_welsh()).unwrap_or(blocks.len());
            separate(&mut out, false);
            out.push_str("<div lang=\"cy\">\n\n");
            out.push_str(&write_blocks(&blocks[i..end], true));
            out.push_str("\n\n</div>");
            bullets.clear();
            i = end;
            continue;
        }
        let in_list = matches!(block, Block::Bullet { .. }) && !bullets.is_empty();
        separate(&mut out, in_list);
        match block {
            Block::Bullet { level, text, .. } => {
                while bullets.last().is_some_and(|l| l >= level) {
                    bullets.pop();
                }
                let depth = bullets.len();
                bullets.push(*level);
                let pad = "  ".repeat(depth);
                let body = text.replace('\n', &format!("\n{pad}  "));
                out.push_str(&format!("{pad}- {body}"));
                i += 1;
                continue;
            }
            Block::Heading { level, text, anchor, .. } => {
                let text = text.replace("\\\n", " ").replace('\n', " ");
                out.push_str(&"#".repeat(*level as usize));
                out.push(' ');
                out.push_str(text.trim());
                if let Some(a) = anchor {
                    out.push_str(&format!(" {{#{a}}}"));
                }
            }
            Block::Paragraph { text, label, .. } => match label.as_deref() {
                Some(l) if !l.is_empty() => {
                    out.push_str(&escape(l));
                    out.push('\t');
                    out.push_str(text);
                }
                _ => out.push_str(text),
            },
            Block::Table(t) => out.push_str(&table(t)),
            Block::PageBreak => out.push_str("\\newpage"),
            Block::Landscape(inner) => {
                out.push_str("<div class=\"landscape\">\n\n");
                out.push_str(&write_blocks(inner, in_welsh));
                out.push_str("\n\n</div>");
            }
        }
        bullets.clear();
        i += 1;
    }
    out
}

fn separate(out: &mut String, tight: bool) {
    if out.is_empty() {
        return;
    }
    out.push_str(if tight { "\n" } else { "\n\n" });
}

fn table(t: &Table) -> String {
    let columns = t.rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut out = String::new();
    for (r, row) in t.rows.iter().enumerate() {
        out.push('|');
        for c in 0..columns {
            let text = match row.get(c) {
                Some(Cell::JoinLeft) => "<".to_string(),
                Some(Cell::JoinUp) => "^".to_string(),
                Some(Cell::Content(blocks)) => cell_text(blocks),
                None => String::new(),
            };
            out.push(' ');
            out.push_str(if text.is_empty() { " " } else { &text });
            out.push_str(" |");
        }
        out.push('\n');
        if r == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(columns));
            out.push('\n');
        }
    }
    out.pop();
    out
}

/// A cell's blocks on one line: paragraphs apart by `<br>`, bullets as "•", labels kept.
pub fn cell_text(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    for b in blocks {
        let text = match b {
            Block::Paragraph { text, label: Some(l), .. } if !l.is_empty() => format!("{} {}", escape(l), text),
            Block::Paragraph { text, .. } => text.clone(),
            Block::Bullet { text, .. } => format!("• {text}"),
            Block::Heading { text, .. } => format!("**{}**", text.trim()),
            Block::Table(t) => t
                .rows
                .iter()
                .flatten()
                .filter_map(|c| match c {
                    Cell::Content(b) => Some(cell_text(b)),
                    _ => None,
                })
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("<br>"),
            Block::PageBreak => String::new(),
            Block::Landscape(b) => cell_text(b),
        };
        let text = text.replace("\\\n", "<br>").replace('\n', " ");
        if !text.trim().is_empty() {
            parts.push(text.trim().to_string());
        }
    }
    let joined = parts.join("<br>");
    // A cell whose whole text is a merge marker must not read as one.
    match joined.as_str() {
        "^" => "\\^".to_string(),
        _ => joined,
    }
}
