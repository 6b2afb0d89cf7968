//! Table column widths, as in CSS automatic tables: every column has a min-content width (its
//! widest unbreakable word plus padding) and a max-content width (its longest line unbroken);
//! widths are chosen between the two, with a document's fixed shares taken as preferences.
//!
//! The rule, in order of precedence:
//! 1. no column gets less than its min-content width when the table can hold them all;
//! 2. when it cannot at full size, the table's text is set smaller (down to
//!    [`PackStyle::table_min_text_size`](crate::PackStyle)) until it can, and only below that
//!    are words broken (every column shrunk in proportion to its min-content);
//! 3. a column whose cell would make a row taller than a page (which must then be split,
//!    interleaving the row's cells across the page turn) is widened, and the text set
//!    smaller, as far as that avoids it without breaking words;
//! 4. space above the min-contents goes to the columns that want it: a fixed share is a
//!    preferred width, an automatic column prefers its max-content; short automatic columns
//!    (a "Status" column) get their whole content before long ones share the rest.
//!
//! This module only does arithmetic on widths; measuring cells is the caller's job.

/// What the table asks of one column, in points, padding included.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ColumnNeed {
    /// Part of the min-content width that does not scale with the text (padding, floors).
    pub base: f32,
    /// Min-content and max-content widths of the text at full size, without `base`.
    pub min: f32,
    pub max: f32,
    /// A fixed share of the table width given by the document, in points.
    pub preferred: Option<f32>,
    /// Long cells of the column: the length of all their lines set unbroken at full size,
    /// and how many blocks they hold, to estimate their height at a width.
    pub long: Vec<(f32, f32)>,
}

/// How much of a line's width wrapped text fills on average (ragged right, whole words).
const FILL: f32 = 0.85;

/// Text width a cell needs so that its estimated height at text `scale` stays within
/// `page_lines` full-size lines; infinite when no width would do.
fn width_for_height(total: f32, blocks: f32, scale: f32, page_lines: f32) -> f32 {
    // Each block ends on a part-filled line; smaller text fits more lines in the page.
    let lines = page_lines / scale - blocks * 0.5 - 1.0;
    if lines < 1.0 {
        return f32::INFINITY;
    }
    total * scale / (FILL * lines)
}

/// The chosen widths (summing to the table width) and the factor the table's text is set at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ColumnPlan {
    pub widths: Vec<f32>,
    pub text_scale: f32,
}

/// Chooses column widths for a table `width` wide; `min_scale` is the smallest factor the text
/// may be set at before words are broken; `page_lines` is how many lines of full-size text a
/// row may hold before it has to be split over pages.
pub(crate) fn plan(needs: &[ColumnNeed], width: f32, min_scale: f32, page_lines: f32) -> ColumnPlan {
    if needs.is_empty() {
        return ColumnPlan { widths: Vec::new(), text_scale: 1.0 };
    }
    let min_scale = min_scale.clamp(0.01, 1.0);
    let base: f32 = needs.iter().map(|n| n.base).sum();
    let text: f32 = needs.iter().map(|n| n.min).sum();
    // The factor at which the min-contents exactly fill the width; a hair under it so that
    // rounding never leaves a word a fraction of a point too wide for its column.
    let fit = if base + text <= width || text <= 0.0 { 1.0 } else { ((width - base) / text * 0.999).max(0.0) };
    let fit = fit.clamp(min_scale, 1.0);
    let mins_at = |s: f32| -> Vec<f32> { needs.iter().map(|n| n.base + n.min * s).collect() };
    // Min-contents raised so that no row outgrows a page, at text scale `s`.
    let tall_at = |s: f32| -> Vec<f32> {
        needs.iter().map(|n| n.base + n.long.iter().fold(n.min * s, |w, &(total, blocks)| w.max(width_for_height(total, blocks, s, page_lines)))).collect()
    };
    let (text_scale, mins) = 'search: {
        if needs.iter().all(|n| n.long.is_empty()) {
            break 'search (fit, mins_at(fit));
        }
        // Smaller steps than a reader would notice, down to the smallest size allowed.
        let mut s = fit;
        while s >= min_scale - 1e-4 {
            let tall = tall_at(s);
            if tall.iter().sum::<f32>() <= width {
                break 'search (s, tall);
            }
            s -= 0.025;
        }
        // No size avoids the split: keep the largest text and give the long columns as much
        // as the others can spare.
        let (mins, tall) = (mins_at(fit), tall_at(fit));
        let spare = width - mins.iter().sum::<f32>();
        let wanted: f32 = tall.iter().zip(&mins).map(|(t, m)| (t - m).max(0.0)).filter(|d| d.is_finite()).sum();
        let mins = if spare > 0.0 && wanted > 0.0 {
            mins.iter().zip(&tall).map(|(m, t)| if t.is_finite() { m + (t - m).max(0.0) * (spare / wanted).min(1.0) } else { *m }).collect()
        } else {
            mins
        };
        (fit, mins)
    };
    let maxs: Vec<f32> = needs.iter().zip(&mins).map(|(n, &mn)| (n.base + n.max * text_scale).max(mn)).collect();
    let sum_min: f32 = mins.iter().sum();
    let widths = if sum_min >= width {
        // Words must break: every column gives up the same fraction of its min-content.
        mins.iter().map(|m| m * width / sum_min.max(f32::MIN_POSITIVE)).collect()
    } else {
        above_min(needs, &mins, &maxs, width)
    };
    let widths = widths.into_iter().map(|w| if w.is_finite() { w.max(0.0) } else { 0.0 }).collect();
    ColumnPlan { widths, text_scale }
}

