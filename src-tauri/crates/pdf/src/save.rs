//! Serialising the assembled lopdf document: streams written as indirect objects, every other
//! object packed into compressed object streams (PDF 1.5), and a cross-reference stream.
//!
//! Why not lopdf's own saver: written one by one, the structure tree's thousands of small
//! dictionaries nearly tripled the file; lopdf's object-stream option fixes the size but
//! clones every object and serialises each three times, which cost more than all the tagging
//! work. Here each object is serialised once, straight into its stream.
//!
//! Deterministic: objects in id order, fixed batch size, no clock. It deliberately writes no
//! linearisation and no encryption.

use std::io::Write;

use lopdf::{Dictionary, Document, Object, StringFormat};
use rayon::prelude::*;

/// Objects already serialised (never streams), in a few large buffers: a pack's structure
/// tree is tens of thousands of small elements, and a buffer of its own for each cost more
/// memory than their bytes. Each buffer is a run of objects serialised together (by one
/// thread, see [`crate::tags`]); runs are kept as they are, never copied into one.
#[derive(Default)]
pub(crate) struct RawObjects {
    runs: Vec<RawRun>,
}

/// Objects serialised one after another into one buffer.
#[derive(Default)]
struct RawRun {
    bytes: Vec<u8>,
    /// Object number and where its bytes end, in the order pushed.
    ends: Vec<(u32, usize)>,
}

impl RawObjects {
    pub fn push(&mut self, id: u32, object: &[u8]) {
        if self.runs.is_empty() {
            self.runs.push(RawRun::default());
        }
        if let Some(run) = self.runs.last_mut() {
            run.bytes.extend_from_slice(object);
            run.ends.push((id, run.bytes.len()));
        }
    }

    /// Adds `other`'s objects after these (objects pushed later come after both).
    pub fn append(&mut self, other: RawObjects) {
        self.runs.extend(other.runs);
    }

    fn iter(&self) -> impl Iterator<Item = (u32, &[u8])> {
        self.runs.iter().flat_map(|run| {
            let starts = std::iter::once(0).chain(run.ends.iter().map(|&(_, end)| end));
            run.ends.iter().zip(starts).map(|(&(id, end), start)| (id, &run.bytes[start..end]))
        })
    }

    fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.runs.iter().flat_map(|run| run.ends.iter().map(|&(id, _)| id))
    }

    fn len_bytes(&self) -> usize {
        self.runs.iter().map(|run| run.bytes.len()).sum()
    }
}

