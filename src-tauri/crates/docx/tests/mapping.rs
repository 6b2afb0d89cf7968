//! Word's structure mapped to our Markdown, on the fixtures of three independent writers
//! (python-docx, LibreOffice, pandoc) and on small documents made here, through one
//! `read(body)` helper. Each assertion says what Word shows that the Markdown must keep.

mod support;

use agendapack_docx::read_docx;
use support::*;

fn read(body: &str) -> agendapack_docx::DocxPaper {
    read_docx(&minimal_docx(body)).expect("reads")
}

/// The same report with "Exempt" in the cell after "Open/Exempt Report:": read as exempt (the
/// empty label once said "open" first and won, so the import let an exempt file into an open item).
#[test]
fn an_exempt_cover_sheet_is_read_as_exempt() {
    let paper = read_docx(&fixture("council_report_exempt.docx")).expect("reads");
    assert_eq!(paper.cover.access.as_deref(), Some("exempt"));
    assert_eq!(paper.cover.decision.as_deref(), Some("For Decision"), "the other label-then-value rows are unchanged");
}

#[test]
fn council_report_from_python_docx() {
    let paper = read_docx(&fixture("council_report.docx")).expect("reads");
    let md = &paper.markdown;
    let c = &paper.cover;
    // The cover sheet fills every field it names, and leaves the body.
    assert_eq!(c.title.as_deref(), Some("Budget Monitoring Report 2020/21"));
    assert_eq!(c.report_of.as_deref(), Some("the Cabinet Member for Finance"));
    assert_eq!(c.access.as_deref(), Some("open"));
    assert_eq!(c.decision.as_deref(), Some("For Decision"));
    assert_eq!(c.wards_affected.as_deref(), Some("All"));
    assert_eq!(c.key_decision.as_deref(), Some("Yes"));
    assert_eq!(c.authors.len(), 1);
    assert_eq!(c.authors[0].name, "Jane Smith");
    assert_eq!(c.authors[0].email.as_deref(), Some("jane.smith@example.gov.uk"));
    assert_eq!(c.accountable_director.as_deref(), Some("Philip Gregory – Chief Financial Officer"));
    assert!(c.summary.as_deref().is_some_and(|s| s.contains("end of September")));
    assert!(c.recommendations.is_some() && c.reasons.is_some());
    assert_eq!(c.filled.len(), 11, "{:?}", c.filled);
    assert!(!md.contains("Wards Affected"), "the cover table left the body");
    // Word's labels: 1. / 1.1 / (a) / (i), each restarting under its parent.
    for line in ["1.\tIntroduction", "1.1\tThe council set", "1.2\tThe forecast", "(a)\tIncome", "(b)\tSpending", "(i)\tmostly", "(ii)\tpartly", "2.\tForecast", "2.1\tThe forecast overspend"] {
        assert!(md.contains(&format!("\n{line}")), "label line {line:?} in:\n{md}");
    }
    // Bullets nest as in Word (List Bullet 2 under List Bullet).
    assert!(md.contains("- Covid-19 costs\n  - Lost income from fees\n- Demand for care"));
    assert!(md.contains("**bold**") && md.contains("*italic*") && md.contains("CO<sub>2</sub>") && md.contains("1<sup>st</sup>"));
    // Pictures: alt text from docPr/@descr, the decorative flag.
    assert!(md.contains("![Bar chart of spending by directorate](media:image1.png)"));
    assert!(md.contains("![decorative](media:image2.png)"));
    assert_eq!(paper.media.len(), 2);
    assert_eq!(paper.media[0].alt.as_deref(), Some("Bar chart of spending by directorate"));
    assert!(paper.media[1].decorative && paper.media[0].bytes.starts_with(b"\x89PNG"));
    // Welsh: a whole paragraph in a div, a run in a span.
    assert!(md.contains("<div lang=\"cy\">\n\nMae'r adroddiad hwn yn nodi sefyllfa'r gyllideb.\n\n</div>"));
    assert!(md.contains("<span lang=\"cy\">cyllideb</span>"));
    // Tracked change: the insertion kept, the deletion dropped; the comment left out.
    assert!(md.contains("The forecast was reviewed by the Cabinet."));
    assert!(!md.contains("agreed") && !md.contains("Check the date"));
    assert!(paper.warnings.iter().any(|w| w.contains("tracked changes")));
    assert!(paper.warnings.iter().any(|w| w.contains("comments")));
    // Merged cells: gridSpan as `<`, vMerge as `^`.
    assert!(md.contains("| Directorate spending | < | r0c2 |"));
    assert!(md.contains("| r2c0 | r2c1 | ^ |"));
    // The landscape section is wrapped, and only it.
    let start = md.find("<div class=\"landscape\">").expect("landscape div");
    let end = md[start..].find("</div>").expect("closed") + start;
    assert!(md[start..end].contains("| Action | Lead |"));
    assert!(md[end..].contains("Background papers: none."));
}

#[test]
fn four_level_numbering_from_libreoffice_prints_writers_labels() {
    let md = read_docx(&fixture("outline.docx")).expect("reads").markdown;
    let labels: Vec<&str> = md.lines().filter_map(|l| l.split_once('\t').map(|(a, _)| a)).collect();
    assert_eq!(labels, ["1.", "1.1", "1.2", "(a)", "(b)", "(i)", "(ii)", "(c)", "2.", "2.1", "2.2", "3.", "3.1"]);
    assert!(md.starts_with("# Housing Allocations Policy"));
}

