//! Where an attached PDF page puts its ink: the box around everything its content stream
//! paints, found by reading the drawing operators (lopdf's content parser), never by
//! rendering. The pack uses it to keep the "Page N" stamp off an attached page's content
//! (issue 14, point 7).
//!
//! Followed: the graphics state stack (`q`/`Q`), `cm`, clipping paths (as their bounding
//! boxes), paths and how they are painted (`n` paints nothing; a fill in white is treated as
//! paper, not ink), text objects (`Tm`, `Td`, `TD`, `T*`, `TL`, `Tf`, `Ts`, `Tr`, and the four
//! show operators), images (XObjects and inline), shadings (`sh` fills the clip), and form
//! XObjects (recursively, with their `/Matrix` and `/BBox`). Text extents are estimates: the
//! glyphs' heights are taken as 0.25 em below the baseline to 0.9 em above, their advances as
//! 0.6 em per byte, since reading every font's metrics would cost far more than the answer is
//! worth; the vertical reach of text (what the stamp band cares about) is right to within the
//! font's descent.
//!
//! Deliberately not here: deciding what to do about the ink (the pack does), and anything
//! that needs the pixels (a white image still counts as ink).

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::attachment;

/// A rectangle in displayed-page coordinates: points, origin at the bottom-left corner of the
/// page as shown (after its crop box and `/Rotate`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InkBox {
    pub left: f32,
    pub bottom: f32,
    pub right: f32,
    pub top: f32,
}

/// Where one page puts its ink: the box around all of it, and its floor, the lowest ink in
/// each of [`INK_COLUMNS`] equal vertical strips across the displayed page (so a stamp can be
/// checked against the content under it only, not against a footer at the page's side).
#[derive(Debug, Clone, PartialEq)]
pub struct PageInk {
    pub bounds: InkBox,
    /// `floor[i]`: the lowest ink (points from the bottom edge) in strip `i`; infinite where the
    /// strip has none.
    pub floor: Vec<f32>,
    /// The displayed page's width, which the strips divide.
    pub width: f32,
}

/// How many strips [`PageInk::floor`] divides a page into: about 6 mm each on A4.
pub const INK_COLUMNS: usize = 100;

impl PageInk {
    /// The lowest ink between `left` and `right` (points from the page's left edge); None
    /// where there is none.
    pub fn lowest_between(&self, left: f32, right: f32) -> Option<f32> {
        let strip = self.width / INK_COLUMNS as f32;
        if strip <= 0.0 {
            return Some(self.bounds.bottom);
        }
        let first = ((left / strip).floor().max(0.0) as usize).min(INK_COLUMNS - 1);
        let last = ((right / strip).floor().max(0.0) as usize).min(INK_COLUMNS - 1);
        let low = self.floor[first..=last].iter().copied().fold(f32::INFINITY, f32::min);
        low.is_finite().then_some(low)
    }
}

/// An affine map `(x, y) → (a·x + c·y + e, b·x + d·y + f)`, PDF's matrix convention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Affine {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Affine {
    pub const IDENTITY: Affine = Affine { a: 1.0, b: 0.0, c: 0.0, d: 1.0, e: 0.0, f: 0.0 };

    pub fn new(v: [f32; 6]) -> Affine {
        Affine { a: v[0], b: v[1], c: v[2], d: v[3], e: v[4], f: v[5] }
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f)
    }

    /// `self` applied first, then `then`.
    pub fn then(&self, then: &Affine) -> Affine {
        Affine {
            a: self.a * then.a + self.b * then.c,
            b: self.a * then.b + self.b * then.d,
            c: self.c * then.a + self.d * then.c,
            d: self.c * then.b + self.d * then.d,
            e: self.e * then.a + self.f * then.c + then.e,
            f: self.e * then.b + self.f * then.d + then.f,
        }
    }

    pub fn invert(&self) -> Option<Affine> {
        let det = self.a * self.d - self.b * self.c;
        if det.abs() < 1e-12 || !det.is_finite() {
            return None;
        }
        let (a, b, c, d) = (self.d / det, -self.b / det, -self.c / det, self.a / det);
        Some(Affine { a, b, c, d, e: -(self.e * a + self.f * c), f: -(self.e * b + self.f * d) })
    }

    /// The `cm` operator that concatenates this map.
    pub fn cm(&self) -> String {
        format!("{} {} {} {} {} {} cm\n", self.a, self.b, self.c, self.d, self.e, self.f)
    }

    /// The bounding box of a rectangle's image.
    pub fn map_box(&self, r: [f32; 4]) -> [f32; 4] {
        let corners = [self.apply(r[0], r[1]), self.apply(r[2], r[1]), self.apply(r[0], r[3]), self.apply(r[2], r[3])];
        let mut out = [f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY];
        for (x, y) in corners {
            out = [out[0].min(x), out[1].min(y), out[2].max(x), out[3].max(y)];
        }
        out
    }
}

