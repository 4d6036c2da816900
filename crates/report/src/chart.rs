//! SVG charts drawn with `plotters`: per_10k along the axis, as lines with
//! marked points and gaps for a numeric axis, as horizontal bars for an axis
//! of names.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use crate::series::{Series, Trend};

/// The fonts charts and pages ask for: CJK first, so that Chinese renders.
pub const FONTS: &str = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif";

/// Series colours, in order (matplotlib's `tab10` without its grey and
/// olive).
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

/// What drawing can fail with.
type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// A chart on an SVG string, both coordinates `f64`.
type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

impl Trend {
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

fn draw(
    trend: &Trend,
    title: &str,
    series: &[&Series],
    size: (u32, u32),
    out: &mut String,
) -> DrawResult {
    if trend.numeric {
        draw_lines(trend, title, series, size, out)
    } else {
        draw_bars(trend, title, series, size, out)
    }
}

/// Whether the chart is small, and the sizes of its title and labels.
fn font_sizes(size: (u32, u32)) -> (bool, u32, u32) {
    let small = size.0 < 500;
    if small {
        (small, 15, 11)
    } else {
        (small, 20, 13)
    }
}

/// The top of a chart's value axis: over every series of the trend when
/// the charts share one scale, else over the chart's own.
fn y_max_for(trend: &Trend, series: &[&Series]) -> f64 {
    if trend.shared_scale {
        y_top(&trend.series.iter().collect::<Vec<_>>())
    } else {
        y_top(series)
    }
}

/// The top of the value axis: 15% above the highest rate.
pub(crate) fn y_top(series: &[&Series]) -> f64 {
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
) -> DrawResult {
    let root = SVGBackend::with_string(out, size).into_drawing_area();
    root.fill(&WHITE)?;
    let n = trend.xs.len().max(1);
    let (small, title_size, label_size) = font_sizes(size);
    let second_row = if trend.second_labels.is_some() {
        label_size + 4
    } else {
        0
    };
    let mut chart = ChartBuilder::on(&root)
        .caption(title, (FONTS, title_size))
        .margin(12)
        .x_label_area_size(if small { 28 } else { 36 } + second_row)
        .y_label_area_size(if small { 40 } else { 56 })
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..y_max_for(trend, series))?;
    line_mesh(&mut chart, trend, small, label_size)?;
    second_labels(&mut chart, trend, small, label_size)?;
    for (si, s) in series.iter().enumerate() {
        draw_line(&mut chart, trend, s, PALETTE[si % PALETTE.len()])?;
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

/// The axes of a line chart: the axis values below (no more than 21, or 8
/// on a small chart, evenly spaced), rates on the left.
fn line_mesh(chart: &mut Chart, trend: &Trend, small: bool, label_size: u32) -> DrawResult {
    let n = trend.xs.len().max(1);
    let xs = trend.xs.clone();
    let step = label_step(&xs, small, label_size);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .x_labels(n + 1)
        .x_label_formatter(&|v| {
            let i = v.round();
            if (v - i).abs() > 1e-6 || i < 0.0 || !(i as usize).is_multiple_of(step) {
                return String::new();
            }
            xs.get(i as usize).cloned().unwrap_or_default()
        })
        .y_desc("per 10,000 chars")
        .x_desc(match &trend.second_labels {
            Some((field, _)) => format!("{} ({field} below)", trend.axis),
            None => trend.axis.clone(),
        })
        .label_style((FONTS, label_size))
        .axis_desc_style((FONTS, label_size))
        .draw()?;
    Ok(())
}

/// The second row of axis labels (the year of each congress), under the
/// first, in grey, as many as fit.
fn second_labels(chart: &mut Chart, trend: &Trend, small: bool, label_size: u32) -> DrawResult {
    let Some((_, labels)) = &trend.second_labels else {
        return Ok(());
    };
    let size = label_size.saturating_sub(2).max(8);
    let step = label_step(labels, small, size);
    let style = (FONTS, size)
        .into_font()
        .color(&RGBColor(104, 118, 132))
        .pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Top,
        ));
    let below = label_size as i32 + 8;
    chart.draw_series(
        labels
            .iter()
            .enumerate()
            .filter(|(i, l)| i % step == 0 && !l.is_empty())
            .map(|(i, l)| {
                EmptyElement::at((i as f64, 0.0)) + Text::new(l.clone(), (0, below), style.clone())
            }),
    )?;
    Ok(())
}