/// An object to pack: a lopdf object, or one already serialised.
enum Packed<'a> {
    Object(&'a Object),
    Raw(&'a [u8]),
}

use crate::stream::flate;

/// Objects per compressed object stream: big enough to deflate well, small enough that a
/// viewer opening one page does not inflate the whole structure tree.
const OBJECTS_PER_STREAM: usize = 200;

/// Writes `doc` (objects numbered with generation 0) with its trailer entries, plus `raw`,
/// objects already serialised; streams must already carry their filters.
pub(crate) fn save(doc: &Document, raw: &RawObjects, level: u32) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(1 << 20);
    out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    let max_id = doc.objects.keys().map(|id| id.0).chain(raw.ids()).max().unwrap_or(0).max(doc.max_id);
    // Per object number: (type, field 2, field 3) of its cross-reference entry.
    let mut entries: Vec<(u8, u64, u64)> = vec![(0, 0, 0); max_id as usize + 1];
    entries[0] = (0, 0, 65535);
    let mut packed: Vec<(u32, Packed)> = raw.iter().map(|(id, bytes)| (id, Packed::Raw(bytes))).collect();
    let mut direct: Vec<(u32, u16, &Object)> = Vec::new();
    for (&(id, generation), object) in &doc.objects {
        if matches!(object, Object::Stream(_)) || generation != 0 {
            direct.push((id, generation, object));
        } else {
            packed.push((id, Packed::Object(object)));
        }
    }
    packed.sort_by_key(|(id, _)| *id);
    let stream_bytes: usize = direct
        .iter()
        .map(|(_, _, object)| match object {
            Object::Stream(stream) => stream.content.len() + 96,
            _ => 96,
        })
        .sum();
    out.reserve(stream_bytes + raw.len_bytes() / 2);
    // The streams are written out while the other objects are packed: each object stream is
    // serialised and deflated on its own, in parallel, then written in order: the same bytes
    // on any number of threads.
    let ((), streams): ((), Vec<(usize, Vec<u8>)>) = rayon::join(
        || {
            for &(id, generation, object) in &direct {
                entries[id as usize] = (1, out.len() as u64, u64::from(generation));
                write!(out, "{id} {generation} obj\n").ok();
                write_object(&mut out, object);
                out.extend_from_slice(b"\nendobj\n");
            }
        },
        || {
            packed
                .par_chunks(OBJECTS_PER_STREAM)
                .map(|batch| {
                    let mut header = Vec::with_capacity(batch.len() * 12);
                    let mut body = Vec::with_capacity(batch.len() * 96);
                    for (id, object) in batch {
                        write!(header, "{id} {} ", body.len()).ok();
                        match object {
                            Packed::Object(object) => write_object(&mut body, object),
                            Packed::Raw(bytes) => body.extend_from_slice(bytes),
                        }
                        body.push(b'\n');
                    }
                    let first = header.len();
                    header.extend_from_slice(&body);
                    // The fastest deflate: dictionaries of names and numbers compress well at
                    // any level (four-times meeting: level 2 took 4 ms more than 1 for 0.3% of
                    // the file).
                    (first, flate(&header, 1))
                })
                .collect()
        },
    );
    let mut next_id = max_id + 1;
    for (batch, (first, data)) in packed.chunks(OBJECTS_PER_STREAM).zip(streams) {
        let stream_id = next_id;
        next_id += 1;
        for (index, (id, _)) in batch.iter().enumerate() {
            entries[*id as usize] = (2, u64::from(stream_id), index as u64);
        }
        entries.push((1, out.len() as u64, 0));
        write!(out, "{stream_id} 0 obj\n<</Type/ObjStm/N {}/First {first}/Filter/FlateDecode/Length {}>>\nstream\n", batch.len(), data.len()).ok();
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    // The cross-reference stream describes itself too.
    let xref_id = next_id;
    let xref_offset = out.len() as u64;
    entries.push((1, xref_offset, 0));
    let mut table = Vec::with_capacity(entries.len() * 7);
    for (kind, a, b) in &entries {
        table.push(*kind);
        table.extend_from_slice(&a.to_be_bytes()[4..]);
        table.extend_from_slice(&b.to_be_bytes()[6..]);
    }
    let data = flate(&table, level);
    let mut trailer = Dictionary::new();
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Ok(value) = doc.trailer.get(key) {
            trailer.set(key.to_vec(), value.clone());
        }
    }
    write!(out, "{xref_id} 0 obj\n<</Type/XRef/Size {}/W[1 4 2]/Filter/FlateDecode/Length {}", entries.len(), data.len()).ok();
    for (key, value) in trailer.iter() {
        write_name(&mut out, key);
        out.push(b' ');
        write_object(&mut out, value);
    }
    out.extend_from_slice(b">>\nstream\n");
    out.extend_from_slice(&data);
    write!(out, "\nendstream\nendobj\nstartxref\n{xref_offset}\n%%EOF\n").ok();
    out
}

pub(crate) fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(n) => crate::stream::push_int(out, *n),
        // Shortest exact decimal, never an exponent (which PDF does not allow).
        Object::Real(v) if v.is_finite() => {
            write!(out, "{v}").ok();
        }
        Object::Real(_) => out.push(b'0'),
        Object::Name(name) => write_name(out, name),
        Object::String(bytes, StringFormat::Literal) => {
            out.push(b'(');
            for &b in bytes {
                match b {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(b),
                }
            }
            out.push(b')');
        }
        Object::String(bytes, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in bytes {
                write!(out, "{b:02X}").ok();
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dict(out, dict, None),
        Object::Stream(stream) => {
            write_dict(out, &stream.dict, Some(stream.content.len()));
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            write!(out, "{id} {generation} R").ok();
        }
    }
}

/// A dictionary; for a stream's, `/Length` is the content's real length whatever it said.
fn write_dict(out: &mut Vec<u8>, dict: &Dictionary, length: Option<usize>) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        if length.is_some() && key.as_slice() == b"Length" {
            continue;
        }
        write_name(out, key);
        out.push(b' ');
        write_object(out, value);
    }
    if let Some(length) = length {
        write!(out, "/Length {length}").ok();
    }
    out.extend_from_slice(b">>");
}

pub(crate) fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&b) || !(33..=126).contains(&b) {
            write!(out, "#{b:02X}").ok();
        } else {
            out.push(b);
        }
    }
}
