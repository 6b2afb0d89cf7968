//! [`PackStyle`]: every measurement and colour the layout uses, in one documented struct.
//! The default is the council house style (A4, Arial-metric 12 pt, ragged right).
//! This module only holds numbers; it does not lay anything out.

use agendapack_doc::Color;

/// The look of a laid-out document. All lengths are in points (1/72 inch).
#[derive(Debug, Clone, PartialEq)]
pub struct PackStyle {
    /// Page size; A4 portrait is 595.276 x 841.89.
    pub page_width: f32,
    pub page_height: f32,
    /// Margins around the text area. The bottom margin leaves room for the "Page N" stamp
    /// the pack engine adds.
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
    /// Body text size (councils commonly mandate 12 pt for accessibility).
    pub body_size: f32,
    /// Baseline-to-baseline distance as a multiple of the text size.
    pub line_height: f32,
    /// Sizes of headings level 1 to 6.
    pub heading_sizes: [f32; 6],
    /// Space above and below a heading.
    pub heading_space_before: f32,
    pub heading_space_after: f32,
    /// Space after a paragraph, list, table, image or code block.
    pub paragraph_spacing: f32,
    /// Space between list items.
    pub list_item_spacing: f32,
    /// Indent of each list level; the marker hangs in it.
    pub list_indent: f32,
    /// Indent of a quotation, and the width of the rule on its left.
    pub quote_indent: f32,
    pub quote_rule_width: f32,
    /// Code blocks are set in Liberation Mono at this size.
    pub code_size: f32,
    /// Footnotes (printed after the body) are set at this size.
    pub footnote_size: f32,
    /// Superscript size and rise, as multiples of the surrounding size.
    pub superscript_scale: f32,
    pub superscript_rise: f32,
    /// Padding inside table cells, each side.
    pub cell_padding: f32,
    /// Stroke width of table rules, and of horizontal rules between blocks.
    pub table_rule_width: f32,
    pub rule_width: f32,
    /// Narrowest a table column is made when space allows.
    pub min_column_width: f32,
    /// Smallest size table text is set at so that no word has to be broken across lines
    /// in a table with many columns; below it, words are broken instead.
    pub table_min_text_size: f32,
    /// Justify paragraphs (default false: ragged right, easier to read for people with
    /// dyslexia).
    pub justify: bool,
    /// A split paragraph keeps at least this many lines at the foot of a page (orphans) and
    /// at the head of the next (widows).
    pub orphans: usize,
    pub widows: usize,
    pub text_color: Color,
    /// Links are coloured and underlined, so that they still read as links in black and white.
    pub link_color: Color,
    pub rule_color: Color,
    /// Fill of table header rows when the document does not give one.
    pub header_fill: Option<Color>,
}

impl Default for PackStyle {
    fn default() -> PackStyle {
        let mm = 72.0 / 25.4;
        PackStyle {
            page_width: 595.276,
            page_height: 841.89,
            margin_top: 20.0 * mm,
            margin_bottom: 25.0 * mm,
            margin_left: 20.0 * mm,
            margin_right: 20.0 * mm,
            body_size: 12.0,
            line_height: 1.2,
            heading_sizes: [18.0, 15.0, 13.0, 12.0, 12.0, 12.0],
            heading_space_before: 12.0,
            heading_space_after: 6.0,
            paragraph_spacing: 8.0,
            list_item_spacing: 4.0,
            list_indent: 24.0,
            quote_indent: 18.0,
            quote_rule_width: 1.5,
            code_size: 10.0,
            footnote_size: 10.0,
            superscript_scale: 0.6,
            superscript_rise: 0.35,
            cell_padding: 4.0,
            table_rule_width: 0.5,
            rule_width: 0.75,
            min_column_width: 24.0,
            table_min_text_size: 10.0,
            justify: false,
            orphans: 2,
            widows: 2,
            text_color: Color { r: 0.0, g: 0.0, b: 0.0 },
            link_color: Color { r: 0.0, g: 0.2, b: 0.6 },
            rule_color: Color { r: 0.0, g: 0.0, b: 0.0 },
            header_fill: Some(Color { r: 0.9, g: 0.9, b: 0.9 }),
        }
    }
}