/// Every how many axis values a label is written: every one when they fit
/// (up to 25: twenty congresses all labelled), else evenly spaced.
fn label_step(xs: &[String], small: bool, label_size: u32) -> usize {
    let n = xs.len().max(1);
    let width = if small { 360.0 } else { 780.0 };
    let longest = xs.iter().map(|x| x.chars().count()).max().unwrap_or(1) as f64;
    let label = longest * label_size as f64 * 0.56 + 4.0;
    let fitting = ((width / label) as usize).clamp(2, 25);
    n.div_ceil(fitting).max(1)
}

/// The points of `s` with documents, `(index on the axis, rate)`, in runs
/// broken by its gaps.
fn runs_between_gaps(s: &Series) -> Vec<Vec<(f64, f64)>> {
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
    segments
}

/// One series of a line chart: lines between consecutive points with
/// documents (gaps break them), a dot on each point; the first line carries
/// the legend entry.
fn draw_line(chart: &mut Chart, trend: &Trend, s: &Series, color: RGBColor) -> DrawResult {
    let mut labelled = false;
    for seg in runs_between_gaps(s)
        .into_iter()
        .filter(|seg| !seg.is_empty())
    {
        let line = chart.draw_series(LineSeries::new(seg.clone(), color.stroke_width(2)))?;
        if !labelled {
            line.label(s.label()).legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
            });
            labelled = true;
        }
        // A point of a thin group (--min-chars) is hollow: its rate is noise.
        chart.draw_series(seg.into_iter().map(|p| {
            let thin = s.points.get(p.0 as usize).is_some_and(|r| trend.is_thin(r));
            let style = if thin {
                color.stroke_width(1)
            } else {
                color.filled()
            };
            Circle::new(p, 3, style)
        }))?;
    }
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
) -> DrawResult {
    let n = trend.xs.len().max(1);
    let (small, title_size, label_size) = font_sizes(size);
    let row = if small { 14 } else { 20 } * series.len().max(1) as u32;
    let height = size.1.max(90 + row * n as u32);
    let root = SVGBackend::with_string(out, (size.0, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let order = bar_order(series, n);
    let names: Vec<String> = order.iter().map(|&i| trend.xs[i].clone()).collect();
    let longest = names.iter().map(|s| s.chars().count()).max().unwrap_or(4) as u32;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, (FONTS, title_size))
        .margin(12)
        .x_label_area_size(if small { 28 } else { 36 })
        .y_label_area_size(16 + longest * (label_size + 1))
        .build_cartesian_2d(0f64..y_max_for(trend, series), (n as f64 - 0.5)..-0.5f64)?;
    bar_mesh(&mut chart, &names, n, label_size)?;
    for (si, s) in series.iter().enumerate() {
        draw_bar_series(&mut chart, &order, s, si, series.len())?;
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

/// The axis positions of a bar chart, top to bottom: axis order, or by rate
/// (highest first, gaps last) when there is one series.
fn bar_order(series: &[&Series], n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n.min(series.first().map_or(0, |s| s.points.len()))).collect();
    if series.len() == 1 {
        let v = |i: usize| series[0].points[i].per_10k.unwrap_or(-1.0);
        order.sort_by(|&a, &b| v(b).total_cmp(&v(a)));
    }
    order
}

/// The axes of a bar chart: `names` on the left, rates below.
fn bar_mesh(chart: &mut Chart, names: &[String], n: usize, label_size: u32) -> DrawResult {
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
    Ok(())
}

/// Series `si` of `count` in a bar chart: one bar per name, side by side
/// with the other series' bars in the name's row; none for a gap.
fn draw_bar_series(
    chart: &mut Chart,
    order: &[usize],
    s: &Series,
    si: usize,
    count: usize,
) -> DrawResult {
    let color = PALETTE[si % PALETTE.len()];
    let height = 0.8 / count.max(1) as f64;
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
    // The rate at the end of each bar: the value is read, not guessed.
    let label_size = if height * 20.0 < 8.0 { 9 } else { 11 };
    chart.draw_series(order.iter().enumerate().filter_map(|(pos, &i)| {
        let v = s.points.get(i)?.per_10k?;
        let middle = pos as f64 - 0.4 + height * (si as f64 + 0.45);
        Some(Text::new(
            format!(" {v:.2}"),
            (v, middle),
            (FONTS, label_size)
                .into_font()
                .color(&RGBColor(61, 74, 87))
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Left,
                    plotters::style::text_anchor::VPos::Center,
                )),
        ))
    }))?;
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