#[test]
fn pandoc_features_links_notes_and_anchors() {
    let md = read_docx(&fixture("pandoc_features.docx")).expect("reads").markdown;
    assert!(md.contains("[link to the council](https://www.example.gov.uk/council)"));
    assert!(md.contains("[the list section](#lists)") && md.contains("## Lists {#lists}"));
    assert!(md.contains("footnote.[^1]") && md.contains("[^1]: The footnote text."));
    assert!(md.contains("[^2]: A second note with *emphasis*."));
    assert!(md.contains("~~struck~~") && md.contains("H<sub>2</sub>O") && md.contains("x<sup>2</sup>"));
    assert!(md.contains("- First bullet\n  - Nested bullet\n    - Deeper bullet\n- Second bullet"));
    assert!(md.contains("A line\\\nbroken in two."), "a line break is a backslash break");
    assert!(md.contains("| a \\| b | 1 |"), "a pipe in a cell is escaped");
}

#[test]
fn text_that_looks_like_markdown_stays_text() {
    let md = read("<w:p><w:r><w:t># not *a* heading_ [x](y) &lt;b&gt; ~z~ `c`</w:t></w:r></w:p><w:p><w:r><w:t>1. not a list</w:t></w:r></w:p><w:p><w:r><w:t>- nor this</w:t></w:r></w:p>").markdown;
    let text = document_text(&md);
    assert!(text.contains("# not *a* heading_ [x](y) <b> ~z~ `c`"), "{md}\n---\n{text}");
    assert!(text.contains("1. not a list") && text.contains("- nor this"), "{text}");
}

#[test]
fn toc_fields_are_dropped_and_other_field_results_kept() {
    let field = |instr: &str, result: &str| {
        format!(
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>{instr}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
        )
    };
    let md = read(&format!("{}{}{}{}", field(" TOC \\o \"1-3\" ", "Contents 1"), field(" DATE ", "1 December 2020"), field(r#" HYPERLINK "https://example.org" "#, "the site"), p("after"))).markdown;
    assert!(!md.contains("Contents"), "{md}");
    assert!(md.contains("1 December 2020") && md.contains("[the site](https://example.org)") && md.contains("after"), "{md}");
}

#[test]
fn a_toc_field_across_paragraphs_is_dropped_whole() {
    let md = read(&format!(
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>TOC</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>Intro 1</w:t></w:r></w:p>{}<w:p><w:r><w:t>Last 3</w:t><w:fldChar w:fldCharType="end"/></w:r></w:p>{}"#,
        p("Middle 2"),
        p("Body text")
    ))
    .markdown;
    assert_eq!(md.trim(), "Body text");
}

#[test]
fn headings_through_based_on_and_outline_levels() {
    let styles = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
        <w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="Council Heading"/><w:basedOn w:val="Heading2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Outl"><w:name w:val="Outlined"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style></w:styles>"#;
    let body = r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>The Report</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="MyHead"/></w:pPr><w:r><w:t>Based on</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Outl"/></w:pPr><w:r><w:t>Outlined</w:t></w:r></w:p><w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>Direct</w:t></w:r></w:p>"#;
    let mut parts = minimal_parts(body);
    parts.push(("word/styles.xml".into(), styles.as_bytes().to_vec()));
    parts.push(("word/_rels/document.xml.rels".into(), br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_vec()));
    let paper = read_docx(&zip_of(&parts)).expect("reads");
    assert_eq!(paper.title.as_deref(), Some("The Report"));
    assert_eq!(paper.markdown.trim(), "## Based on\n\n### Outlined\n\n# Direct");
}

#[test]
fn page_breaks_text_boxes_and_alternate_content() {
    let body = format!(
        r#"<w:p><w:r><w:t>Before</w:t><w:br w:type="page"/><w:t>After</w:t></w:r></w:p><w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent><w:t>Anchor</w:t></w:r></w:p>"#,
        p("Boxed text"),
        p("Boxed text")
    );
    let paper = read(&body);
    assert_eq!(paper.markdown.trim(), "Before\n\n\\newpage\n\nAfter\n\nAnchor\n\nBoxed text", "the box once, after its paragraph");
    assert!(paper.warnings.iter().any(|w| w.contains("Text boxes")));
}

#[test]
fn internal_links_point_at_their_heading_or_become_text() {
    let body = r#"<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:bookmarkStart w:id="1" w:name="_Toc1"/><w:bookmarkStart w:id="2" w:name="_Ref9"/><w:r><w:t>Finance</w:t></w:r></w:p>
        <w:p><w:bookmarkStart w:id="3" w:name="_Ref7"/><w:r><w:t>A numbered paragraph.</w:t></w:r></w:p>
        <w:p><w:hyperlink w:anchor="_Ref9"><w:r><w:t>see Finance</w:t></w:r></w:hyperlink><w:r><w:t> and </w:t></w:r><w:hyperlink w:anchor="_Ref7"><w:r><w:t>paragraph 2</w:t></w:r></w:hyperlink></w:p>"#;
    let md = read(body).markdown;
    assert!(md.contains("# Finance {#_Toc1}"), "{md}");
    assert!(md.contains("[see Finance](#_Toc1) and paragraph 2"), "a second bookmark on a heading leads to it; one elsewhere is text: {md}");
}
