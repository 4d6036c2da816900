//! The HTML report: one self-contained page (inline style and SVG, no
//! script, no URL) with a note on the axis, the summary table, the charts
//! and the series table.

use std::fmt::Write as _;

use crate::cell::opt;
use crate::chart::FONTS;
use crate::keyness::CHARACTERISTIC_PER_VALUE;
use crate::series::{Series, Trend};
use crate::summary::Summary;

/// Charts with more series than this are drawn as small multiples (one
/// small chart per phrase) in the HTML report.
pub const SMALL_MULTIPLES_FROM: usize = 7;

/// A self-contained HTML report: summary, charts (inline SVG), the series
/// table. No script, no external file or font.
pub fn html_report(trend: &Trend, title: &str, per_category: bool) -> Result<String, String> {
    let charts = trend.charts(per_category);
    let small = charts.len() >= SMALL_MULTIPLES_FROM;
    let size = if small { (420, 260) } else { (860, 400) };
    let mut html = String::new();
    write_head(&mut html, title, if small { 3 } else { 1 });
    let _ = writeln!(
        html,
        "<p class=\"subtitle\">Showing {}.</p>",
        esc(&trend.chosen)
    );
    write_note(&mut html, trend);
    write_summary(&mut html, trend);
    write_characteristic(&mut html, trend);
    write_charts(&mut html, trend, &charts, size)?;
    write_series(&mut html, trend);
    html.push_str("</body>\n</html>\n");
    Ok(html)
}

