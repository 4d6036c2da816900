//! tifa's functions in a local DataFusion session give what tifa-core (and
//! so `tifa count`, `scan`, `numbers`) gives on the same documents.

mod common;

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::UInt64Type;
use datafusion::prelude::{ParquetReadOptions, SessionContext};
use tifa_core::{Lexicon, MatcherBuilder, NumberExtractor};
use tifa_datafusion::TifaFunctions;

use common::*;

async fn context_with_corpus(
    dir: &std::path::Path,
) -> (SessionContext, Vec<tifa_corpus::Document>) {
    let docs = documents();
    let path = write_parquet(&docs, dir);
    let ctx = SessionContext::new_with_config(TifaFunctions::session_config());
    TifaFunctions::builtin().register(&ctx);
    ctx.register_parquet(
        "corpus",
        path.to_str().unwrap(),
        ParquetReadOptions::default(),
    )
    .await
    .unwrap();
    (ctx, docs)
}

async fn sql(ctx: &SessionContext, q: &str) -> Vec<RecordBatch> {
    ctx.sql(q).await.unwrap().collect().await.unwrap()
}

async fn sql_err(ctx: &SessionContext, q: &str) -> String {
    match ctx.sql(q).await {
        Err(e) => e.to_string(),
        Ok(df) => match df.collect().await {
            Err(e) => e.to_string(),
            Ok(b) => panic!("`{q}` should fail, gave {b:?}"),
        },
    }
}

fn u64s(batches: &[RecordBatch], col: usize) -> Vec<u64> {
    batches
        .iter()
        .flat_map(|b| {
            let a = b.column(col).as_primitive::<UInt64Type>();
            (0..a.len()).map(|i| a.value(i)).collect::<Vec<_>>()
        })
        .collect()
}

#[tokio::test]
async fn count_by_year_equals_tifa_core() {
    let dir = tempfile::tempdir().unwrap();
    let (ctx, docs) = context_with_corpus(dir.path()).await;
    let expected = expected_by_year(&docs, &builtin_matcher());
    let got = table_from_batches(&sql(&ctx, COUNT_BY_YEAR).await);
    assert!(expected.len() > 100, "{} rows", expected.len());
    assert!(expected.keys().any(|(y, _)| y.is_empty()));
    assert_eq!(got, expected);
}