impl PackStyle {
    /// The text area's left edge and width, and its top and bottom edges.
    pub fn text_left(&self) -> f32 {
        self.margin_left
    }

    pub fn text_width(&self) -> f32 {
        (self.page_width - self.margin_left - self.margin_right).max(1.0)
    }

    pub fn text_top(&self) -> f32 {
        self.margin_top
    }

    pub fn text_bottom(&self) -> f32 {
        (self.page_height - self.margin_bottom).max(self.margin_top + 1.0)
    }

    pub fn text_height(&self) -> f32 {
        self.text_bottom() - self.text_top()
    }

    /// A copy with every length made finite and non-negative, so that a hand-edited style
    /// cannot make layout loop or divide by zero.
    pub(crate) fn sanitized(&self) -> PackStyle {
        let len = |v: f32, default: f32| if v.is_finite() && v >= 0.0 { v } else { default };
        let size = |v: f32, default: f32| if v.is_finite() && v >= 1.0 { v.min(400.0) } else { default };
        let d = PackStyle::default();
        let mut s = self.clone();
        // Pages are bounded by PDF's 200-inch limit, not by the 400 pt cap meant for type sizes.
        let page = |v: f32, default: f32| if v.is_finite() && v >= 72.0 { v.min(14_400.0) } else { default };
        s.page_width = page(s.page_width, d.page_width);
        s.page_height = page(s.page_height, d.page_height);
        s.margin_top = len(s.margin_top, d.margin_top).min(s.page_height / 3.0);
        s.margin_bottom = len(s.margin_bottom, d.margin_bottom).min(s.page_height / 3.0);
        s.margin_left = len(s.margin_left, d.margin_left).min(s.page_width / 3.0);
        s.margin_right = len(s.margin_right, d.margin_right).min(s.page_width / 3.0);
        s.body_size = size(s.body_size, d.body_size);
        s.line_height = if s.line_height.is_finite() && s.line_height >= 0.8 { s.line_height.min(5.0) } else { d.line_height };
        for (h, dh) in s.heading_sizes.iter_mut().zip(d.heading_sizes) {
            *h = size(*h, dh);
        }
        s.heading_space_before = len(s.heading_space_before, d.heading_space_before);
        s.heading_space_after = len(s.heading_space_after, d.heading_space_after);
        s.paragraph_spacing = len(s.paragraph_spacing, d.paragraph_spacing);
        s.list_item_spacing = len(s.list_item_spacing, d.list_item_spacing);
        s.list_indent = len(s.list_indent, d.list_indent);
        s.quote_indent = len(s.quote_indent, d.quote_indent);
        s.quote_rule_width = len(s.quote_rule_width, d.quote_rule_width);
        s.code_size = size(s.code_size, d.code_size);
        s.footnote_size = size(s.footnote_size, d.footnote_size);
        s.superscript_scale = if s.superscript_scale.is_finite() && s.superscript_scale > 0.1 { s.superscript_scale.min(1.0) } else { d.superscript_scale };
        s.superscript_rise = if s.superscript_rise.is_finite() { s.superscript_rise.clamp(0.0, 0.6) } else { d.superscript_rise };
        s.cell_padding = len(s.cell_padding, d.cell_padding);
        s.table_rule_width = len(s.table_rule_width, d.table_rule_width);
        s.rule_width = len(s.rule_width, d.rule_width);
        s.min_column_width = len(s.min_column_width, d.min_column_width);
        s.table_min_text_size = size(s.table_min_text_size, d.table_min_text_size);
        s.orphans = s.orphans.clamp(1, 10);
        s.widows = s.widows.clamp(1, 10);
        s
    }
}
