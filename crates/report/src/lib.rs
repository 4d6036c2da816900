//! # tifa-report
//!
//! Trend reports over a [`CountTable`] (SPEC §4, `tifa trend`): the series
//! of each phrase along one metadata field (a year, a congress number, a
//! region), a summary per phrase, and charts — SVG drawn with `plotters`,
//! put together as one self-contained HTML file, or Markdown with SVG files.
//!
//! The series are the count table's own rows, so a trend never disagrees
//! with `tifa count --by`. A numeric axis (years, congresses) is a line
//! chart whose missing values (no document for that year) are gaps; an axis
//! of names (regions) is a bar chart.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

use plotters::prelude::*;
use serde::Serialize;
use tifa_core::{natural_key_cmp, CountTable, Lexicon, RowSelection};

/// The fonts charts and pages ask for: CJK first, so that Chinese renders.
pub const FONTS: &str = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif";

/// One point of a series: a value of the axis field. Serializes as a flat
/// record whose first column is named after the axis field (`year`), then
/// `group` (when grouped), `phrase, category, count, docs, chars, per_10k`;
/// gaps are nulls.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRow {
    /// The axis field's name (e.g. `year`).
    pub axis: String,
    /// The axis value (`2023`).
    pub x: String,
    /// The second grouping (`--by-also`), or empty.
    pub group: String,
    /// The phrase.
    pub phrase: String,
    /// Its category.
    pub category: String,
    /// Literal matches; `None` where no document has this axis value (a gap).
    pub count: Option<u64>,
    /// Documents holding the phrase.
    pub docs: Option<u64>,
    /// Characters of the documents with this axis value.
    pub chars: Option<u64>,
    /// Matches per 10,000 characters.
    pub per_10k: Option<f64>,
}

impl Serialize for SeriesRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry(&self.axis, &self.x)?;
        if !self.group.is_empty() {
            map.serialize_entry("group", &self.group)?;
        }
        map.serialize_entry("phrase", &self.phrase)?;
        map.serialize_entry("category", &self.category)?;
        map.serialize_entry("count", &self.count)?;
        map.serialize_entry("docs", &self.docs)?;
        map.serialize_entry("chars", &self.chars)?;
        map.serialize_entry("per_10k", &self.per_10k)?;
        map.end()
    }
}

/// A series: one phrase (and group) along the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The phrase.
    pub phrase: String,
    /// Its category.
    pub category: String,
    /// The `--by-also` group, or empty.
    pub group: String,
    /// Points in axis order, gaps included.
    pub points: Vec<SeriesRow>,
}

impl Series {
    /// The legend label.
    pub fn label(&self) -> String {
        if self.group.is_empty() {
            self.phrase.clone()
        } else {
            format!("{} · {}", self.phrase, self.group)
        }
    }
}

/// The summary of one series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The phrase.
    pub phrase: String,
    /// The `--by-also` group, or empty.
    pub group: String,
    /// First axis value with an occurrence.
    pub first: Option<String>,
    /// Last axis value with an occurrence.
    pub last: Option<String>,
    /// Axis value with the highest rate per 10,000 chars.
    pub peak: Option<String>,
    /// Total matches.
    pub total: u64,
    /// Mean rate per 10,000 chars over the last third of the axis values
    /// with documents, minus the mean over the first third.
    pub change_per_10k: Option<f64>,
}

/// Why a trend cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrendError {
    /// No document has a value for the axis field.
    NoAxisValues {
        /// The field.
        field: String,
    },
}

impl std::fmt::Display for TrendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrendError::NoAxisValues { field } => write!(
                f,
                "no document has a `{field}`: set it for all documents with --meta {field}=…, or give the records a `{field}` field (for years, tifa also reads dates in titles and first lines)"
            ),
        }
    }
}

impl std::error::Error for TrendError {}

/// Series along the first field of `table.by()` (grouped by the second, if
/// any), for the entries `selection` keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// The axis field.
    pub axis: String,
    /// The grouping field, if any.
    pub group_by: Option<String>,
    /// True when every axis value is a number: a line chart with gaps.
    pub numeric: bool,
    /// The axis values, in order (for a numeric axis, every integer between
    /// the first and the last, so that missing ones show as gaps).
    pub xs: Vec<String>,
    /// One series per phrase (and group).
    pub series: Vec<Series>,
    /// Documents left out for having no axis value.
    pub without_axis: u64,
}

