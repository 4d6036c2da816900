//! Property: any integer 0 ≤ n < 10^16, written in Chinese numerals by the
//! plain formatter below, parses back to n.

use proptest::prelude::*;
use rust_decimal::Decimal;
use tifa_core::numeral::parse_chinese_number;

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// 0..9999 in Chinese, with 零 for inner gaps (一千零五, 一百一十).
fn section(n: u64) -> String {
    let mut out = String::new();
    let units = [(1000, '千'), (100, '百'), (10, '十')];
    let mut zero_pending = false;
    let mut rest = n;
    for (u, c) in units {
        let d = rest / u;
        rest %= u;
        if d == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        out.push(DIGITS[d as usize]);
        out.push(c);
    }
    if rest > 0 {
        if zero_pending {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}

/// n in Chinese numerals: sections of four digits joined by 万 and 亿
/// (亿 sections above 10^12 as 万亿), 零 where a section starts below 1000.
fn chinese(n: u64) -> String {
    if n == 0 {
        return "零".into();
    }
    let parts = [
        (n / 1_0000_0000_0000, "万亿"),
        (n / 1_0000_0000 % 1_0000, "亿"),
        (n / 1_0000 % 1_0000, "万"),
        (n % 1_0000, ""),
    ];
    let mut out = String::new();
    let mut gap = false;
    for (v, unit) in parts {
        if v == 0 {
            gap = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (gap || v < 1000) {
            out.push('零');
        }
        gap = false;
        out.push_str(&section(v));
        out.push_str(unit);
    }
    out
}

#[test]
fn formatter_examples() {
    assert_eq!(chinese(1205), "一千二百零五");
    assert_eq!(chinese(100_005), "一十万零五");
    assert_eq!(chinese(1_000_100_000_000), "一万亿零一亿");
    assert_eq!(chinese(120_000_000), "一亿二千万");
    assert_eq!(chinese(1_000_000_000_000), "一万亿");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn chinese_numerals_round_trip(n in 0u64..10_000_000_000_000_000) {
        let s = chinese(n);
        prop_assert_eq!(parse_chinese_number(&s), Ok(Decimal::from(n)), "{}", s);
    }

    #[test]
    fn arabic_with_separators_round_trip(n in 0u64..10_000_000_000_000_000) {
        let plain = n.to_string();
        let mut grouped = String::new();
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && (plain.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        prop_assert_eq!(parse_chinese_number(&grouped), Ok(Decimal::from(n)));
    }

    #[test]
    fn the_parser_never_panics(s in "[0-9零〇一二两三四五六七八九十百千万亿点.,x]{0,40}") {
        let _ = parse_chinese_number(&s);
    }
}

mod extractor {
    use proptest::prelude::*;
    use std::sync::OnceLock;
    use tifa_core::{Lexicon, NumberExtractor};

    fn ex() -> &'static NumberExtractor {
        static EX: OnceLock<NumberExtractor> = OnceLock::new();
        EX.get_or_init(|| NumberExtractor::new(&Lexicon::builtin()).unwrap())
    }

    const PIECES: &[&str] = &[
        "1",
        "2",
        "0",
        "9",
        "１",
        "２",
        ",",
        ".",
        "．",
        "-",
        "—",
        "至",
        "年",
        "月",
        "日",
        "号",
        "份",
        "度",
        "(",
        ")",
        "（",
        "）",
        "第",
        "百分之",
        "%",
        "％",
        "一",
        "二",
        "两",
        "十",
        "百",
        "千",
        "万",
        "亿",
        "点",
        "零",
        "〇",
        "x",
        "X",
        "余",
        "多",
        "以上",
        "左右",
        "次",
        "项",
        "个",
        "人次",
        "元",
        "万元",
        "届",
        "大",
        "中全会",
        "中、",
        "会议",
        "召开",
        "常委会",
        "“",
        "”",
        "、",
        "，",
        "。",
        "\n",
        " ",
        "近",
        "约",
        "一系列",
        "两院",
        "四个意识",
        "G",
        "a",
        "全",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn never_panics_and_spans_slice_to_the_text(v in proptest::collection::vec(proptest::sample::select(PIECES), 0..30)) {
            let text = v.concat();
            let chars: Vec<char> = text.chars().collect();
            let mut last_end = 0;
            for m in ex().extract(&text) {
                prop_assert!(m.start >= last_end && m.start < m.end && m.end <= text.len());
                prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
                prop_assert_eq!(chars[m.char_start..m.char_end].iter().collect::<String>(), m.text.clone());
                prop_assert!(m.placeholder == m.value.is_none());
                last_end = m.end;
            }
        }
    }
}
