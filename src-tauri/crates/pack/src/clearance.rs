//! Keeping the "Page N" stamp off an attached PDF's content (issue 14, point 7): a page whose
//! ink reaches into the stamp's band (see [`furniture::stamp_band`]) is drawn shrunk into the
//! area above the band, top edge and centre kept, its links moved with it; the pack says so in
//! a build warning naming the appendix and pages.
//!
//! The ink comes from the attached file's drawing operators ([`agendapack_pdf::PageInk`]),
//! read when the pack is built; nothing is rendered. Deliberately not here: drawing the page
//! (the PDF writer applies the [`Placement`]) or stamping it (pagination does).

use agendapack_layout::{Page, Placement};
use agendapack_pdf::PageInk;

use crate::furniture;
use crate::paginate::Typesetter;

/// White kept between the shrunk content and the stamp's band, in points.
const GAP: f32 = 1.0;

/// The placement that lifts `ink` clear of the stamp band on a page `width` × `height`; None
/// when the band is already blank.
pub fn placement(ts: &dyn Typesetter, width: f32, height: f32, ink: &PageInk) -> Option<Placement> {
    let band = furniture::stamp_band(ts, width);
    let lowest = ink.lowest_between(band.left, band.right)?.max(0.0);
    if lowest >= band.top {
        return None;
    }
    // The top edge stays where it is: y' = s·y + height·(1 − s). The lowest ink must land on
    // or above the band: s·lowest + height·(1 − s) ≥ top + GAP.
    let room = height - band.top - GAP;
    if room <= 0.0 || height - lowest <= 0.0 {
        return None;
    }
    let scale = (room / (height - lowest)).min(1.0);
    Some(Placement { scale, dx: width * (1.0 - scale) / 2.0, dy: height * (1.0 - scale) })
}

/// Sets the placement of every page of one attached PDF (its pages in order, `ink` per page)
/// and returns the 1-based numbers of the pages shrunk, with the smallest scale used.
pub fn keep_clear(ts: &dyn Typesetter, pages: &mut [Page], ink: &[Option<PageInk>]) -> (Vec<usize>, f32) {
    let mut shrunk = Vec::new();
    let mut smallest = 1.0f32;
    for (n, (page, ink)) in pages.iter_mut().zip(ink).enumerate() {
        let Some(ink) = ink else { continue };
        let Some(imported) = page.imported.as_mut() else { continue };
        if let Some(p) = placement(ts, page.width, page.height, ink) {
            imported.placement = Some(p);
            smallest = smallest.min(p.scale);
            shrunk.push(n + 1);
        }
    }
    (shrunk, smallest)
}

/// The build warning for an appendix whose pages were shrunk.
pub fn warning(title: &str, number: usize, pages: &[usize], scale: f32) -> String {
    let list = if pages.len() > 8 {
        format!("{} and {} more", join(&pages[..8]), pages.len() - 8)
    } else {
        join(pages)
    };
    let which = if pages.len() == 1 { "page" } else { "pages" };
    format!(
        "the PDF appendix \"{title}\" (Appendix {number}): {which} {list} of the attached file reach into the bottom margin where the pack prints \"Page N\", so they are shrunk (to {}% at least) to keep the stamp off their content; attach a PDF with a bottom margin of at least 2 cm to print it at full size",
        (scale * 100.0).floor()
    )
}

fn join(pages: &[usize]) -> String {
    pages.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use agendapack_pdf::{InkBox, INK_COLUMNS};
    use crate::compile::PackTypesetter;

    fn ink(lowest_in_middle: f32, lowest_at_sides: f32) -> PageInk {
        let width = 595.0;
        let floor = (0..INK_COLUMNS)
            .map(|i| if (40..60).contains(&i) { lowest_in_middle } else { lowest_at_sides })
            .collect();
        let bottom = lowest_in_middle.min(lowest_at_sides);
        PageInk { bounds: InkBox { left: 0.0, bottom, right: width, top: 800.0 }, floor, width }
    }

    fn ts() -> PackTypesetter {
        PackTypesetter { style: agendapack_layout::PackStyle::default() }
    }

    #[test]
    fn a_page_with_a_bottom_margin_is_left_alone() {
        assert_eq!(placement(&ts(), 595.0, 842.0, &ink(72.0, 72.0)), None, "content 1 inch up is clear of the stamp");
        assert_eq!(placement(&ts(), 595.0, 842.0, &ink(72.0, 5.0)), None, "a footer at the side is not under the stamp");
    }

    #[test]
    fn content_reaching_the_bottom_edge_is_lifted_above_the_band() {
        let ts = ts();
        let p = placement(&ts, 595.0, 842.0, &ink(0.0, 0.0)).expect("text down to the edge must be shrunk");
        let band = furniture::stamp_band(&ts, 595.0);
        let lowest_drawn = p.scale * 0.0 + p.dy;
        assert!(lowest_drawn >= band.top, "the lowest ink lands at {lowest_drawn}, above the band's top {}", band.top);
        assert!((p.scale * 842.0 + p.dy - 842.0).abs() < 0.01, "the top edge stays put");
        assert!((p.dx * 2.0 + p.scale * 595.0 - 595.0).abs() < 0.01, "the page stays centred");
        assert!(p.scale > 0.9, "only the band's height is given up: scale {}", p.scale);
    }

    #[test]
    fn the_warning_names_the_appendix_and_its_pages() {
        let w = warning("Site plan", 2, &[1, 3], 0.953);
        assert!(w.contains("\"Site plan\" (Appendix 2): pages 1, 3"), "{w}");
        assert!(w.contains("95%"), "{w}");
    }
}