impl Trend {
    /// Builds the trend from a count table grouped by `[axis]` or
    /// `[axis, group]`.
    pub fn new(
        table: &CountTable,
        lexicon: &Lexicon,
        selection: &RowSelection,
    ) -> Result<Trend, TrendError> {
        let by = table.by();
        let axis = by.first().cloned().unwrap_or_else(|| "year".to_string());
        let group_by = by.get(1).cloned();
        let without_axis = table
            .group_docs()
            .filter(|(k, _)| k.first().is_none_or(|x| x.is_empty()))
            .map(|(_, d)| d)
            .sum();
        let sel = RowSelection {
            all_phrases: true,
            ..selection.clone()
        };
        let rows: Vec<_> = table
            .select(lexicon, &sel)
            .into_iter()
            .filter(|r| r.group.first().is_some_and(|x| !x.is_empty()))
            .collect();
        if rows.is_empty() {
            return Err(TrendError::NoAxisValues { field: axis });
        }
        let mut present: Vec<String> = rows.iter().map(|r| r.group[0].clone()).collect();
        present.sort_by(|a, b| natural_key_cmp(std::slice::from_ref(a), std::slice::from_ref(b)));
        present.dedup();
        let numeric = present.iter().all(|x| x.parse::<i64>().is_ok());
        let xs: Vec<String> = match (numeric, present.first(), present.last()) {
            (true, Some(a), Some(b)) => {
                let (a, b): (i64, i64) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
                if b - a <= 1000 {
                    (a..=b).map(|v| v.to_string()).collect()
                } else {
                    present.clone()
                }
            }
            _ => present.clone(),
        };
        // (phrase, group) → x → row, keeping lexicon order of phrases.
        let mut order: Vec<(String, String, String)> = Vec::new();
        let mut by_key: BTreeMap<(String, String), BTreeMap<String, SeriesRow>> = BTreeMap::new();
        for r in rows {
            let group = r.group.get(1).cloned().unwrap_or_default();
            let key = (r.phrase.clone(), group.clone());
            if !by_key.contains_key(&key) {
                order.push((r.phrase.clone(), r.category.clone(), group.clone()));
            }
            by_key.entry(key).or_default().insert(
                r.group[0].clone(),
                SeriesRow {
                    axis: axis.clone(),
                    x: r.group[0].clone(),
                    group,
                    phrase: r.phrase,
                    category: r.category,
                    count: Some(r.count),
                    docs: Some(r.docs),
                    chars: Some(r.chars),
                    per_10k: Some(r.per_10k),
                },
            );
        }
        let series = order
            .into_iter()
            .map(|(phrase, category, group)| {
                let mut at = by_key
                    .remove(&(phrase.clone(), group.clone()))
                    .unwrap_or_default();
                let points = xs
                    .iter()
                    .map(|x| {
                        at.remove(x).unwrap_or_else(|| SeriesRow {
                            axis: axis.clone(),
                            x: x.clone(),
                            group: group.clone(),
                            phrase: phrase.clone(),
                            category: category.clone(),
                            count: None,
                            docs: None,
                            chars: None,
                            per_10k: None,
                        })
                    })
                    .collect();
                Series {
                    phrase,
                    category,
                    group,
                    points,
                }
            })
            .collect();
        Ok(Trend {
            axis,
            group_by,
            numeric,
            xs,
            series,
            without_axis,
        })
    }

    /// Every point of every series, gaps included (the series table).
    pub fn rows(&self) -> Vec<SeriesRow> {
        self.series
            .iter()
            .flat_map(|s| s.points.iter().cloned())
            .collect()
    }

