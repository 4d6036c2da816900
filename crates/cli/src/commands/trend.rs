//! `tifa trend`: the count table along one field (year, congress …), a
//! summary per phrase, and the report (HTML, Markdown, SVG) of tifa-report.

use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

use tifa_core::RowSelection;

use crate::args::TrendArgs;
use crate::driver::{count_corpus, lexicon_with, note_added, select_entries};
use crate::error::Result;
use crate::output::{Format, Printer};

pub(crate) fn run(args: TrendArgs) -> Result<ExitCode> {
    let adhoc = lexicon_with(&args.matching.lexicon, &args.select.phrases)?;
    let entries = select_entries(&adhoc, &args.select)?;
    let top = args.top.or(entries.is_none().then_some(8));
    let selection = RowSelection {
        all_phrases: false,
        entries,
        top,
    };
    let matcher = args.matching.options().build(&adhoc.lexicon)?;
    let mut by = vec![args.by.clone()];
    by.extend(args.by_also.clone());
    // The years of each axis value (congress 18 → 2012), for a second row
    // of labels when the axis is not the year itself.
    let mut years: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let table = tifa_core::CountTable::new(by);
    let (table, totals, account) = count_corpus(&args.input, &matcher, table, |doc| {
        if let (Some(x), Some(y)) = (doc.meta.get(&args.by), doc.meta.get("year")) {
            years.entry(x.clone()).or_default().insert(y.clone());
        }
    })?;
    note_added(&adhoc, |id| totals.literal(id) + totals.expanded(id));
    let mut trend = tifa_report::Trend::new(&table, matcher.lexicon(), &selection)
        .map_err(|e| e.to_string())?
        .with_min_chars(args.min_chars);
    if args.own_scale {
        trend = trend.with_own_scales();
    }
    if args.by != "year" && !years.is_empty() {
        trend = trend.with_second_labels("year", &years);
    }
    if trend.without_axis > 0 {
        note!(
            "tifa: note: {} documents have no `{}` and are left out of the trend; set it with --meta {}=… or a field",
            trend.without_axis, args.by, args.by
        );
    }
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| format!("tifa trend by {}", args.by));
    let format = Format::resolve(args.format.format);
    match &args.out {
        None => {
            let mut p = Printer::new(
                format,
                &[
                    "x", "group", "phrase", "category", "count", "docs", "chars", "per_10k",
                ],
            );
            p.push_all(&trend.rows())?;
            p.finish()?;
        }
        Some(path) => {
            // The report is the output: nothing on stdout, where it went on
            // stderr.
            write_report(&trend, &title, path, args.per_category)?;
            note!("tifa: wrote {}", path.display());
        }
    }
    account.print();
    Ok(account.exit_code(args.input.strict_input))
}

/// Writes the report `path` asks for, by its extension.
fn write_report(
    trend: &tifa_report::Trend,
    title: &str,
    path: &std::path::Path,
    per_category: bool,
) -> std::result::Result<(), String> {
    let write = |p: &std::path::Path, text: &str| {
        std::fs::write(p, text).map_err(|e| format!("{}: cannot write: {e}", p.display()))
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => write(path, &tifa_report::html_report(trend, title, per_category)?),
        "md" | "markdown" => {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("report");
            let (md, files) = tifa_report::markdown_report(trend, title, stem, per_category)?;
            let dir = path.parent().unwrap_or(std::path::Path::new("."));
            for (name, svg) in files {
                write(&dir.join(name), &svg)?;
            }
            write(path, &md)
        }
        "svg" => {
            let all: Vec<&tifa_report::Series> = trend.series.iter().collect();
            write(path, &trend.chart_svg(title, &all, (960, 480))?)
        }
        _ => Err(format!(
            "{}: --out takes a .html, .md or .svg file",
            path.display()
        )),
    }
}
