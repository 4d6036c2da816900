//! Unit tests: series with gaps and zeros, summaries, the missing-axis
//! error, the HTML report, and line and bar charts.

use crate::{html_report, Trend};
use tifa_core::{CountTable, Lexicon, Matcher, MatcherBuilder, RowSelection};

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
        (sum.highest_at.as_deref(), sum.highest_per_10k),
        (Some("2018"), Some(1666.6667)),
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
    // One chart per phrase, after one overview of them all.
    let figure = scraper::Selector::parse("figure").unwrap();
    let mut names: Vec<&str> = doc
        .select(&figure)
        .filter_map(|f| f.value().attr("data-chart"))
        .collect();
    assert_eq!(names.remove(0), "overview");
    names.sort_unstable();
    assert_eq!(names, ["一府一委两院", "一府两院"]);
    // Every axis value is labelled, on every chart, and nothing else looks
    // like one: the labels are the data's years, 2016 to 2021 with the gaps.
    let text = scraper::Selector::parse("text").unwrap();
    for f in doc.select(&figure) {
        let labels: Vec<String> = f
            .select(&text)
            .map(|t| t.text().collect::<String>().trim().to_string())
            .filter(|t| t.len() == 4 && t.parse::<u32>().is_ok())
            .collect();
        assert_eq!(labels, trend.xs, "{:?}", f.value().attr("data-chart"));
    }
    assert_eq!(trend.xs, ["2016", "2017", "2018", "2019", "2020", "2021"]);
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
    for (r, text) in [("北京市", "营商环境"), ("上海市", "营商环境营商环境")] {
        t.add(vec![r.to_string()], &matcher.count(text), 10);
    }
    let trend = Trend::new(&t, matcher.lexicon(), &RowSelection::default()).unwrap();
    assert!(!trend.numeric);
    let svg = trend
        .chart_svg("x", &trend.per_phrase()[0].1, (400, 300))
        .unwrap();
    assert!(svg.contains("<rect"));
}

#[test]
fn a_second_row_of_labels_names_each_axis_value_once() {
    // An axis of congresses (the table's first field is the axis), with the
    // years their documents carry: one year, two years, none.
    let (t, m) = table(&[("18", "一府两院"), ("19", "一府两院"), ("20", "一府两院")]);
    let years: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        [("18", vec!["2012"]), ("19", vec!["2017", "2018"])]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
            .collect();
    let trend = Trend::new(&t, m.lexicon(), &keep(&m, &["一府两院"]))
        .unwrap()
        .with_second_labels("year", &years);
    let (field, labels) = trend.second_labels.clone().unwrap();
    assert_eq!(field, "year");
    assert_eq!(labels, ["2012", "2017–2018", ""]);
    let svg = trend
        .chart_svg("x", &trend.per_phrase()[0].1, (860, 400))
        .unwrap();
    let doc = scraper::Html::parse_fragment(&svg);
    let texts: Vec<String> = doc
        .select(&scraper::Selector::parse("text").unwrap())
        .map(|t| t.text().collect::<String>().trim().to_string())
        .collect();
    for label in ["18", "19", "20", "2012", "2017–2018"] {
        assert_eq!(
            texts.iter().filter(|t| *t == label).count(),
            1,
            "{label}: {texts:?}"
        );
    }
}

#[test]
fn characteristic_phrases_are_the_keyness_of_each_value_against_the_rest() {
    let filler = "各项工作取得新进展。".repeat(40);
    let (t, m) = table(&[
        (
            "2018",
            &format!(
                "{filler}一府一委两院。一府一委两院。一府一委两院。一府一委两院。全过程人民民主。"
            ),
        ),
        ("2019", &format!("{filler}一府两院。全过程人民民主。")),
        ("2020", &format!("{filler}一府两院。全过程人民民主。")),
    ]);
    let trend = Trend::new(&t, m.lexicon(), &RowSelection::default()).unwrap();
    let xs: Vec<&str> = trend.characteristic.iter().map(|c| c.x.as_str()).collect();
    assert_eq!(xs, ["2018", "2019", "2020"]);
    let first = &trend.characteristic[0];
    assert_eq!(
        first.rows.len(),
        1,
        "全过程人民民主 is used at the same rate everywhere"
    );
    let row = &first.rows[0];
    assert_eq!(row.phrase, "一府一委两院");
    // The numbers of `tifa keyness --by year --target 2018`: 4 matches in
    // 2018's characters against 0 in the other two years'.
    let chars = |text_len: usize| text_len as u64;
    let c18 = chars(filler.chars().count() + 4 * 7 + 8);
    let c_rest = 2 * chars(filler.chars().count() + 5 + 8);
    assert_eq!((row.target_chars, row.reference_chars), (c18, c_rest));
    assert_eq!(
        row.keyness,
        tifa_core::stats::keyness::keyness(4, c18, 0, c_rest)
    );
    assert!(row.keyness.g2 >= crate::CHARACTERISTIC_MIN_G2);
    // 一府两院 twice in 2019-2020 and never in 2018: below p < 0.05 for each
    // year alone (1 against 1), so no row.
    assert!(
        trend.characteristic[1].rows.is_empty(),
        "{:?}",
        trend.characteristic[1]
    );
    let html = html_report(&trend, "t", false).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let cells = scraper::Selector::parse("h2 + p + table tr td").unwrap();
    let texts: Vec<String> = doc
        .select(&cells)
        .map(|td| td.text().collect::<String>())
        .collect();
    assert_eq!(&texts[..3], ["2018", "一府一委两院", "4"], "{texts:?}");
    assert!(html.contains("<h2>Characteristic phrases</h2>"));
    let (md, _) = crate::markdown_report(&trend, "t", "t", false).unwrap();
    assert!(md.contains("| 2018 | 一府一委两院 | 4 |"), "{md}");
}