    /// One summary per series.
    pub fn summaries(&self) -> Vec<Summary> {
        self.series
            .iter()
            .map(|s| {
                let seen: Vec<&SeriesRow> = s
                    .points
                    .iter()
                    .filter(|p| p.count.unwrap_or(0) > 0)
                    .collect();
                let with_docs: Vec<&SeriesRow> =
                    s.points.iter().filter(|p| p.count.is_some()).collect();
                let peak = with_docs
                    .iter()
                    .filter(|p| p.count.unwrap_or(0) > 0)
                    .max_by(|a, b| {
                        a.per_10k
                            .unwrap_or(0.0)
                            .total_cmp(&b.per_10k.unwrap_or(0.0))
                    })
                    .map(|p| p.x.clone());
                let third = with_docs.len() / 3;
                let change = (third > 0).then(|| {
                    let mean = |ps: &[&SeriesRow]| {
                        ps.iter().map(|p| p.per_10k.unwrap_or(0.0)).sum::<f64>() / ps.len() as f64
                    };
                    let d = mean(&with_docs[with_docs.len() - third..]) - mean(&with_docs[..third]);
                    (d * 10_000.0).round() / 10_000.0
                });
                // Along names (regions) there is no first, last or change.
                let ordered = self.numeric;
                Summary {
                    phrase: s.phrase.clone(),
                    group: s.group.clone(),
                    first: seen.first().filter(|_| ordered).map(|p| p.x.clone()),
                    last: seen.last().filter(|_| ordered).map(|p| p.x.clone()),
                    peak,
                    total: s.points.iter().filter_map(|p| p.count).sum(),
                    change_per_10k: change.filter(|_| ordered),
                }
            })
            .collect()
    }

    /// The series of one chart per phrase (all groups of a phrase together).
    pub fn per_phrase(&self) -> Vec<(String, Vec<&Series>)> {
        let mut out: Vec<(String, Vec<&Series>)> = Vec::new();
        for s in &self.series {
            match out.iter_mut().find(|(p, _)| *p == s.phrase) {
                Some((_, v)) => v.push(s),
                None => out.push((s.phrase.clone(), vec![s])),
            }
        }
        out
    }

    /// The series of one chart per category.
    pub fn per_category(&self) -> Vec<(String, Vec<&Series>)> {
        let mut out: Vec<(String, Vec<&Series>)> = Vec::new();
        for s in &self.series {
            match out.iter_mut().find(|(c, _)| *c == s.category) {
                Some((_, v)) => v.push(s),
                None => out.push((s.category.clone(), vec![s])),
            }
        }
        out
    }

    /// An SVG chart of `series`: per_10k along the axis, lines with marked
    /// points (gaps where there is no document) for a numeric axis, bars
    /// for names. `size` in pixels.
    pub fn chart_svg(
        &self,
        title: &str,
        series: &[&Series],
        size: (u32, u32),
    ) -> Result<String, String> {
        let mut svg = String::new();
        draw(self, title, series, size, &mut svg)
            .map_err(|e| format!("cannot draw the chart: {e}"))?;
        Ok(svg)
    }
}

const PALETTE: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(23, 190, 207),
];

fn draw(
    trend: &Trend,
    title: &str,
    series: &[&Series],
    size: (u32, u32),
    out: &mut String,
) -> Result<(), Box<dyn std::error::Error>> {
    if trend.numeric {
        draw_lines(trend, title, series, size, out)
    } else {
        draw_bars(trend, title, series, size, out)
    }
}

fn font_sizes(size: (u32, u32)) -> (bool, u32, u32) {
    let small = size.0 < 500;
    if small {
        (small, 15, 11)
    } else {
        (small, 20, 13)
    }
}

fn y_max(series: &[&Series]) -> f64 {
    let m = series
        .iter()
        .flat_map(|s| s.points.iter().filter_map(|p| p.per_10k))
        .fold(0.0f64, f64::max);
    if m > 0.0 {
        m * 1.15
    } else {
        1.0
    }
}

