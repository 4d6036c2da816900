//! The Markdown report: the summary and series tables, and one image link
//! per chart to an SVG file written beside the Markdown.

use std::fmt::Write as _;

use crate::cell::opt;
use crate::series::Trend;

/// The size of the Markdown report's charts, in pixels.
const CHART_SIZE: (u32, u32) = (860, 400);

/// A Markdown report and its charts: `(markdown, [(file name, svg)])`; the
/// Markdown links the SVG files by name (write them beside it).
pub fn markdown_report(
    trend: &Trend,
    title: &str,
    stem: &str,
    per_category: bool,
) -> Result<(String, Vec<(String, String)>), String> {
    let mut md = format!(
        "# {title}\n\nRate per 10,000 characters by {}.\n\n",
        trend.axis
    );
    write_summary(&mut md, trend);
    write_characteristic(&mut md, trend);
    let files = write_charts(&mut md, trend, stem, per_category)?;
    write_series(&mut md, trend);
    Ok((md, files))
}

/// The summary table, all columns whatever the axis.
fn write_summary(md: &mut String, trend: &Trend) {
    md.push_str("## Summary\n\n");
    md.push_str("| phrase | group | first | last | highest rate at | highest per 10k | total | change per 10k |\n| --- | --- | --- | --- | --- | ---: | ---: | ---: |\n");
    for s in trend.summaries() {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            s.phrase,
            s.group,
            opt(&s.first),
            opt(&s.last),
            opt(&s.highest_at),
            opt(&s.highest_per_10k),
            s.total,
            opt(&s.change_per_10k)
        );
    }
}

/// Each axis value's characteristic phrases (G², p < 0.05, at most three).
fn write_characteristic(md: &mut String, trend: &Trend) {
    if trend.characteristic.is_empty() {
        return;
    }
    let _ = writeln!(
        md,
        "\n## Characteristic phrases\n\nPhrases each {axis} uses more than all other values together (log-likelihood G², p < 0.05; `tifa keyness --by {axis} --target VALUE`).\n\n| {axis} | phrase | count | per 10k | per 10k elsewhere | G² | log ratio |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        axis = trend.axis
    );
    for c in &trend.characteristic {
        for r in &c.rows {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {:.2} | {:.2} | {:.1} | {} |",
                c.x,
                r.phrase,
                r.target_count,
                tifa_core::per_10k(r.target_count, r.target_chars),
                tifa_core::per_10k(r.reference_count, r.reference_chars),
                r.keyness.g2,
                r.keyness
                    .log_ratio
                    .map_or(String::new(), |v| format!("{v:.2}"))
            );
        }
    }
}

/// A link per chart to `{stem}-{n}.svg` (from 1); returns those files.
fn write_charts(
    md: &mut String,
    trend: &Trend,
    stem: &str,
    per_category: bool,
) -> Result<Vec<(String, String)>, String> {
    md.push_str("\n## Charts\n\n");
    let mut files = Vec::new();
    for (i, (name, series)) in trend.charts(per_category).iter().enumerate() {
        let file = format!("{stem}-{}.svg", i + 1);
        let _ = writeln!(md, "![{name}]({file})\n");
        files.push((file, trend.chart_svg(name, series, CHART_SIZE)?));
    }
    Ok(files)
}

/// The series table: every point of every series, gaps as empty cells.
fn write_series(md: &mut String, trend: &Trend) {
    let _ = writeln!(md, "## Series\n\n| {} | group | phrase | count | docs | chars | per_10k |\n| --- | --- | --- | ---: | ---: | ---: | ---: |", trend.axis);
    for r in trend.rows() {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |",
            r.x,
            r.group,
            r.phrase,
            opt(&r.count),
            opt(&r.docs),
            opt(&r.chars),
            opt(&r.per_10k)
        );
    }
}