/// Text escaped for HTML content and attribute values.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page up to its `<h1>`, with the style sheet; charts go in `columns`
/// columns.
fn write_head(html: &mut String, title: &str, columns: usize) {
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n\
         body {{ font-family: {FONTS}; margin: 24px 32px; color: #1d2733; }}\n\
         h1 {{ font-size: 22px; }} h2 {{ font-size: 17px; margin-top: 28px; }}\n\
         .charts {{ display: grid; grid-template-columns: repeat({}, minmax(0, 1fr)); gap: 12px; }}\n\
         figure {{ margin: 0; border: 1px solid #e3e7eb; border-radius: 6px; padding: 6px; }}\n\
         figure svg {{ width: 100%; height: auto; }}\n\
         table {{ border-collapse: collapse; font-size: 13px; margin-top: 8px; }}\n\
         th, td {{ border-bottom: 1px solid #eef1f4; padding: 3px 8px; text-align: left; }}\n\
         td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}\n\
         .note {{ color: #687684; font-size: 13px; }}\n\
         .subtitle {{ color: #3d4a57; font-size: 14px; margin-top: -6px; }}\n\
         @media (max-width: 720px) {{ body {{ margin: 12px; }} .charts {{ grid-template-columns: minmax(0, 1fr); }} \
         table {{ display: block; overflow-x: auto; }} }}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        esc(title),
        columns,
        esc(title)
    );
}

/// What the charts show: the axis, the grouping, how to read them, and how
/// many documents were left out.
fn write_note(html: &mut String, trend: &Trend) {
    let how = if trend.numeric {
        "Points are axis values with documents; a gap means no document."
    } else {
        "Bars are sorted by rate when a chart has one series."
    };
    let _ = writeln!(
        html,
        "<p class=\"note\">Rate per 10,000 characters by {}{}. {how}{}</p>",
        esc(&trend.axis),
        trend
            .group_by
            .as_ref()
            .map(|g| format!(", one series per {}", esc(g)))
            .unwrap_or_default(),
        if trend.without_axis > 0 {
            format!(
                " {} documents without a {} are left out.",
                trend.without_axis,
                esc(&trend.axis)
            )
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        html,
        "<p class=\"note\">{}</p>",
        esc(&scale_and_thin_note(trend))
    );
}

/// How to read the scales, and which points are too thin to trust.
pub(crate) fn scale_and_thin_note(trend: &Trend) -> String {
    let mut note = if trend.shared_scale {
        format!(
            "All charts share one scale, 0–{:.1} per 10,000 characters, so heights compare across charts.",
            crate::chart::y_top(&trend.series.iter().collect::<Vec<_>>())
        )
    } else {
        "Each chart has its own scale (--own-scale): compare shapes, not heights.".to_string()
    };
    let thin = trend
        .series
        .first()
        .map_or(0, |s| s.points.iter().filter(|p| trend.is_thin(p)).count());
    if thin > 0 {
        let (values, have, points) = if thin == 1 {
            ("axis value", "has", "its points are")
        } else {
            ("axis values", "have", "their points are")
        };
        note.push_str(&format!(
            " {thin} {values} {have} fewer than {} characters of text (--min-chars): {points} hollow and the summary leaves them out.",
            trend.min_chars
        ));
    }
    note
}

/// The summary table. First, last and change only mean something along an
/// ordered (numeric) axis, so an axis of names has no such columns.
fn write_summary(html: &mut String, trend: &Trend) {
    let _ = writeln!(
        html,
        "<h2>Summary</h2>\n<table>\n{}</tr>",
        summary_header(trend)
    );
    for s in trend.summaries() {
        let _ = writeln!(html, "{}</tr>", summary_row(trend, &s));
    }
    html.push_str("</table>\n");
}

/// Each axis value's characteristic phrases: those it uses more than all
/// other values together (G², p < 0.05), at most three a value.
fn write_characteristic(html: &mut String, trend: &Trend) {
    if trend.characteristic.is_empty() {
        return;
    }
    let _ = writeln!(
        html,
        "<h2>Characteristic phrases</h2>\n<p class=\"note\">For each {axis}, the phrases it uses more than all other \
         values of {axis} together, by log-likelihood G² (p &lt; 0.05; at most {CHARACTERISTIC_PER_VALUE}); log ratio 1 = \
         twice the rate. As <code>tifa keyness --by {axis} --target VALUE</code>.</p>\n<table>\n<tr><th>{axis}</th>\
         <th>phrase</th><th>count</th><th>per 10k</th><th>per 10k elsewhere</th><th>G²</th><th>log ratio</th></tr>",
        axis = esc(&trend.axis)
    );
    for c in &trend.characteristic {
        if c.rows.is_empty() {
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td colspan=\"6\" class=\"note\">none</td></tr>",
                esc(&c.x)
            );
        }
        for r in &c.rows {
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{:.2}</td><td class=\"n\">{:.2}</td>\
                 <td class=\"n\">{:.1}</td><td class=\"n\">{}</td></tr>",
                esc(&c.x),
                esc(&r.phrase),
                r.target_count,
                tifa_core::per_10k(r.target_count, r.target_chars),
                tifa_core::per_10k(r.reference_count, r.reference_chars),
                r.keyness.g2,
                r.keyness.log_ratio.map_or(String::new(), |v| format!("{v:.2}"))
            );
        }
    }
    html.push_str("</table>\n");
}

/// The summary table's header row, unclosed.
fn summary_header(trend: &Trend) -> String {
    let ordered = trend.numeric;
    let mut head = String::from("<tr><th>phrase</th>");
    if let Some(g) = &trend.group_by {
        head.push_str(&format!("<th>{}</th>", esc(g)));
    }
    if ordered {
        head.push_str("<th>first</th><th>last</th>");
    }
    head.push_str("<th>highest rate at</th><th>highest per 10k</th><th>total</th>");
    if ordered {
        head.push_str("<th>change per 10k (last third − first third)</th>");
    }
    head
}

/// The summary table's row of `s`, unclosed.
fn summary_row(trend: &Trend, s: &Summary) -> String {
    let ordered = trend.numeric;
    let cell = |v: String| format!("<td>{}</td>", esc(&v));
    let mut row = format!("<tr>{}", cell(s.phrase.clone()));
    if trend.group_by.is_some() {
        row.push_str(&cell(s.group.clone()));
    }
    if ordered {
        row.push_str(&cell(opt(&s.first)));
        row.push_str(&cell(opt(&s.last)));
    }
    row.push_str(&cell(opt(&s.highest_at)));
    row.push_str(&format!("<td class=\"n\">{}</td>", opt(&s.highest_per_10k)));
    row.push_str(&format!("<td class=\"n\">{}</td>", s.total));
    if ordered {
        row.push_str(&format!("<td class=\"n\">{}</td>", opt(&s.change_per_10k)));
    }
    row
}

/// The charts, each an inline SVG of `size` in a `<figure>` named after it.
fn write_charts(
    html: &mut String,
    trend: &Trend,
    charts: &[(String, Vec<&Series>)],
    size: (u32, u32),
) -> Result<(), String> {
    html.push_str("<h2>Charts</h2>\n");
    if charts.len() > 1 && trend.numeric {
        // One chart of every series on one axis, before the small ones.
        let all: Vec<&Series> = trend.series.iter().collect();
        let svg = trend.chart_svg("All phrases", &all, (960, 440))?;
        let svg = svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
        let _ = writeln!(html, "<figure data-chart=\"overview\">\n{svg}\n</figure>");
    }
    html.push_str("<div class=\"charts\">\n");
    for (name, series) in charts {
        let svg = trend.chart_svg(name, series, size)?;
        // Inline SVG needs no namespace declaration in HTML: drop it, so the
        // page holds no URL at all.
        let svg = svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
        let _ = writeln!(
            html,
            "<figure data-chart=\"{}\">\n{}\n</figure>",
            esc(name),
            svg
        );
    }
    html.push_str("</div>\n");
    Ok(())
}

/// The series table: every point of every series, gaps as empty cells.
fn write_series(html: &mut String, trend: &Trend) {
    html.push_str("<h2>Series</h2>\n<table>\n");
    let _ = writeln!(
        html,
        "<tr><th>{}</th>{}<th>phrase</th><th>category</th><th>count</th><th>docs</th><th>chars</th><th>per_10k</th></tr>",
        esc(&trend.axis),
        trend.group_by.as_ref().map(|g| format!("<th>{}</th>", esc(g))).unwrap_or_default()
    );
    for r in trend.rows() {
        let _ = writeln!(
            html,
            "<tr><td>{}</td>{}<td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&r.x),
            trend.group_by.as_ref().map(|_| format!("<td>{}</td>", esc(&r.group))).unwrap_or_default(),
            esc(&r.phrase),
            esc(&r.category),
            opt(&r.count),
            opt(&r.docs),
            opt(&r.chars),
            opt(&r.per_10k)
        );
    }
    html.push_str("</table>\n");
}