/// A numeric axis: per_10k as lines with marked points; no document, a gap.
fn draw_lines(
    trend: &Trend,
    title: &str,
    series: &[&Series],
    size: (u32, u32),
    out: &mut String,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(out, size).into_drawing_area();
    root.fill(&WHITE)?;
    let n = trend.xs.len().max(1);
    let (small, title_size, label_size) = font_sizes(size);
    let mut chart = ChartBuilder::on(&root)
        .caption(title, (FONTS, title_size))
        .margin(12)
        .x_label_area_size(if small { 28 } else { 36 })
        .y_label_area_size(if small { 40 } else { 56 })
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..y_max(series))?;
    let xs = trend.xs.clone();
    let max_labels = if small { 8 } else { 21 };
    let step = n.div_ceil(max_labels).max(1);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .x_labels(n.min(max_labels * 2))
        .x_label_formatter(&|v| {
            let i = v.round();
            if (v - i).abs() > 1e-6 || i < 0.0 || !(i as usize).is_multiple_of(step) {
                return String::new();
            }
            xs.get(i as usize).cloned().unwrap_or_default()
        })
        .y_desc("per 10,000 chars")
        .x_desc(trend.axis.as_str())
        .label_style((FONTS, label_size))
        .axis_desc_style((FONTS, label_size))
        .draw()?;
    for (si, s) in series.iter().enumerate() {
        let color = PALETTE[si % PALETTE.len()];
        // Lines between consecutive points with documents; gaps break them.
        let mut segments: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        for (i, p) in s.points.iter().enumerate() {
            match p.per_10k {
                Some(y) => segments
                    .last_mut()
                    .map(|seg| seg.push((i as f64, y)))
                    .unwrap_or(()),
                None => segments.push(Vec::new()),
            }
        }
        let mut labelled = false;
        for seg in segments.into_iter().filter(|seg| !seg.is_empty()) {
            let line = chart.draw_series(LineSeries::new(seg.clone(), color.stroke_width(2)))?;
            if !labelled {
                line.label(s.label()).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
                });
                labelled = true;
            }
            chart.draw_series(seg.into_iter().map(|p| Circle::new(p, 3, color.filled())))?;
        }
    }
    legend(
        &mut chart,
        series.len(),
        SeriesLabelPosition::UpperLeft,
        label_size,
    )?;
    root.present()?;
    Ok(())
}

/// An axis of names (regions): horizontal bars, names on the left in plain
/// text; one series is sorted by value (who says it most comes first).
fn draw_bars(
    trend: &Trend,
    title: &str,
    series: &[&Series],
    size: (u32, u32),
    out: &mut String,
) -> Result<(), Box<dyn std::error::Error>> {
    let n = trend.xs.len().max(1);
    let (small, title_size, label_size) = font_sizes(size);
    let row = if small { 14 } else { 20 } * series.len().max(1) as u32;
    let height = size.1.max(90 + row * n as u32);
    let root = SVGBackend::with_string(out, (size.0, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut order: Vec<usize> = (0..n.min(series.first().map_or(0, |s| s.points.len()))).collect();
    if series.len() == 1 {
        let v = |i: usize| series[0].points[i].per_10k.unwrap_or(-1.0);
        order.sort_by(|&a, &b| v(b).total_cmp(&v(a)));
    }
    let names: Vec<String> = order.iter().map(|&i| trend.xs[i].clone()).collect();
    let longest = names.iter().map(|s| s.chars().count()).max().unwrap_or(4) as u32;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, (FONTS, title_size))
        .margin(12)
        .x_label_area_size(if small { 28 } else { 36 })
        .y_label_area_size(16 + longest * (label_size + 1))
        .build_cartesian_2d(0f64..y_max(series), (n as f64 - 0.5)..-0.5f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .y_labels(n)
        .y_label_formatter(&|v| {
            let i = v.round();
            if (v - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            names.get(i as usize).cloned().unwrap_or_default()
        })
        .x_desc("per 10,000 chars")
        .label_style((FONTS, label_size))
        .axis_desc_style((FONTS, label_size))
        .draw()?;
    let k = series.len().max(1) as f64;
    for (si, s) in series.iter().enumerate() {
        let color = PALETTE[si % PALETTE.len()];
        let height = 0.8 / k;
        let bars = chart.draw_series(order.iter().enumerate().filter_map(|(pos, &i)| {
            let v = s.points.get(i)?.per_10k?;
            let top = pos as f64 - 0.4 + height * si as f64;
            Some(Rectangle::new(
                [(0.0, top), (v, top + height * 0.9)],
                color.filled(),
            ))
        }))?;
        bars.label(s.label())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled()));
    }
    legend(
        &mut chart,
        series.len(),
        SeriesLabelPosition::LowerRight,
        label_size,
    )?;
    root.present()?;
    Ok(())
}

/// The legend of a chart with several series (one series is named by the
/// chart's title).
fn legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    series: usize,
    at: SeriesLabelPosition,
    label_size: u32,
) -> Result<(), String>
where
    DB: DrawingBackend + 'a,
    CT: CoordTranslate,
{
    if series > 1 {
        chart
            .configure_series_labels()
            .position(at)
            .label_font((FONTS, label_size))
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(200, 200, 200))
            .draw()
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map(|v| v.to_string()).unwrap_or_default()
}

