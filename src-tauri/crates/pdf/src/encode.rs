//! Content-stream encoding with printpdf: page operations ([`printpdf::Op`], made by
//! [`crate::content`]) in, content-stream bytes out.
//!
//! printpdf's only public way to serialise operations is a whole document
//! (`PdfDocument::to_lopdf_document`), so a few pages at a time are put into a throw-away
//! `PdfDocument` and only their content streams are kept: its font dictionaries, Info,
//! catalog and random trailer `/ID` are dropped (the file's own are made by [`crate::embed`]
//! and [`crate::finish`]). Our fonts are not in its resources, so it writes glyph ids and TJ
//! adjustments exactly as given; streams come back uncompressed (`optimize: false`) and are
//! deflated by the caller, in parallel.
//!
//! Deterministic: printpdf's content serialisation uses no counter, clock or hash order.

use lopdf::Object;
use printpdf::{Mm, Op, PdfDocument, PdfPage, PdfSaveOptions};

/// Pages put into one throw-away document: enough to spread the per-document cost, few
/// enough that only a handful of pages' operations are held at once.
pub(crate) const PAGES_PER_BATCH: usize = 8;

/// Pages of a paper drawn ahead put into one throw-away document ([`crate::draw_ahead`]):
/// fewer than [`PAGES_PER_BATCH`], since each page's operations, encoded bytes and freed
/// items then stay in the processor's caches. On the four-times meeting (one thread, CPU
/// time, medians of 9) 2 pages took 456 ms where 8 took 470 ms and 32 took 488 ms; 1 page
/// was no better than 2.
pub(crate) const PAGES_DRAWN_AHEAD_PER_BATCH: usize = 2;

/// Items of pages put into one throw-away document at most, when a batch is sized by its
/// items ([`batches`]): pages drawn ahead carry only their stamps, a few items each, and a
/// document per eight of them cost more than encoding them (18 ms of a 829-page pack).
const ITEMS_PER_BATCH: usize = 600;

/// Splits pages with `items(page)` items each into runs of consecutive pages to encode
/// together: at most [`PAGES_PER_BATCH`] pages, or more as long as they hold at most
/// [`ITEMS_PER_BATCH`] items (and at most 64 pages). Depends only on the pages, never on the
/// number of threads.
pub(crate) fn batches<T>(pages: &mut [T], items: impl Fn(&T) -> usize) -> Vec<&mut [T]> {
    let mut out = Vec::new();
    let mut rest = pages;
    while !rest.is_empty() {
        let mut take = 0;
        let mut held = 0;
        while take < rest.len() && take < 64 {
            held += items(&rest[take]);
            if take >= PAGES_PER_BATCH && held > ITEMS_PER_BATCH {
                break;
            }
            take += 1;
        }
        let (batch, tail) = std::mem::take(&mut rest).split_at_mut(take.max(1));
        out.push(batch);
        rest = tail;
    }
    out
}

/// Each page's marked content and content stream (not yet deflated), in the order given.
pub(crate) fn encode_contents(contents: Vec<crate::content::PageContent>) -> Vec<(Vec<crate::content::MarkedContent>, Vec<u8>)> {
    let (marks, ops): (Vec<_>, Vec<_>) = contents.into_iter().map(|c| (c.marks, c.ops)).unzip();
    marks.into_iter().zip(encode(ops)).collect()
}

/// The content stream of each page, in the order given.
pub(crate) fn encode(pages: Vec<Vec<Op>>) -> Vec<Vec<u8>> {
    let count = pages.len();
    let mut doc = PdfDocument::new("");
    // The page size is not used: only the content streams are kept.
    doc.pages = pages.into_iter().map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops)).collect();
    // `secure: false` lets printpdf write `Op::Unknown` operations: the text-showing `TJ`s are
    // ones ([`crate::content`]). Every operation given here is made by our own code from
    // layout's pages, never read from an outside file, so there is nothing to filter.
    let options = PdfSaveOptions { optimize: false, subset_fonts: false, secure: false, image_optimization: None };
    let mut warnings = Vec::new();
    let mut written = doc.to_lopdf_document(&options, &mut warnings);
    drop(doc);
    let page_ids: Vec<lopdf::ObjectId> = written.get_pages().into_values().collect();
    let mut streams: Vec<Vec<u8>> = page_ids
        .iter()
        .map(|&id| {
            let contents = written
                .get_dictionary(id)
                .ok()
                .and_then(|page| page.get(b"Contents").ok())
                .and_then(|c| c.as_reference().ok());
            match contents.and_then(|c| written.objects.remove(&c)) {
                Some(Object::Stream(stream)) => stream.content,
                _ => Vec::new(),
            }
        })
        .collect();
    // printpdf writes one page object per page given; anything else would misplace content.
    streams.resize(count, Vec::new());
    streams
}

#[cfg(test)]
mod tests {
    use super::*;
    use printpdf::{DictItem, FontId, PdfFontHandle, Pt, TextMatrix};

    #[test]
    fn glyph_ids_and_offsets_are_written_as_given() {
        let mut map = std::collections::BTreeMap::new();
        map.insert("MCID".to_owned(), DictItem::Int(3));
        let ops = vec![
            Op::BeginMarkedContentWithProperties { tag: "P".to_owned(), properties: DictItem::Dict { map } },
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(FontId("APF0".to_owned())), size: Pt(11.0) },
            Op::SetTextMatrix { matrix: TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, 72.5, 700.0]) },
            Op::Unknown {
                key: "TJ".to_owned(),
                value: vec![DictItem::Array(vec![
                    DictItem::String { data: vec![0x01, 0x02], literal: true },
                    DictItem::Real(-12.5),
                    DictItem::String { data: vec![0x00, 0x28, 0x00, 0x5c, 0x00, 0x29], literal: true },
                ])],
            },
            Op::EndTextSection,
            Op::EndMarkedContent,
        ];
        let streams = encode(vec![ops, Vec::new()]);
        assert_eq!(streams.len(), 2, "one stream per page");
        let text = String::from_utf8_lossy(&streams[0]);
        assert!(text.contains("/P <</MCID 3>> BDC"), "marked content with its MCID: {text}");
        assert!(text.contains("/APF0 11 Tf"), "our font resource name: {text}");
        assert!(text.contains("1 0 0 1 72.5 700 Tm"), "absolute text matrix: {text}");
        // Glyph codes gathered into literal strings, the backslash escaped, the balanced
        // parentheses kept, the offset between them.
        let tj: &[u8] = b"[(\x01\x02) -12.5(\x00(\x00\\\\\x00))] TJ";
        assert!(streams[0].windows(tj.len()).any(|w| w == tj), "glyph ids unchanged, offset after its glyph: {text}");
        assert!(streams[1].is_empty(), "an empty page gives an empty stream");
    }
}