/// Widths when every column can have its min-content: `width - Σmin` is shared out.
fn above_min(needs: &[ColumnNeed], mins: &[f32], maxs: &[f32], width: f32) -> Vec<f32> {
    let n = needs.len();
    // What each column would like: its fixed share (never under its min-content), or its
    // max-content when the document leaves it automatic.
    let targets: Vec<f32> = (0..n).map(|i| needs[i].preferred.map_or(maxs[i], |p| p.max(mins[i]))).collect();
    let total: f32 = targets.iter().sum();
    if total <= width {
        // Everyone is satisfied; the table still spans its frame, so the extra goes to the
        // automatic columns (in proportion to their content), or to all if every one is fixed.
        let auto: Vec<usize> = (0..n).filter(|&i| needs[i].preferred.is_none()).collect();
        let takers: Vec<usize> = if auto.is_empty() { (0..n).collect() } else { auto };
        let weight: f32 = takers.iter().map(|&i| targets[i]).sum();
        let extra = width - total;
        let mut widths = targets;
        for &i in &takers {
            widths[i] += if weight > 0.0 { extra * widths[i] / weight } else { extra / takers.len() as f32 };
        }
        return widths;
    }
    let mut widths = mins.to_vec();
    let mut open: Vec<usize> = (0..n).collect();
    let mut remaining = width;
    // Short automatic columns whose whole content fits in an equal share of what is left get
    // it first, as long as that leaves the others their min-content.
    loop {
        let share = remaining / open.len().max(1) as f32;
        let (fit, rest): (Vec<usize>, Vec<usize>) = open.iter().partition(|&&i| needs[i].preferred.is_none() && maxs[i] <= share);
        let fit_max: f32 = fit.iter().map(|&i| maxs[i]).sum();
        let rest_min: f32 = rest.iter().map(|&i| mins[i]).sum();
        if fit.is_empty() || rest.is_empty() || remaining - fit_max < rest_min {
            break;
        }
        for i in fit {
            widths[i] = maxs[i];
            remaining -= maxs[i];
        }
        open = rest;
    }
    // The rest move from min-content towards their target in proportion to how far they are
    // from it, so a column already at its min-content gives nothing up and one with slack
    // gives to the columns that need it.
    let sum_min: f32 = open.iter().map(|&i| mins[i]).sum();
    let slack: f32 = open.iter().map(|&i| targets[i] - mins[i]).sum();
    let spare = remaining - sum_min;
    for &i in &open {
        let want = targets[i] - mins[i];
        widths[i] = mins[i] + if slack > 0.0 { spare.min(slack) * want / slack } else { 0.0 };
    }
    // Targets below the width were handled above, so `spare < slack` here and the widths
    // sum to `width`; any rounding is given to the last open column.
    let sum: f32 = widths.iter().sum();
    if let Some(&last) = open.last() {
        widths[last] += width - sum;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(min: f32, max: f32) -> ColumnNeed {
        ColumnNeed { base: 8.0, min, max, preferred: None, long: Vec::new() }
    }

    fn fixed(min: f32, max: f32, share: f32) -> ColumnNeed {
        ColumnNeed { base: 8.0, min, max, preferred: Some(share), long: Vec::new() }
    }

    fn sum(v: &[f32]) -> f32 {
        v.iter().sum()
    }

    #[test]
    fn no_column_gets_less_than_its_min_content_when_all_fit() {
        // A fixed share narrower than the column's longest word is widened, taking from the
        // columns that have room to spare.
        let needs = [fixed(90.0, 150.0, 40.0), fixed(30.0, 900.0, 260.0), fixed(40.0, 60.0, 100.0)];
        let plan = plan(&needs, 400.0, 0.8, 40.0);
        assert_eq!(plan.text_scale, 1.0, "the min-contents fit at full size, so the text is not shrunk");
        for (w, n) in plan.widths.iter().zip(&needs) {
            assert!(*w >= n.base + n.min - 0.01, "column width {w} is at least its min-content {}", n.base + n.min);
        }
        assert!((sum(&plan.widths) - 400.0).abs() < 0.01, "the columns fill the table: {:?}", plan.widths);
    }

    #[test]
    fn text_is_set_smaller_before_words_are_broken() {
        let needs = [auto(112.0, 1700.0), auto(90.0, 1200.0), auto(80.0, 300.0), auto(55.0, 170.0), auto(95.0, 2500.0), auto(62.0, 240.0)];
        let plan = plan(&needs, 482.0, 0.75, 40.0);
        assert!(plan.text_scale < 1.0 && plan.text_scale >= 0.75, "494 pt of words in 434 pt of text room needs smaller text, got {}", plan.text_scale);
        for (w, n) in plan.widths.iter().zip(&needs) {
            assert!(*w >= n.base + n.min * plan.text_scale - 0.01, "at the reduced size no word is broken: {w} vs {}", n.base + n.min * plan.text_scale);
        }
    }

    #[test]
    fn words_break_only_below_the_smallest_text_size() {
        let needs: Vec<ColumnNeed> = (0..10).map(|_| auto(100.0, 200.0)).collect();
        let plan = plan(&needs, 480.0, 0.8, 40.0);
        assert_eq!(plan.text_scale, 0.8, "the text shrinks no further than allowed");
        assert!((sum(&plan.widths) - 480.0).abs() < 0.01, "the columns still fit the table exactly: {:?}", plan.widths);
    }

    #[test]
    fn short_automatic_columns_get_their_whole_content() {
        let needs = [auto(60.0, 2000.0), auto(40.0, 45.0), auto(70.0, 1500.0)];
        let plan = plan(&needs, 480.0, 0.8, 40.0);
        assert!((plan.widths[1] - 53.0).abs() < 0.01, "a short 'Status' column is not wrapped: {:?}", plan.widths);
        assert!(plan.widths[0] > 68.0 && plan.widths[2] > 78.0, "the long columns share the rest: {:?}", plan.widths);
    }

    #[test]
    fn spare_width_goes_to_automatic_columns() {
        let needs = [fixed(20.0, 30.0, 100.0), auto(20.0, 50.0)];
        let plan = plan(&needs, 400.0, 0.8, 40.0);
        assert!((plan.widths[0] - 100.0).abs() < 0.01, "a satisfied fixed share keeps its width: {:?}", plan.widths);
        assert!((plan.widths[1] - 300.0).abs() < 0.01, "the automatic column takes the rest: {:?}", plan.widths);
    }

    #[test]
    fn degenerate_input_gives_finite_widths() {
        assert!(plan(&[], 100.0, 0.8, 40.0).widths.is_empty(), "no columns, no widths");
        let plan = plan(&[auto(0.0, 0.0), auto(0.0, 0.0)], 100.0, 0.8, 40.0);
        assert!(plan.widths.iter().all(|w| w.is_finite() && *w >= 0.0) && (sum(&plan.widths) - 100.0).abs() < 0.01, "empty columns share the width: {:?}", plan.widths);
    }

    #[test]
    fn a_long_cell_is_widened_so_its_row_fits_a_page() {
        // About 270 words (8 000 pt of text) in the fourth of five columns: at its fair share
        // the row would run over a page.
        let mut needs = vec![auto(80.0, 300.0), auto(60.0, 100.0), auto(70.0, 120.0), auto(90.0, 8_000.0), auto(60.0, 2000.0)];
        needs[3].long.push((8_000.0, 1.0));
        let plan = plan(&needs, 482.0, 10.0 / 12.0, 37.0);
        let w = plan.widths[3] - 8.0;
        let lines = 8_000.0 * plan.text_scale / (FILL * w) + 1.0;
        assert!(lines * plan.text_scale <= 37.0, "the long cell's estimated {lines} lines at scale {} fit the page: {:?}", plan.text_scale, plan.widths);
        for (w, n) in plan.widths.iter().zip(&needs) {
            assert!(*w >= n.base + n.min * plan.text_scale - 0.01, "no other column drops below its min-content: {:?}", plan.widths);
        }
    }
}
