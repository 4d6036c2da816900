//! Document metadata (SPEC §3): the fields of a record, and what can be
//! inferred from a document's title, first lines and file name when a
//! field is missing.
//!
//! The rules, in order of preference:
//!
//! * `title`: a `title` field, else the first non-empty line (at most 120
//!   chars).
//! * `date`: a `date`, `publish_date`, `pub_date` or `published` field
//!   (normalized to ISO when it is a date), else the first full date in the
//!   head of the text — a bracketed stamp `(20230219)`, or `2024年1月13日` —
//!   as `YYYY-MM-DD`.
//! * `year`: a `year` field, else the year of `date`, else the year of a
//!   title that names a document of that year (`2026年北京市政府工作报告`,
//!   `[2020年X区人大常委会工作报告]`), else a year in the file name
//!   (`2026_北京市_政府工作报告.csv`). A year that only starts a section
//!   heading (`2023年主要工作`, `2023年工作回顾`) is what the report looks
//!   back on, not its year, and is not taken.
//! * `region`: a `region` or `province` field, else the administrative
//!   name that opens the title: one or more units ending in 省, 自治区,
//!   市, 州, 盟, 区, 县 or 旗 (巴南区, 舟山市定海区, 呼和浩特市新城区).
//!   A placeholder (X区) or a phrase such as 在全市 is not a region.
//!
//! The head of the text is its first [`HEAD_LINES`] non-empty lines, which
//! reaches past the download/print residue at the top of web pages.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;

/// A document's metadata: field name → value (numbers and booleans of
/// JSONL/CSV records as text).
pub type Metadata = BTreeMap<String, String>;

/// How many non-empty lines at the top of a document are searched for a
/// title, date and year.
pub const HEAD_LINES: usize = 20;

/// Fields that hold a document's date, in order of preference.
pub const DATE_FIELDS: [&str; 4] = ["date", "publish_date", "pub_date", "published"];

/// Fills `year`, `region`, `title` and `date` in `meta` where they are
/// missing, from `text` and `file_name` (see the module docs for the
/// rules). Fields already present are left as they are.
///
/// ```
/// use tifa_core::meta::{infer, Metadata};
/// let mut meta = Metadata::new();
/// infer(&mut meta, "呼和浩特市新城区\n人民代表大会常务委员会工作报告\n——2024年1月13日在新城区第十八届人民代表大会第三次会议上\n", "004.txt");
/// assert_eq!(meta["region"], "呼和浩特市新城区");
/// assert_eq!(meta["date"], "2024-01-13");
/// assert_eq!(meta["year"], "2024");
/// ```
pub fn infer(meta: &mut Metadata, text: &str, file_name: &str) {
    let head: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEAD_LINES)
        .collect();
    if !meta.contains_key("title") {
        if let Some(first) = head.first() {
            meta.insert("title".into(), first.chars().take(120).collect());
        }
    }
    if !meta.contains_key("date") {
        let from_field = DATE_FIELDS
            .iter()
            .filter_map(|f| meta.get(*f))
            .find_map(|v| parse_date(v));
        if let Some(d) = from_field.or_else(|| head.iter().find_map(|l| find_date(l))) {
            meta.insert("date".into(), d);
        }
    }
    if !meta.contains_key("year") {
        let year = meta
            .get("date")
            .and_then(|d| d.get(..4))
            .filter(|y| is_year(y))
            .map(str::to_string)
            .or_else(|| meta.get("title").and_then(|t| title_year(t)))
            .or_else(|| file_year(file_name));
        if let Some(y) = year {
            meta.insert("year".into(), y);
        }
    }
    if !meta.contains_key("region") {
        let region = meta
            .get("province")
            .filter(|p| !p.trim().is_empty())
            .cloned()
            .or_else(|| meta.get("title").and_then(|t| title_region(t)));
        if let Some(r) = region {
            meta.insert("region".into(), r);
        }
    }
}

