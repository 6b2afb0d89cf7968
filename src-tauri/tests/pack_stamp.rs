//! The pack's "Page N" stamp never covers an attached PDF's content (issue 14, point 7). An
//! attached page whose text runs down to the bottom edge is shrunk into the area above the
//! stamp, its link moved with it, and the build says so; a page with a bottom margin is left
//! at full size. Checked with poppler (`pdftotext -bbox`) and qpdf, never with our own code.

mod pack_support;

use agendapack_model::{Access, Appendix, AppendixContent};
use agendapack_pack::PackOptions;
use pack_support::*;

/// A two-page A4 PDF written here by hand: page 1 is filled with text from the top to the
/// very bottom edge (its last line's baseline 3 pt above the edge, right under where the
/// stamp goes) and carries a link on that last line; page 2 keeps a 1-inch bottom margin.
fn bottom_heavy_pdf() -> Vec<u8> {
    let mut full = String::from("BT /F1 11 Tf 14 TL 72 800 Td");
    for n in 1..=56 {
        full.push_str(&format!(" (Body line {n} of the attached page) Tj T*"));
    }
    full.push_str(" ET BT /F1 11 Tf 200 3 Td (Bottomline of the attached page) Tj ET");
    let margin = "BT /F1 11 Tf 72 72 Td (Marginpage keeps its bottom margin) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R /Annots [8 0 R] >>".to_string(),
        format!("<< /Length {} >>\nstream\n{full}\nendstream", full.len()),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 7 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{margin}\nendstream", margin.len()),
        "<< /Type /Annot /Subtype /Link /Rect [200 0 400 14] /Border [0 0 0] /A << /S /URI /URI (https://example.org/bottom) >> >>".to_string(),
    ];
    pdf_from_objects(&objects)
}

/// One word of `pdftotext -bbox`: its text and box (points, origin top-left).
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x_min: f32,
    y_min: f32,
    x_max: f32,
    y_max: f32,
}

fn words(path: &std::path::Path, page: usize) -> Vec<Word> {
    let n = page.to_string();
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &n, "-l", &n, &path.to_string_lossy(), "-"])
        .output()
        .expect("pdftotext must be installed");
    assert!(out.status.success(), "pdftotext -bbox reads the pack");
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |line: &str, name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).expect("a bbox attribute") + name.len() + 2;
        line[start..].split('"').next().unwrap().parse().expect("a number")
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| Word {
            text: l.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_string(),
            x_min: attr(l, "xMin"),
            y_min: attr(l, "yMin"),
            x_max: attr(l, "xMax"),
            y_max: attr(l, "yMax"),
        })
        .collect()
}

fn overlaps(a: &Word, b: &Word) -> bool {
    a.x_min < b.x_max && b.x_min < a.x_max && a.y_min < b.y_max && b.y_min < a.y_max
}

#[test]
fn the_page_stamp_never_covers_an_attached_pages_content() {
    let mut bundle = demo();
    let report = bundle.items.iter_mut().find(|i| i.number == Some(4)).and_then(|i| i.report.as_mut()).expect("item 4 is a report");
    report.appendices.push(Appendix {
        title: "Site survey".into(),
        access: Access::Public,
        content: AppendixContent::Pdf { file_name: "survey.pdf".into(), sha256: String::new(), bytes: bottom_heavy_pdf() },
    });
    let built = build_to_file(&bundle, &PackOptions::default());
    let pages = all_pages(&built.path, built.pack.pages);
    let first = pages.iter().position(|t| t.contains("Bottomline of the attached page")).expect("the attached page is in the pack") + 1;

    // Page 1 of the attachment: the stamp's words touch none of the page's own words.
    let on_page = words(&built.path, first);
    let stamp_at = on_page
        .windows(2)
        .rposition(|w| w[0].text == "Page" && w[1].text == first.to_string())
        .expect("the attached page carries its stamp");
    let stamp = [on_page[stamp_at].clone(), on_page[stamp_at + 1].clone()];
    let content: Vec<&Word> = on_page.iter().enumerate().filter(|(i, _)| *i != stamp_at && *i != stamp_at + 1).map(|(_, w)| w).collect();
    for word in &content {
        for s in &stamp {
            assert!(!overlaps(word, s), "the stamp {s:?} must not cover the page's word {word:?}");
        }
    }
    let bottom = content.iter().find(|w| w.text == "Bottomline").expect("the last line is extracted");
    let stamp_top = stamp.iter().map(|w| w.y_min).fold(f32::INFINITY, f32::min);
    assert!(bottom.y_max <= stamp_top, "the last line ({}) ends above the stamp ({stamp_top})", bottom.y_max);
    let body = content.iter().find(|w| w.text == "Body").expect("the first line is extracted");
    assert!(body.x_min > 72.0 && body.x_min < 100.0, "the page is shrunk a little (to about 95%) about its centre: first line at x {}", body.x_min);
    assert!(bottom.y_max < 842.0 - 14.0, "the last line was lifted off the bottom edge: {}", bottom.y_max);

    // The link moved with the words it covers.
    let json = qpdf_json(&built.path);
    let objects = json["qpdf"][1].as_object().expect("qpdf JSON v2 lists objects");
    let link = objects
        .values()
        .filter_map(|o| o.get("value"))
        .find(|v| v["/A"]["/URI"].as_str().is_some_and(|u| u.contains("example.org/bottom")))
        .expect("the attached page's link is in the pack");
    let rect: Vec<f64> = link["/Rect"].as_array().expect("a link has a /Rect").iter().map(|v| v.as_f64().unwrap()).collect();
    let word_bottom = 842.0 - bottom.y_max as f64;
    assert!(rect[1] > 14.0, "the link was lifted with its line: {rect:?}");
    assert!((rect[1] - word_bottom).abs() < 6.0, "the link still sits on its line (line bottom {word_bottom}): {rect:?}");

    // Page 2 of the attachment keeps its margin, so it is printed as it is.
    let margin = words(&built.path, first + 1);
    let first_word = margin.iter().find(|w| w.text == "Marginpage").expect("the second attached page is extracted");
    assert!((first_word.x_min - 72.0).abs() < 0.5, "a page with a bottom margin is not shrunk: x {}", first_word.x_min);

    let warning = built.pack.warnings.iter().find(|w| w.contains("Site survey") && w.contains("shrunk")).expect("the build says the page was shrunk");
    assert!(warning.contains("page 1 of the attached file"), "the warning names the page: {warning}");
    if let Ok(dir) = std::env::var("AGENDAPACK_KEEP_STAMP_PDF") {
        std::fs::copy(&built.path, std::path::Path::new(&dir).join("pack_stamp.pdf")).expect("the pack can be kept for a look");
        std::fs::write(std::path::Path::new(&dir).join("pack_stamp.page"), first.to_string()).expect("and its page number");
    }
}