#[tokio::test]
async fn count_of_one_phrase_and_of_a_variant() {
    let dir = tempfile::tempdir().unwrap();
    let (ctx, docs) = context_with_corpus(dir.path()).await;
    let m = builtin_matcher();
    let id = m.lexicon().find("全过程人民民主").unwrap();
    let expected: u64 = docs.iter().map(|d| m.count(&d.text).literal(id)).sum();
    assert!(expected > 10);
    let got = sql(
        &ctx,
        "SELECT sum(tifa_count(text, '全过程人民民主')) FROM corpus",
    )
    .await;
    assert_eq!(u64s(&got, 0), vec![expected]);
    // Row by row, too.
    let got = sql(
        &ctx,
        "SELECT doc, tifa_count(text, '全过程人民民主') FROM corpus ORDER BY doc",
    )
    .await;
    let mut expected: Vec<(String, u64)> = docs
        .iter()
        .map(|d| (d.id.clone(), m.count(&d.text).literal(id)))
        .collect();
    expected.sort();
    let docs_col: Vec<String> = got
        .iter()
        .flat_map(|b| {
            let a = b.column(0).as_string_view();
            (0..a.len())
                .map(|i| a.value(i).to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let pairs: Vec<(String, u64)> = docs_col.into_iter().zip(u64s(&got, 1)).collect();
    assert_eq!(pairs, expected);
    // A variant names its entry.
    let e = m
        .lexicon()
        .entries()
        .iter()
        .find(|e| !e.variants.is_empty())
        .unwrap();
    let q = format!(
        "SELECT tifa_count('{}', '{}'), tifa_count('{}', '{}')",
        e.phrase, e.variants[0], e.variants[0], e.phrase
    );
    assert_eq!(u64s(&sql(&ctx, &q).await, 0), vec![1]);
    assert_eq!(u64s(&sql(&ctx, &q).await, 1), vec![1]);
}

#[tokio::test]
async fn a_phrase_outside_the_lexicon_is_counted() {
    // SPEC §4: added for the query as `custom`, exactly as the CLI adds it:
    // the count equals a matcher over the lexicon with the phrase added.
    let dir = tempfile::tempdir().unwrap();
    let (ctx, docs) = context_with_corpus(dir.path()).await;
    let adhoc = tifa_core::Lexicon::builtin()
        .with_phrases(&["改革开放"])
        .unwrap();
    let m = tifa_core::Matcher::new(&adhoc.lexicon).unwrap();
    let expected: u64 = docs
        .iter()
        .map(|d| m.count(&d.text).literal(adhoc.wanted[0]))
        .sum();
    assert!(expected > 10, "{expected}");
    let got = sql(&ctx, "SELECT sum(tifa_count(text, '改革开放')) FROM corpus").await;
    assert_eq!(u64s(&got, 0), vec![expected]);
    // Across a line break and in traditional characters, like any entry.
    let q = "SELECT tifa_count('改革\n開放，坚持改革开放', '改革开放')";
    assert_eq!(u64s(&sql(&ctx, q).await, 0), vec![2]);
}

#[tokio::test]
async fn matches_are_the_scan_records() {
    let dir = tempfile::tempdir().unwrap();
    let (ctx, docs) = context_with_corpus(dir.path()).await;
    let m = builtin_matcher();
    let batches = sql(
        &ctx,
        "SELECT doc, unnest(tifa_matches(text)) AS x FROM corpus",
    )
    .await;
    let mut got = Vec::new();
    for b in &batches {
        let doc = b.column(0).as_string_view();
        let x = b.column(1).as_struct();
        let phrase = x.column_by_name("phrase").unwrap().as_string::<i32>();
        let start = x
            .column_by_name("start")
            .unwrap()
            .as_primitive::<UInt64Type>();
        let line = x
            .column_by_name("line")
            .unwrap()
            .as_primitive::<UInt64Type>();
        for i in 0..b.num_rows() {
            got.push((
                doc.value(i).to_string(),
                phrase.value(i).to_string(),
                start.value(i) as usize,
                line.value(i) as usize,
            ));
        }
    }
    let mut expected = Vec::new();
    for d in &docs {
        for r in tifa_core::scan(&m, &d.id, &d.text) {
            expected.push((r.doc, r.phrase, r.start, r.line));
        }
    }
    got.sort();
    expected.sort();
    assert!(expected.len() > 500);
    assert_eq!(got, expected);
}

#[tokio::test]
async fn numbers_are_the_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let (ctx, docs) = context_with_corpus(dir.path()).await;
    let x = NumberExtractor::new(&Lexicon::builtin()).unwrap();
    let batches = sql(
        &ctx,
        "SELECT doc, n['text'], n['kind'], n['value'], n['unit'], n['start']
         FROM (SELECT doc, unnest(tifa_numbers(text)) AS n FROM corpus)",
    )
    .await;
    let mut got = Vec::new();
    for b in &batches {
        let s = |c: usize, i: usize| {
            let a = b.column(c);
            if a.is_null(i) {
                None
            } else if let Some(v) = a.as_string_view_opt() {
                Some(v.value(i).to_string())
            } else {
                Some(a.as_string::<i32>().value(i).to_string())
            }
        };
        let start = b.column(5).as_primitive::<UInt64Type>();
        for i in 0..b.num_rows() {
            got.push((
                s(0, i).unwrap(),
                start.value(i) as usize,
                s(1, i).unwrap(),
                s(2, i).unwrap(),
                s(3, i),
                s(4, i),
            ));
        }
    }
    let mut expected = Vec::new();
    for d in &docs {
        for n in x.extract(&d.text) {
            expected.push((
                d.id.clone(),
                n.start,
                n.text.into(),
                n.kind.as_str().to_string(),
                n.value.map(|v| v.to_string()),
                n.unit.map(Into::into),
            ));
        }
    }
    got.sort();
    expected.sort();
    assert!(expected.len() > 1000);
    assert_eq!(got, expected);
    // Values are exact: a decimal survives as text and casts to DECIMAL.
    let b = sql(
        &ctx,
        "SELECT CAST(n['value'] AS DECIMAL(38, 4)) FROM
           (SELECT unnest(tifa_numbers('增长1.57%，投资1.2万亿元')) AS n)",
    )
    .await;
    let v = b[0]
        .column(0)
        .as_primitive::<datafusion::arrow::datatypes::Decimal128Type>();
    assert_eq!((v.value(0), v.value(1)), (15700, 12_000_000_000_000_000));
}

#[tokio::test]
async fn nulls_and_empty_texts() {
    let ctx = SessionContext::new_with_config(TifaFunctions::session_config());
    TifaFunctions::builtin().register(&ctx);
    let b = sql(
        &ctx,
        "SELECT tifa_count(t) IS NULL, cardinality(tifa_count(t)), tifa_count(t, '两个确立'),
                cardinality(tifa_matches(t)), cardinality(tifa_numbers(t))
         FROM (VALUES (CAST(NULL AS VARCHAR)), (''), ('两个确立，召开会议7次')) AS v(t)",
    )
    .await;
    let b = &b[0];
    let is_null = b.column(0).as_boolean();
    assert_eq!((is_null.value(0), is_null.value(1)), (true, false));
    let card = b.column(1).as_primitive::<UInt64Type>();
    assert!(card.is_null(0));
    assert_eq!((card.value(1), card.value(2)), (0, 1));
    let one = b.column(2).as_primitive::<UInt64Type>();
    assert!(one.is_null(0));
    assert_eq!((one.value(1), one.value(2)), (0, 1));
    assert_eq!(b.column(4).as_primitive::<UInt64Type>().value(2), 1);
}

#[tokio::test]
async fn session_options_change_the_lexicon_and_the_mode() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("mine.txt");
    std::fs::write(&lex, "测试专用提法\n").unwrap();
    let ctx = SessionContext::new_with_config(TifaFunctions::session_config());
    TifaFunctions::builtin().register(&ctx);
    let text = "发展测试专用提法，坚持一府一委两院";
    let q = format!("SELECT cardinality(tifa_count('{text}'))");
    assert_eq!(u64s(&sql(&ctx, &q).await, 0), vec![1]);
    sql(&ctx, &format!("SET tifa.lexicon = '{}'", lex.display())).await;
    assert_eq!(u64s(&sql(&ctx, &q).await, 0), vec![2]);
    sql(&ctx, "SET tifa.lexicon_only = true").await;
    assert_eq!(u64s(&sql(&ctx, &q).await, 0), vec![1]);
    // Strict mode does not join a phrase broken by a line break.
    let ctx = SessionContext::new_with_config(TifaFunctions::session_config());
    TifaFunctions::builtin().register(&ctx);
    let q = "SELECT tifa_count('一府一委\n两院', '一府一委两院')";
    assert_eq!(u64s(&sql(&ctx, q).await, 0), vec![1]);
    sql(&ctx, "SET tifa.strict = true").await;
    assert_eq!(u64s(&sql(&ctx, q).await, 0), vec![0]);
    // The same result as the matcher built with that mode.
    let m = MatcherBuilder::new()
        .strict(true)
        .build(&Lexicon::builtin())
        .unwrap();
    let id = m.lexicon().find("一府一委两院").unwrap();
    assert_eq!(m.count("一府一委\n两院").literal(id), 0);
}

#[tokio::test]
async fn errors_say_what_to_do() {
    let ctx = SessionContext::new_with_config(TifaFunctions::session_config());
    TifaFunctions::builtin().register(&ctx);
    sql(&ctx, "SET tifa.lexicon = '/nonexistent/lexicon.toml'").await;
    let e = sql_err(&ctx, "SELECT tifa_count('文本')").await;
    assert!(
        e.contains("tifa.lexicon") && e.contains("/nonexistent/lexicon.toml"),
        "{e}"
    );
    let ctx = SessionContext::new_with_config(TifaFunctions::session_config());
    TifaFunctions::builtin().register(&ctx);
    let e = sql_err(&ctx, "SELECT tifa_matches(42)").await;
    assert!(e.contains("tifa_matches"), "{e}");
}