/// Charts with more series than this are drawn as small multiples (one
/// small chart per phrase) in the HTML report.
pub const SMALL_MULTIPLES_FROM: usize = 7;

/// A self-contained HTML report: summary, charts (inline SVG), the series
/// table. No script, no external file or font.
pub fn html_report(trend: &Trend, title: &str, per_category: bool) -> Result<String, String> {
    let charts = if per_category {
        trend.per_category()
    } else {
        trend.per_phrase()
    };
    let small = charts.len() >= SMALL_MULTIPLES_FROM;
    let size = if small { (420, 260) } else { (860, 400) };
    let mut html = String::new();
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
         .note {{ color: #687684; font-size: 13px; }}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        esc(title),
        if small { 3 } else { 1 },
        esc(title)
    );
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
    // First, last and change only mean something along an ordered axis.
    let ordered = trend.numeric;
    let cell = |v: String| format!("<td>{}</td>", esc(&v));
    let mut head = String::from("<tr><th>phrase</th>");
    if let Some(g) = &trend.group_by {
        head.push_str(&format!("<th>{}</th>", esc(g)));
    }
    if ordered {
        head.push_str("<th>first</th><th>last</th>");
    }
    head.push_str("<th>peak</th><th>total</th>");
    if ordered {
        head.push_str("<th>change per 10k (last third − first third)</th>");
    }
    let _ = writeln!(html, "<h2>Summary</h2>\n<table>\n{head}</tr>");
    for s in trend.summaries() {
        let mut row = format!("<tr>{}", cell(s.phrase.clone()));
        if trend.group_by.is_some() {
            row.push_str(&cell(s.group.clone()));
        }
        if ordered {
            row.push_str(&cell(opt(&s.first)));
            row.push_str(&cell(opt(&s.last)));
        }
        row.push_str(&cell(opt(&s.peak)));
        row.push_str(&format!("<td class=\"n\">{}</td>", s.total));
        if ordered {
            row.push_str(&format!("<td class=\"n\">{}</td>", opt(&s.change_per_10k)));
        }
        let _ = writeln!(html, "{row}</tr>");
    }
    html.push_str("</table>\n<h2>Charts</h2>\n<div class=\"charts\">\n");
    for (name, series) in &charts {
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
    html.push_str("</div>\n<h2>Series</h2>\n<table>\n");
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
    html.push_str("</table>\n</body>\n</html>\n");
    Ok(html)
}

/// A Markdown report and its charts: `(markdown, [(file name, svg)])`; the
/// Markdown links the SVG files by name (write them beside it).
pub fn markdown_report(
    trend: &Trend,
    title: &str,
    stem: &str,
    per_category: bool,
) -> Result<(String, Vec<(String, String)>), String> {
    let charts = if per_category {
        trend.per_category()
    } else {
        trend.per_phrase()
    };
    let mut md = format!(
        "# {title}\n\nRate per 10,000 characters by {}.\n\n## Summary\n\n",
        trend.axis
    );
    md.push_str("| phrase | group | first | last | peak | total | change per 10k |\n| --- | --- | --- | --- | --- | ---: | ---: |\n");
    for s in trend.summaries() {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |",
            s.phrase,
            s.group,
            opt(&s.first),
            opt(&s.last),
            opt(&s.peak),
            s.total,
            opt(&s.change_per_10k)
        );
    }
    md.push_str("\n## Charts\n\n");
    let mut files = Vec::new();
    for (i, (name, series)) in charts.iter().enumerate() {
        let file = format!("{stem}-{}.svg", i + 1);
        let _ = writeln!(md, "![{name}]({file})\n");
        files.push((file, trend.chart_svg(name, series, (860, 400))?));
    }
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
    Ok((md, files))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tifa_core::{Matcher, MatcherBuilder};

    fn table(docs: &[(&str, &str)]) -> (CountTable, Matcher) {
        let matcher = MatcherBuilder::new().build(&Lexicon::builtin()).unwrap();
        let mut t = CountTable::new(vec!["year".into()]);
        for (year, text) in docs {
            t.add(
                vec![year.to_string()],
                &matcher.count(text),
                text.chars().count() as u64,
            );
        }
        (t, matcher)
    }

    fn keep(m: &Matcher, phrases: &[&str]) -> RowSelection {
        RowSelection {
            entries: Some(
                phrases
                    .iter()
                    .map(|p| m.lexicon().find(p).unwrap())
                    .collect(),
            ),
            ..RowSelection::default()
        }
    }

    #[test]
    fn gaps_zeros_and_summary() {
        let (t, m) = table(&[
            ("2016", "一府两院"),
            ("2018", "一府一委两院"),
            ("2019", "无"),
            ("2020", "一府一委两院，一府一委两院"),
        ]);
        let trend = Trend::new(&t, m.lexicon(), &keep(&m, &["一府两院", "一府一委两院"])).unwrap();
        assert!(trend.numeric);
        assert_eq!(trend.xs, ["2016", "2017", "2018", "2019", "2020"]);
        let s = &trend.series[0];
        assert_eq!(s.phrase, "一府一委两院");
        let counts: Vec<Option<u64>> = s.points.iter().map(|p| p.count).collect();
        assert_eq!(
            counts,
            [Some(0), None, Some(1), Some(0), Some(2)],
            "2017: no document, a gap; 2019: a document, 0"
        );
        let sum = &trend.summaries()[0];
        assert_eq!(
            (sum.first.as_deref(), sum.last.as_deref(), sum.total),
            (Some("2018"), Some("2020"), 3)
        );
        assert_eq!(
            sum.peak.as_deref(),
            Some("2018"),
            "1 in 6 chars beats 2 in 13"
        );
        let old = &trend.summaries()[1];
        assert_eq!(
            (old.first.as_deref(), old.last.as_deref()),
            (Some("2016"), Some("2016"))
        );
        assert!(old.change_per_10k.unwrap() < 0.0);
    }

    #[test]
    fn no_axis_values_is_a_clear_error() {
        let (t, m) = table(&[("", "一府两院")]);
        let e = Trend::new(&t, m.lexicon(), &RowSelection::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("--meta year="), "{e}");
    }

    #[test]
    fn html_is_self_contained_with_one_chart_per_phrase_and_year_labels() {
        let (t, m) = table(&[
            ("2016", "一府两院"),
            ("2018", "一府一委两院"),
            ("2021", "一府一委两院"),
        ]);
        let trend = Trend::new(&t, m.lexicon(), &keep(&m, &["一府两院", "一府一委两院"])).unwrap();
        let html = html_report(&trend, "测试", false).unwrap();
        assert!(!html.contains("http://") && !html.contains("https://"));
        let doc = scraper::Html::parse_document(&html);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let figures: Vec<_> = doc
            .select(&scraper::Selector::parse("figure svg").unwrap())
            .collect();
        assert_eq!(figures.len(), 2);
        let texts: Vec<String> = figures[0]
            .select(&scraper::Selector::parse("text").unwrap())
            .map(|t| t.text().collect::<String>().trim().to_string())
            .collect();
        let years: Vec<&String> = texts
            .iter()
            .filter(|t| t.len() == 4 && t.parse::<u32>().is_ok())
            .collect();
        assert!(!years.is_empty());
        assert!(years.iter().all(|y| trend.xs.contains(y)), "{years:?}");
        assert!(
            years.iter().any(|y| *y == "2016") && years.iter().any(|y| *y == "2021"),
            "{years:?}"
        );
    }

    #[test]
    fn one_year_gives_a_dot_chart() {
        let (t, m) = table(&[("2023", "一府一委两院")]);
        let trend = Trend::new(&t, m.lexicon(), &keep(&m, &["一府一委两院"])).unwrap();
        let svg = trend
            .chart_svg("x", &trend.per_phrase()[0].1, (400, 300))
            .unwrap();
        assert!(svg.contains("<circle"), "the single point is drawn");
    }

    #[test]
    fn names_make_bars() {
        let matcher = Matcher::new(&Lexicon::builtin()).unwrap();
        let mut t = CountTable::new(vec!["region".into()]);
        for (r, text) in [("北京市", "营商环境"), ("上海市", "营商环境营商环境")]
        {
            t.add(vec![r.to_string()], &matcher.count(text), 10);
        }
        let trend = Trend::new(&t, matcher.lexicon(), &RowSelection::default()).unwrap();
        assert!(!trend.numeric);
        let svg = trend
            .chart_svg("x", &trend.per_phrase()[0].1, (400, 300))
            .unwrap();
        assert!(svg.contains("<rect"));
    }
}
