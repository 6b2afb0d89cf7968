//! The Markdown dialect's merged cells, languages, labels and pictures, rendered and read back
//! with the tag checker: spans reach the PDF as /ColSpan and /RowSpan that tile each table,
//! Welsh runs and passages carry /Lang (cy), a picture's Figure carries its alt text.

use agendapack_pack::render::{render_markdown, RenderOptions};
use agendapack_pdf::check_tags;

const SOURCE: &str = "# Merged cells\n\n\
| Ward | Budget | < | Notes |\n|---|---|---|---|\n\
| Abbey | 2024 | 2025 | Rises |\n| ^ | 10 | 12 | Up |\n| Eastbrook | 7 | ^ | Flat |\n\n\
Hello <span lang=\"cy\">Croeso i'r cyfarfod</span> and H<sub>2</sub>O, <u>underlined</u>, x<sup>2</sup>.\n\n\
<div lang=\"cy\">\n\nBore da i bawb.\n\n</div>\n\n\
a)\tFirst labelled paragraph\n\n(ii)\tSecond labelled paragraph\n\n\
![A bar chart of ward budgets](media:chart.png)\n";

/// A 4x4 RGB PNG (written by a few lines of Python: signature, IHDR, zlib IDAT, IEND).
fn png() -> Vec<u8> {
    vec![137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 4, 8, 2, 0, 0, 0, 38, 147, 9, 41, 0, 0, 0, 41, 73, 68, 65, 84, 120, 218, 13, 199, 49, 1, 0, 0, 12, 194, 48, 132, 85, 24, 103, 69, 33, 112, 203, 151, 36, 18, 27, 23, 19, 4, 139, 227, 83, 169, 173, 235, 103, 50, 59, 55, 15, 167, 99, 19, 65, 6, 26, 43, 85, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130]
}

#[test]
fn spans_languages_and_pictures_are_tagged() {
    let picture = png();
    let resolve = |src: &str| (src == "media:chart.png").then(|| picture.clone());
    let options = RenderOptions { resolve_image: &resolve, ..RenderOptions::new("merged") };
    let rendered = render_markdown(SOURCE, &options).expect("the document renders");
    let diagnostics: Vec<String> = rendered.diagnostics.iter().map(|d| d.message.clone()).collect();
    assert!(diagnostics.is_empty(), "the dialect is understood without warnings: {diagnostics:?}");
    let report = check_tags(&rendered.pdf).expect("readable");
    assert!(report.is_ok(), "the tag checker passes: {:?}", report.problems);
    assert_eq!(report.spanning_cells, vec![(2, 1), (1, 2), (1, 2)], "Budget spans two columns, Abbey and 12 two rows");
    assert_eq!(report.languages.get("cy"), Some(&2), "the Welsh span and the Welsh division carry /Lang (cy)");
    assert_eq!(report.types.get("Lbl"), Some(&2), "both labelled paragraphs print their label as a Lbl");
    assert_eq!(report.figure_alts, vec!["A bar chart of ward budgets".to_owned()], "the picture is a Figure with its alt text");
}