/// The metadata of a JSON record's fields (a JSONL line, the server's
/// `meta`): strings as they are, numbers and booleans as JSON writes them.
/// An empty string is no value, so that what is missing is inferred
/// (`"year": ""` gets the year of the text, as a missing `year` does);
/// `null` is no value either. Arrays and objects are not metadata: their
/// names are returned, for the front end to say so.
///
/// ```
/// use serde_json::json;
/// let record = json!({"year": "", "region": "巴南区", "n": 3, "tags": ["a"], "x": null});
/// let (meta, ignored) = tifa_core::meta::from_json(record.as_object().unwrap());
/// assert_eq!(meta.len(), 2);
/// assert_eq!(meta["n"], "3");
/// assert_eq!(ignored, ["tags"]);
/// ```
pub fn from_json<'a>(
    fields: impl IntoIterator<Item = (&'a String, &'a serde_json::Value)>,
) -> (Metadata, Vec<String>) {
    use serde_json::Value;
    let mut meta = Metadata::new();
    let mut ignored = Vec::new();
    for (k, v) in fields {
        match v {
            Value::String(s) if !s.is_empty() => drop(meta.insert(k.clone(), s.clone())),
            Value::Number(n) => drop(meta.insert(k.clone(), n.to_string())),
            Value::Bool(b) => drop(meta.insert(k.clone(), b.to_string())),
            Value::Array(_) | Value::Object(_) => ignored.push(k.clone()),
            Value::String(_) | Value::Null => {}
        }
    }
    (meta, ignored)
}

/// The metadata of a document given as a record with its text (a server
/// request's document, a Python dict): the record's scalar fields by
/// [`from_json`], then what [`infer`] finds in the text, `name` standing
/// for the file name. Returns the names of the fields that were no
/// metadata (arrays, objects) too.
///
/// ```
/// use serde_json::json;
/// let record = json!({"region": "巴南区", "year": ""});
/// let (meta, _) = tifa_core::meta::of_record(record.as_object().unwrap(), "——2023年2月19日在…会议上", "doc1");
/// assert_eq!((meta["region"].as_str(), meta["year"].as_str()), ("巴南区", "2023"));
/// ```
pub fn of_record<'a>(
    fields: impl IntoIterator<Item = (&'a String, &'a serde_json::Value)>,
    text: &str,
    name: &str,
) -> (Metadata, Vec<String>) {
    let (mut meta, ignored) = from_json(fields);
    infer(&mut meta, text, name);
    (meta, ignored)
}

/// The value of `field` for grouping a document (`--by`, the server's
/// `by`): `id` and `doc` name the document's id; a field the document
/// lacks is the empty group.
pub fn field_value(id: &str, meta: &Metadata, field: &str) -> String {
    match field {
        "id" | "doc" => id.to_string(),
        _ => meta.get(field).cloned().unwrap_or_default(),
    }
}

fn is_year(s: &str) -> bool {
    s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s.starts_with("19") || s.starts_with("20"))
}

fn regexes() -> &'static [Regex; 6] {
    static RE: OnceLock<[Regex; 6]> = OnceLock::new();
    RE.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("constant regex");
        [
            // 0: a bracketed stamp (20230219) / （20230219）
            re(r"[(（]((?:19|20)\d{2})(\d{2})(\d{2})[)）]"),
            // 1: 2024年1月13日
            re(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
            // 2: ISO-ish 2026-02-02 / 2026/2/2 / 2026.02.02
            re(r"^\s*((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})"),
            // 3: a title naming a document of its year
            re(r"^[\[【(（]?\s*((?:19|20)\d{2})\s*年[^\]】)）]*?(?:报告|要点|计划|决议|决定|讲话|发言|纲要|规划|公报|总结)"),
            // 4: a year in a file name
            re(r"(?:^|\D)((?:19|20)\d{2})(?:\D|$)"),
            // 5: an administrative name opening a title
            re(r"^(?:(?:\p{Han}){2,8}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|区|县|旗))+"),
        ]
    })
}

fn iso(y: &str, m: &str, d: &str) -> Option<String> {
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y}-{m:02}-{d:02}"))
}

/// A date field's value as ISO `YYYY-MM-DD`, when it is one.
fn parse_date(v: &str) -> Option<String> {
    let re = regexes();
    [&re[2], &re[1], &re[0]]
        .iter()
        .find_map(|r| r.captures(v))
        .and_then(|c| iso(&c[1], &c[2], &c[3]))
}

/// The first full date in a line of the head.
fn find_date(line: &str) -> Option<String> {
    let re = regexes();
    [&re[0], &re[1]]
        .iter()
        .find_map(|r| r.captures(line))
        .and_then(|c| iso(&c[1], &c[2], &c[3]))
}

