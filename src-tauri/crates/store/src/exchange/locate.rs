//! Finds where a value sits in a JSON text, given its path.
//!
//! serde reports errors inside internally tagged enums (`access`, `venue`, an appendix's
//! `content`) at the end of the enclosing object and without the inner path, because it buffers
//! their content first. This scanner lets the reader point at the offending value itself.
//! It only walks well-formed JSON (the text has already been parsed up to the error); on
//! anything unexpected it gives up and returns None.

/// One step of a path: an object member or an array element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// The 1-based line and column of the value at `path`.
pub fn line_column(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    let offset = value_offset(text.as_bytes(), path)?;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

fn value_offset(bytes: &[u8], path: &[Step]) -> Option<usize> {
    let mut pos = skip_ws(bytes, 0);
    for step in path {
        pos = match step {
            Step::Key(key) => member(bytes, pos, key)?,
            Step::Index(index) => element(bytes, pos, *index)?,
        };
    }
    Some(pos)
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}

/// The offset just after the string starting at `pos` (which must be a quote).
fn skip_string(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn skip_value(bytes: &[u8], pos: usize) -> Option<usize> {
    match *bytes.get(pos)? {
        b'"' => skip_string(bytes, pos),
        open @ (b'{' | b'[') => {
            let close = if open == b'{' { b'}' } else { b']' };
            let mut i = skip_ws(bytes, pos + 1);
            if bytes.get(i) == Some(&close) {
                return Some(i + 1);
            }
            loop {
                if open == b'{' {
                    i = skip_ws(bytes, skip_string(bytes, i)?);
                    i = skip_ws(bytes, i + 1); // the colon
                }
                i = skip_ws(bytes, skip_value(bytes, i)?);
                match *bytes.get(i)? {
                    b',' => i = skip_ws(bytes, i + 1),
                    c if c == close => return Some(i + 1),
                    _ => return None,
                }
            }
        }
        _ => {
            let mut i = pos;
            while i < bytes.len() && !matches!(bytes[i], b',' | b'}' | b']') && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            Some(i)
        }
    }
}

fn member(bytes: &[u8], pos: usize, key: &str) -> Option<usize> {
    if bytes.get(pos) != Some(&b'{') {
        return None;
    }
    let mut i = skip_ws(bytes, pos + 1);
    while bytes.get(i) == Some(&b'"') {
        let end = skip_string(bytes, i)?;
        let name = &bytes[i + 1..end - 1];
        i = skip_ws(bytes, end);
        if bytes.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(bytes, i + 1);
        if name == key.as_bytes() {
            return Some(i);
        }
        i = skip_ws(bytes, skip_value(bytes, i)?);
        if bytes.get(i) == Some(&b',') {
            i = skip_ws(bytes, i + 1);
        }
    }
    None
}

fn element(bytes: &[u8], pos: usize, index: usize) -> Option<usize> {
    if bytes.get(pos) != Some(&b'[') {
        return None;
    }
    let mut i = skip_ws(bytes, pos + 1);
    for _ in 0..index {
        i = skip_ws(bytes, skip_value(bytes, i)?);
        if bytes.get(i) != Some(&b',') {
            return None;
        }
        i = skip_ws(bytes, i + 1);
    }
    (bytes.get(i) != Some(&b']')).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    #[test]
    fn finds_nested_values() {
        let text = "{\n  \"a\": \"x\\\"}\",\n  \"items\": [\n    {\"b\": [1, {\"c\": 2}]},\n    {\"access\": {\"paragraphs\": [12, 9]}}\n  ]\n}";
        assert_eq!(line_column(text, &[key("items"), Step::Index(1), key("access"), key("paragraphs"), Step::Index(1)]), Some((5, 36)),
            "the second paragraph of the second item is on line 5");
        assert_eq!(line_column(text, &[key("items"), Step::Index(0), key("b"), Step::Index(1), key("c")]), Some((4, 21)),
            "escaped quotes and nested arrays are skipped correctly");
        assert_eq!(line_column(text, &[key("missing")]), None, "a path that is not there gives None");
        assert_eq!(line_column(text, &[key("items"), Step::Index(2)]), None, "an index past the end gives None");
    }
}