/// The map from a page's user space to its displayed coordinates.
pub(crate) fn user_to_displayed(doc: &Document, page: ObjectId) -> Affine {
    displayed_to_user_map(attachment::visible_box(doc, page), attachment::rotation(doc, page))
        .invert()
        .unwrap_or(Affine::IDENTITY)
}

/// The map from displayed coordinates into user space, for a visible box and rotation.
pub(crate) fn displayed_to_user_map(b: [f32; 4], rotate: i64) -> Affine {
    let (w, h) = (b[2] - b[0], b[3] - b[1]);
    let (a, bb, c, d, e, f) = match rotate {
        90 => (0.0, 1.0, -1.0, 0.0, w, 0.0),
        180 => (-1.0, 0.0, 0.0, -1.0, w, h),
        270 => (0.0, -1.0, 1.0, 0.0, 0.0, h),
        _ => (1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
    };
    Affine { a, b: bb, c, d, e: e + b[0], f: f + b[1] }
}

/// The most operators read for one page (forms included): a hostile file with millions of
/// operators is answered "ink everywhere" rather than read to the end.
const OPERATION_BUDGET: usize = 2_000_000;
/// How deep form XObjects may nest.
const FORM_DEPTH: usize = 12;
/// The most decompressed content one page may have (page streams and forms together): parsed
/// operators take several times their text in memory; a page past it counts as inked all over.
const CONTENT_LIMIT: usize = 16 * 1024 * 1024;

/// The box around the ink of `page` in displayed coordinates, clipped to the visible page;
/// None when the page paints nothing.
pub(crate) fn page_ink(doc: &Document, page: ObjectId) -> Option<PageInk> {
    let visible = attachment::visible_box(doc, page);
    let to_displayed = user_to_displayed(doc, page);
    let page_box = to_displayed.map_box(visible);
    let width = page_box[2] - page_box[0];
    let mut reader = Reader {
        doc,
        budget: OPERATION_BUDGET,
        content_left: CONTENT_LIMIT,
        ink: None,
        floor: vec![f32::INFINITY; INK_COLUMNS],
        strip: width / INK_COLUMNS as f32,
        overflowed: false,
    };
    match doc.get_page_content_with_limit(page, CONTENT_LIMIT) {
        Ok(bytes) => {
            let resources = resources_of(doc, attachment::inherited(doc, page, b"Resources"));
            reader.run(&bytes, resources, to_displayed, page_box, 0);
        }
        Err(_) => reader.overflowed = true,
    }
    if reader.overflowed {
        // Content too large to read may draw anywhere.
        reader.ink = None;
        reader.paint(page_box, page_box);
    }
    let b = reader.ink?;
    Some(PageInk { bounds: InkBox { left: b[0], bottom: b[1], right: b[2], top: b[3] }, floor: reader.floor, width })
}

fn resources_of<'a>(doc: &'a Document, value: Option<&'a Object>) -> Option<&'a Dictionary> {
    match value? {
        Object::Reference(r) => doc.get_dictionary(*r).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

fn number(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|v| v.is_finite())
}

fn numbers<const N: usize>(operands: &[Object]) -> Option<[f32; N]> {
    if operands.len() < N {
        return None;
    }
    let mut out = [0.0; N];
    for (slot, o) in out.iter_mut().zip(&operands[operands.len() - N..]) {
        *slot = number(o)?;
    }
    Some(out)
}

fn intersect(a: [f32; 4], b: [f32; 4]) -> Option<[f32; 4]> {
    let r = [a[0].max(b[0]), a[1].max(b[1]), a[2].min(b[2]), a[3].min(b[3])];
    (r[0] <= r[2] && r[1] <= r[3]).then_some(r)
}

#[derive(Clone)]
struct State {
    ctm: Affine,
    /// The clip's bounding box in displayed coordinates.
    clip: [f32; 4],
    white_fill: bool,
    font_size: f32,
    leading: f32,
    rise: f32,
    /// Text rendering mode 3 and 7 paint nothing (the invisible text of scanned pages).
    invisible_text: bool,
    char_spacing: f32,
    horizontal_scale: f32,
}

struct Reader<'a> {
    doc: &'a Document,
    budget: usize,
    content_left: usize,
    ink: Option<[f32; 4]>,
    floor: Vec<f32>,
    /// The width of one strip of `floor`.
    strip: f32,
    overflowed: bool,
}

impl Reader<'_> {
    /// Adds a box (displayed coordinates) to the ink, clipped.
    fn paint(&mut self, bbox: [f32; 4], clip: [f32; 4]) {
        let Some(b) = intersect(bbox, clip) else { return };
        if self.strip > 0.0 {
            let first = ((b[0] / self.strip).floor().max(0.0) as usize).min(INK_COLUMNS - 1);
            let last = ((b[2] / self.strip).floor().max(0.0) as usize).min(INK_COLUMNS - 1);
            for low in &mut self.floor[first..=last] {
                *low = low.min(b[1]);
            }
        }
        self.ink = Some(match self.ink {
            None => b,
            Some(i) => [i[0].min(b[0]), i[1].min(b[1]), i[2].max(b[2]), i[3].max(b[3])],
        });
    }

    fn run(&mut self, bytes: &[u8], resources: Option<&Dictionary>, ctm: Affine, clip: [f32; 4], depth: usize) {
        let Ok(content) = Content::decode(bytes) else {
            // Content we cannot parse may still draw anywhere.
            self.paint(clip, clip);
            return;
        };
        let mut state = State {
            ctm,
            clip,
            white_fill: false,
            font_size: 12.0,
            leading: 0.0,
            rise: 0.0,
            invisible_text: false,
            char_spacing: 0.0,
            horizontal_scale: 1.0,
        };
        let mut stack: Vec<State> = Vec::new();
        // The current path's bounding box in displayed coordinates, and a pending W.
        let mut path: Option<[f32; 4]> = None;
        let mut clip_next = false;
        // Text matrix and line matrix.
        let mut tm = Affine::IDENTITY;
        let mut tlm = Affine::IDENTITY;
        for op in &content.operations {
            if self.budget == 0 {
                self.overflowed = true;
                return;
            }
            self.budget -= 1;
            let args = op.operands.as_slice();
            let add_point = |path: &mut Option<[f32; 4]>, state: &State, x: f32, y: f32| {
                let (x, y) = state.ctm.apply(x, y);
                *path = Some(match *path {
                    None => [x, y, x, y],
                    Some(p) => [p[0].min(x), p[1].min(y), p[2].max(x), p[3].max(y)],
                });
            };
            match op.operator.as_str() {
                "q" => stack.push(state.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        state = s;
                    }
                }
                "cm" => {
                    if let Some(m) = numbers::<6>(args) {
                        state.ctm = Affine::new(m).then(&state.ctm);
                    }
                }
                "g" => state.white_fill = numbers::<1>(args).is_some_and(|[g]| g >= 0.999),
                "rg" => state.white_fill = numbers::<3>(args).is_some_and(|v| v.iter().all(|c| *c >= 0.999)),
                "k" => state.white_fill = numbers::<4>(args).is_some_and(|v| v.iter().all(|c| *c <= 0.001)),
                "sc" | "scn" | "cs" => state.white_fill = false,
                "m" | "l" => {
                    if let Some([x, y]) = numbers::<2>(args) {
                        add_point(&mut path, &state, x, y);
                    }
                }
                "c" | "v" | "y" => {
                    // A Bézier curve lies inside the hull of its control points.
                    let pts: Vec<f32> = args.iter().filter_map(number).collect();
                    for pair in pts.chunks(2).filter(|p| p.len() == 2) {
                        add_point(&mut path, &state, pair[0], pair[1]);
                    }
                }
                "re" => {
                    if let Some([x, y, w, h]) = numbers::<4>(args) {
                        add_point(&mut path, &state, x, y);
                        add_point(&mut path, &state, x + w, y + h);
                    }
                }
                "W" | "W*" => clip_next = true,
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n" => {
                    let stroke = matches!(op.operator.as_str(), "S" | "s" | "B" | "B*" | "b" | "b*");
                    let fill_only = matches!(op.operator.as_str(), "f" | "F" | "f*");
                    if let Some(p) = path.take() {
                        let paints = op.operator != "n" && !(fill_only && state.white_fill);
                        if paints {
                            // Half a typical line width either side of a stroked path.
                            let grow = if stroke { 1.0 } else { 0.0 };
                            self.paint([p[0] - grow, p[1] - grow, p[2] + grow, p[3] + grow], state.clip);
                        }
                        if clip_next {
                            state.clip = intersect(state.clip, p).unwrap_or([0.0, 0.0, 0.0, 0.0]);
                        }
                    }
                    clip_next = false;
                }
                "sh" => self.paint(state.clip, state.clip),
                "BI" => {
                    let unit = state.ctm.map_box([0.0, 0.0, 1.0, 1.0]);
                    self.paint(unit, state.clip);
                }
                "Do" => {
                    let name = args.first().and_then(|o| o.as_name().ok());
                    self.draw_xobject(name, resources, &state, depth);
                }
                "BT" => {
                    tm = Affine::IDENTITY;
                    tlm = Affine::IDENTITY;
                }
                "Tf" => {
                    if let Some([size]) = numbers::<1>(args) {
                        state.font_size = size;
                    }
                }
                "TL" => {
                    if let Some([l]) = numbers::<1>(args) {
                        state.leading = l;
                    }
                }
                "Ts" => {
                    if let Some([r]) = numbers::<1>(args) {
                        state.rise = r;
                    }
                }
                "Tc" => {
                    if let Some([c]) = numbers::<1>(args) {
                        state.char_spacing = c;
                    }
                }
                "Tz" => {
                    if let Some([z]) = numbers::<1>(args) {
                        state.horizontal_scale = z / 100.0;
                    }
                }
                "Tr" => state.invisible_text = numbers::<1>(args).is_some_and(|[m]| m == 3.0 || m == 7.0),
                "Tm" => {
                    if let Some(m) = numbers::<6>(args) {
                        tm = Affine::new(m);
                        tlm = tm;
                    }
                }
                "Td" | "TD" => {
                    if let Some([x, y]) = numbers::<2>(args) {
                        if op.operator == "TD" {
                            state.leading = -y;
                        }
                        tlm = Affine { e: x, f: y, ..Affine::IDENTITY }.then(&tlm);
                        tm = tlm;
                    }
                }
                "T*" => {
                    tlm = Affine { e: 0.0, f: -state.leading, ..Affine::IDENTITY }.then(&tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator != "Tj" && op.operator != "TJ" {
                        tlm = Affine { e: 0.0, f: -state.leading, ..Affine::IDENTITY }.then(&tlm);
                        tm = tlm;
                    }
                    let advance = text_advance(args, &state);
                    if !state.invisible_text && advance.abs() > 0.0 {
                        let size = state.font_size;
                        let glyphs = [0.0, state.rise - 0.25 * size, advance, state.rise + 0.9 * size];
                        let bbox = tm.then(&state.ctm).map_box(glyphs);
                        self.paint(bbox, state.clip);
                    }
                    tm = Affine { e: advance, f: 0.0, ..Affine::IDENTITY }.then(&tm);
                }
                _ => {}
            }
        }
    }

    fn draw_xobject(&mut self, name: Option<&[u8]>, resources: Option<&Dictionary>, state: &State, depth: usize) {
        let unknown = |reader: &mut Self| reader.paint(state.clip, state.clip);
        let Some(name) = name else { return };
        let xobjects = resources.and_then(|r| resources_of(self.doc, r.get(b"XObject").ok()));
        let Some(Ok(id)) = xobjects.and_then(|x| x.get(name).ok()).map(Object::as_reference) else { return };
        let Ok(stream) = self.doc.get_object(id).and_then(Object::as_stream) else { return };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => {
                let unit = state.ctm.map_box([0.0, 0.0, 1.0, 1.0]);
                self.paint(unit, state.clip);
            }
            Ok(b"Form") => {
                if depth >= FORM_DEPTH {
                    return unknown(self);
                }
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|a| numbers::<6>(a))
                    .map(Affine::new)
                    .unwrap_or(Affine::IDENTITY);
                let ctm = matrix.then(&state.ctm);
                let mut clip = state.clip;
                if let Some(bbox) = stream.dict.get(b"BBox").and_then(Object::as_array).ok().and_then(|a| numbers::<4>(a)) {
                    let bbox = [bbox[0].min(bbox[2]), bbox[1].min(bbox[3]), bbox[0].max(bbox[2]), bbox[1].max(bbox[3])];
                    match intersect(clip, ctm.map_box(bbox)) {
                        Some(c) => clip = c,
                        None => return,
                    }
                }
                let own = resources_of(self.doc, stream.dict.get(b"Resources").ok()).or(resources);
                let bytes = match stream.decompressed_content_with_limit(self.content_left) {
                    Ok(bytes) => bytes,
                    Err(_) if stream.dict.get(b"Filter").is_err() => stream.content.clone(),
                    Err(_) => return unknown(self),
                };
                self.content_left = self.content_left.saturating_sub(bytes.len());
                self.run(&bytes, own, ctm, clip, depth + 1);
            }
            _ => {}
        }
    }
}