fn title_year(title: &str) -> Option<String> {
    regexes()[3].captures(title).map(|c| c[1].to_string())
}

fn file_year(name: &str) -> Option<String> {
    regexes()[4].captures(name).map(|c| c[1].to_string())
}

/// Characters that open a phrase, not a place name (在全市, 本区, 各县).
const NOT_A_PLACE_START: &[char] = &[
    '在', '全', '本', '我', '各', '该', '这', '此', '其', '市', '区', '县',
];

fn title_region(title: &str) -> Option<String> {
    let t = title.trim_start_matches(['[', '【', '(', '（', ' ']);
    let t = strip_year(t);
    let m = regexes()[5].find(t)?;
    let region = m.as_str();
    if region.starts_with(NOT_A_PLACE_START) {
        return None;
    }
    Some(region.to_string())
}

/// `2026年北京市…` → `北京市…`
fn strip_year(t: &str) -> &str {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 4 {
        if let Some(rest) = t[4..].trim_start().strip_prefix('年') {
            return rest.trim_start();
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inferred(text: &str, file: &str, fields: &[(&str, &str)]) -> Metadata {
        let mut m: Metadata = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        infer(&mut m, text, file);
        m
    }

    #[test]
    fn bracketed_stamp_in_the_title() {
        let m = inferred(
            "巴南区人民代表大会常务委员会工作报告(20230219)\n巴南区…\n",
            "000.txt",
            &[],
        );
        assert_eq!(
            (m["year"].as_str(), m["date"].as_str(), m["region"].as_str()),
            ("2023", "2023-02-19", "巴南区")
        );
    }

    #[test]
    fn section_year_is_not_the_report_year() {
        let m = inferred(
            "舟山市定海区人民代表大会常务委员会工作报告\n▲上接第1版\n2023年主要工作\n",
            "003.txt",
            &[],
        );
        assert_eq!(m.get("year"), None);
        assert_eq!(m["region"], "舟山市定海区");
    }

    #[test]
    fn template_title_year_and_placeholder_region() {
        let m = inferred(
            "[2020年X区人大常委会工作报告] 2020年是几中全会\n",
            "002.txt",
            &[],
        );
        assert_eq!(m["year"], "2020");
        assert_eq!(m.get("region"), None);
    }

    #[test]
    fn no_region_in_a_speech_title() {
        let m = inferred(
            "在全市基层人大工作高质量发展推进会上的交流发言\n",
            "001.txt",
            &[],
        );
        assert_eq!(m.get("region"), None);
        assert_eq!(m.get("year"), None);
    }

    #[test]
    fn fields_win_and_dates_normalize() {
        let m = inferred(
            "下载\n打印\n2026年北京市政府工作报告\n——2026年1月25日在北京市第十六届人民代表大会第四次会议上\n",
            "2026_北京市_政府工作报告.csv",
            &[("province", "北京市"), ("publish_date", "2026-02-02"), ("title", "2026年北京市政府工作报告")],
        );
        assert_eq!(m["date"], "2026-02-02");
        assert_eq!(m["year"], "2026");
        assert_eq!(m["region"], "北京市");
        let m = inferred("x", "f", &[("year", "1999"), ("region", "甲")]);
        assert_eq!((m["year"].as_str(), m["region"].as_str()), ("1999", "甲"));
    }

    #[test]
    fn title_year_and_file_year() {
        assert_eq!(
            inferred("2026年内蒙古自治区政府工作报告\n", "a.txt", &[])["region"],
            "内蒙古自治区"
        );
        assert_eq!(
            inferred("2026年内蒙古自治区政府工作报告\n", "a.txt", &[])["year"],
            "2026"
        );
        assert_eq!(
            inferred("无题\n", "reports/2019_x.txt", &[])["year"],
            "2019"
        );
        assert_eq!(
            inferred("无题\n", "reports/12345.txt", &[]).get("year"),
            None
        );
        let cpc = inferred("决胜全面建成小康社会\n——在中国共产党第十九次全国代表大会上的报告\n（2017年10月18日）\n", "c.jsonl", &[]);
        assert_eq!(cpc["year"], "2017");
    }
}