/// The estimated advance of a show operator's text in text space (before the text matrix).
fn text_advance(args: &[Object], state: &State) -> f32 {
    let per_byte = |n: usize| n as f32 * (0.6 * state.font_size + state.char_spacing) * state.horizontal_scale;
    match args.last() {
        Some(Object::String(s, _)) => per_byte(s.len()),
        Some(Object::Array(parts)) => parts
            .iter()
            .map(|p| match p {
                Object::String(s, _) => per_byte(s.len()),
                other => number(other).map(|n| -n / 1000.0 * state.font_size * state.horizontal_scale).unwrap_or(0.0),
            })
            .sum(),
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// A one-page A4 document with `content` as its page content and a Form XObject /F1
    /// (drawing `form`, with `matrix`) in its resources.
    fn page_with(content: &str, rotate: i64, form: Option<(&str, [f32; 6])>) -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let mut xobjects = Dictionary::new();
        if let Some((form, m)) = form {
            let matrix: Vec<Object> = m.iter().map(|v| Object::Real(*v)).collect();
            let form_id = doc.add_object(Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()], "Matrix" => matrix },
                form.as_bytes().to_vec(),
            ));
            xobjects.set("F1", form_id);
        }
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Rotate" => rotate,
            "Contents" => content_id,
            "Resources" => dictionary! { "XObject" => xobjects },
        });
        doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        (doc, page_id)
    }

    fn check(content: &str, expect: Option<(f32, f32)>) {
        let (doc, page) = page_with(content, 0, None);
        let ink = page_ink(&doc, page).map(|i| (i.bounds.bottom, i.bounds.top));
        match (ink, expect) {
            (Some((bottom, top)), Some((eb, et))) => assert!(
                (bottom - eb).abs() < 0.5 && (top - et).abs() < 0.5,
                "{content:?}: ink reaches from {bottom} to {top}, expected {eb} to {et}"
            ),
            (got, want) => assert_eq!(got, want, "{content:?}"),
        }
    }

    #[test]
    fn text_reaches_a_quarter_em_below_its_baseline() {
        // 10 pt text on a baseline 2 pt above the bottom edge reaches the edge (clipped).
        check("BT /F 10 Tf 1 0 0 1 72 2 Tm (Bottom line) Tj ET", Some((0.0, 11.0)));
        check("BT /F 20 Tf 72 100 Td (x) Tj ET", Some((95.0, 118.0)));
        // Td moves relative to the line start; T* by the leading.
        check("BT /F 10 Tf 14 TL 72 100 Td 0 -20 Td T* (x) Tj ET", Some((63.5, 75.0)));
    }

    #[test]
    fn paths_count_when_painted_and_not_when_ended_with_n_or_filled_white() {
        check("0 0 1 rg 100 50 200 10 re f", Some((50.0, 60.0)));
        check("100 50 200 10 re n", None);
        check("1 g 0 0 595 842 re f", None);
        check("1 w 10 30 m 500 30 l S", Some((29.0, 31.0)));
    }

    #[test]
    fn transforms_and_the_graphics_stack_are_followed() {
        check("q 1 0 0 1 0 400 cm 100 50 200 10 re f Q 100 50 200 10 re f", Some((50.0, 460.0)));
        check("q 0.5 0 0 0.5 0 0 cm 0 100 10 10 re f Q", Some((50.0, 55.0)));
    }

    #[test]
    fn a_clip_hides_what_lies_outside_it() {
        check("q 0 100 595 700 re W n 0 0 595 842 re f Q", Some((100.0, 800.0)));
    }

    #[test]
    fn invisible_text_of_a_scanned_page_is_not_ink() {
        check("BT 3 Tr /F 10 Tf 72 2 Td (ocr) Tj ET", None);
    }

    #[test]
    fn form_xobjects_are_read_through_their_matrix() {
        let (doc, page) = page_with("/F1 Do", 0, Some(("0 0 100 10 re f", [1.0, 0.0, 0.0, 1.0, 0.0, 300.0])));
        let ink = page_ink(&doc, page).expect("the form paints").bounds;
        assert!((ink.bottom - 300.0).abs() < 0.01 && (ink.top - 310.0).abs() < 0.01, "the form's matrix lifts it: {ink:?}");
    }

    #[test]
    fn a_rotated_page_reports_displayed_coordinates() {
        // Rotate 90 (clockwise): the user-space right edge (x = 595) is the bottom as shown.
        let (doc, page) = page_with("585 0 10 842 re f", 90, None);
        let ink = page_ink(&doc, page).expect("the bar paints").bounds;
        assert!(ink.bottom.abs() < 0.01 && (ink.top - 10.0).abs() < 0.01, "a bar along x = 595 lies along the bottom when shown: {ink:?}");
    }

    #[test]
    fn the_floor_finds_a_side_footer_apart_from_the_middle() {
        // A footer at the left edge, body text well above it in the middle.
        let (doc, page) = page_with("0 5 100 10 re f 200 300 200 400 re f", 0, None);
        let ink = page_ink(&doc, page).expect("the page paints");
        assert_eq!(ink.lowest_between(0.0, 50.0), Some(5.0), "the footer is the lowest ink at the left");
        assert_eq!(ink.lowest_between(250.0, 350.0), Some(300.0), "under the middle only the body's bottom");
        assert_eq!(ink.lowest_between(500.0, 590.0), None, "nothing at the right");
    }

    #[test]
    fn affine_inverse_undoes_the_map() {
        let m = Affine::new([0.0, 1.0, -1.0, 0.0, 595.0, 10.0]);
        let back = m.then(&m.invert().expect("a rotation is invertible"));
        let (x, y) = back.apply(12.0, 34.0);
        assert!((x - 12.0).abs() < 1e-3 && (y - 34.0).abs() < 1e-3, "the inverse undoes the map");
    }
}
