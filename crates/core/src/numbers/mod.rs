//! Numeric mentions (SPEC §2): every quantity, percentage, ordinal, year,
//! date and range in a text, with its unit, modifier and what it counts.
//!
//! # How a mention is found
//! One left-to-right pass. At a digit (Arabic, full-width or Chinese) or a
//! template placeholder (`x`, `xx`), the scanner reads, in order:
//!
//! 1. a prefix just before it: 第 (ordinal), 百分之 (percent), or an
//!    approximation (近 约 超过 逾 将近 接近 大约 不足 不到);
//! 2. the number: Arabic digits with thousands separators and a decimal
//!    point, optionally followed by magnitudes (3.5万, 1.2万亿); or a run of
//!    Chinese numerals (一千二百零五, 两万, 一点五七, 二〇二三);
//! 3. a date, year or range form: `2023年1月13日`, `2023年2月`, `2月11日`
//!    (no year: `--02-11`), `2023-01-13`, `(20230219)`, `2023年`,
//!    `1-6月`, `1—6月`, `2021-2035年`, `3至5年`;
//! 4. otherwise an approximation 余/多, then the unit (the longest of the
//!    unit list, with its magnitude removed: 亿元 → 元, 万吨 → 吨), then an
//!    approximation after it (以上 左右 上下 多 余).
//!
//! Kinds: `ordinal` for 第N, N届, N大 (二十大), N中全会; `percent` for %,
//! 百分之, 个百分点; `money` for currency units; `year`, `date`, `range` as
//! above; `cardinal` for the rest.
//!
//! # What is not a mention (SPEC §2.2)
//! Any span covered by a lexicon phrase (一府一委两院, 两个确立, 十四五 …);
//! the set words of [`SET_WORDS`] (一系列, 统一, 进一步 …); Chinese numerals
//! with neither a unit, nor a prefix, nor a date/ordinal form (一是, 一体化);
//! unit-only words (千万, 百万); digits glued to Latin letters (G20, 5G).
//!
//! # Subjects (SPEC §2.3)
//! A cardinal with a counting unit (not a unit of time) gets a subject from
//! its own clause (delimited by punctuation): the noun right after the unit
//! when one follows (到23个镇街 → 镇街), otherwise the words before the number
//! after the last verb of [`VERBS`] and without trailing 共/计/达
//! (召开常委会会议7次 → 常委会会议, 全年受理群众来信来访11件 → 群众来信来访).
//! Limits: no parsing, so a subject longer than 12 chars, or one that the
//! verb list does not cut, is left out (`null`) rather than guessed.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::ser::{Serialize, Serializer};

use crate::charscan::CharScanner;
use crate::error::Error;
use crate::lexicon::Lexicon;
use crate::matcher::{Matcher, MatcherBuilder};
use crate::numeral::{digit_value, parse_chinese_number, unit_value};

/// What a number states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberKind {
    /// A quantity: 7次, 3,000, 60余场.
    Cardinal,
    /// 5.5%, 百分之三十, 2个百分点.
    Percent,
    /// 1.2万亿元.
    Money,
    /// 第十八届, 二十大, 四中全会.
    Ordinal,
    /// 2023年.
    Year,
    /// 2023年1月13日, 2023年2月, 2月11日.
    Date,
    /// 1-6月, 2021-2035年.
    Range,
}

impl NumberKind {
    /// The kind's name, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            NumberKind::Cardinal => "cardinal",
            NumberKind::Percent => "percent",
            NumberKind::Money => "money",
            NumberKind::Ordinal => "ordinal",
            NumberKind::Year => "year",
            NumberKind::Date => "date",
            NumberKind::Range => "range",
        }
    }

    /// The kind named `s`.
    pub fn from_name(s: &str) -> Option<NumberKind> {
        [
            NumberKind::Cardinal,
            NumberKind::Percent,
            NumberKind::Money,
            NumberKind::Ordinal,
            NumberKind::Year,
            NumberKind::Date,
            NumberKind::Range,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A normalized value: an exact number, or a date as an ISO string
/// (`2023-01-13`, `2023-02`, `--02-11` when the year is not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberValue {
    /// An exact number.
    Number(Decimal),
    /// An ISO date.
    Date(String),
}

impl NumberValue {
    /// The number, if it is one.
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            NumberValue::Number(d) => Some(*d),
            NumberValue::Date(_) => None,
        }
    }
}

impl std::fmt::Display for NumberValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberValue::Number(d) => write!(f, "{}", d.normalize()),
            NumberValue::Date(s) => f.write_str(s),
        }
    }
}

impl Serialize for NumberValue {
    /// Integers as JSON integers; other numbers as the JSON number whose
    /// shortest form is the exact decimal (for up to 15 significant digits,
    /// which covers report figures); dates as strings.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            NumberValue::Date(d) => s.serialize_str(d),
            NumberValue::Number(d) => {
                let d = d.normalize();
                if d.scale() == 0 {
                    if let Ok(i) = i64::try_from(d) {
                        return s.serialize_i64(i);
                    }
                    if let Ok(i) = i128::try_from(d) {
                        return s.serialize_i128(i);
                    }
                }
                let f: f64 = d.to_string().parse().unwrap_or(f64::NAN);
                s.serialize_f64(f)
            }
        }
    }
}

/// One numeric mention (SPEC §2.1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NumberMention {
    /// The surface span, as written.
    pub text: String,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
    /// Char offset of the start.
    pub char_start: usize,
    /// Char offset of the end (exclusive).
    pub char_end: usize,
    /// What it states.
    pub kind: NumberKind,
    /// The value (the low end of a range); `None` for placeholders.
    pub value: Option<NumberValue>,
    /// The high end of a range.
    pub value_high: Option<NumberValue>,
    /// The unit without its magnitude word (亿元 → 元), `%` for percents.
    pub unit: Option<String>,
    /// The approximation (余, 多, 近, 约, 以上, 左右 …).
    pub approx: Option<String>,
    /// A template number (x次, xx区): no value, never an error.
    pub placeholder: bool,
    /// What a cardinal counts (SPEC §2.3).
    pub subject: Option<String>,
}

/// A mention with its document, as `tifa numbers` prints it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NumberRecord {
    /// The document's id.
    pub doc: String,
    /// The mention's fields.
    #[serde(flatten)]
    pub mention: NumberMention,
}

/// Words holding numerals where no quantity is meant (SPEC §2.2); lexicon
/// phrases are excluded as well.
pub const SET_WORDS: &[&str] = &[
    "一系列",
    "一些",
    "统一",
    "一体化",
    "一体",
    "唯一",
    "万一",
    "一起",
    "一流",
    "一线",
    "进一步",
    "一步",
    "一切",
    "一直",
    "一致",
    "一定",
    "一般",
    "一道",
    "一贯",
    "一律",
    "一同",
    "一方面",
    "一带一路",
    "三农",
    "一把手",
    "一心一意",
    "一如既往",
    "千方百计",
    "万众一心",
    "一以贯之",
    "一揽子",
    "一站式",
    "一张网",
    "一网通办",
    "一盘棋",
    "一并",
    "一旦",
    "第一时间",
    "一手抓",
    "两手抓",
    "一体推进",
    "一条龙",
    "百姓",
    "千家万户",
    "万家",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "六是",
    "七是",
    "八是",
    "九是",
    "十是",
    "之一",
    "一方",
    "一番",
    "一时",
    "一度",
    "一面",
    "一边",
    "统一战线",
    "三令五申",
    "四面八方",
    "五湖四海",
    "七一",
    "八一",
    "五一",
    "十一届三中全会以来",
    "百年",
    "千年",
    "万物",
    "九州",
    "三公",
    "三重一大",
    "一事一议",
    "一村一品",
    "一岗双责",
    "两个大局",
    "一老一小",
    "一网统管",
    "一件事",
    "一体两翼",
    "一中心",
    "第一书记",
    "一往无前",
    "一针一线",
    "一轮又一轮",
    "一波接一波",
    "一浪高过一浪",
    "一年又一年",
    "一次又一次",
    "一批",
    "一大批",
    "一种",
    "五年规划",
    "第一要务",
    "第一动力",
    "第一资源",
    "第一生产力",
    "第一责任人",
    "一点一滴",
    "一砖一瓦",
    "一草一木",
    "一言一行",
    "一字",
    "一时间",
    "一角",
    "一行",
    "之二",
    "三个代表",
];

/// Verbs after which the subject of a count starts (the last one in the
/// clause wins).
pub const VERBS: &[&str] = &[
    "听取审议",
    "依法任免",
    "组织开展",
    "召开",
    "听取",
    "审议",
    "受理",
    "办理",
    "开展",
    "组织",
    "任免",
    "出台",
    "制定",
    "修订",
    "修改",
    "审查",
    "备案",
    "提出",
    "收到",
    "视察",
    "调研",
    "检查",
    "接待",
    "走访",
    "举办",
    "参加",
    "完成",
    "新建",
    "建成",
    "建立",
    "培训",
    "发放",
    "解决",
    "化解",
    "督办",
    "交办",
    "办结",
    "回复",
    "提交",
    "转交",
    "作出",
    "做出",
    "通过",
    "批准",
    "决定",
    "任命",
    "征集",
    "收集",
    "形成",
    "实施",
    "打造",
    "设立",
    "邀请",
    "列席",
    "联系",
    "开通",
    "创建",
    "评选",
    "表彰",
    "覆盖",
    "推动",
    "推进",
    "落实",
    "梳理",
    "确定",
    "安排",
    "选派",
    "带动",
    "帮助",
    "吸纳",
    "服务",
    "举行",
    "印发",
    "颁布",
    "公布",
    "聘请",
    "聘任",
    "选举",
    "补选",
    "接受",
    "提请",
    "批复",
    "审核",
    "撤销",
    "清理",
    "发现",
    "反馈",
    "整改",
    "解答",
    "答复",
    "处理",
    "引进",
    "签约",
    "投入",
    "筹集",
    "争取",
    "拨付",
    "落地",
];

/// Words stripped from the end of the text before a number (受理来信共11件).
const BEFORE_NUMBER: &[&str] = &[
    "共计", "累计", "合计", "总计", "共", "计", "达", "约", "近", "超", "逾", "为", "了", "各",
    "等",
];

/// Words stripped from the start of a subject.
const SUBJECT_LEAD: &[&str] = &[
    "全年", "全区", "全市", "依法", "各类", "共", "累计", "分别", "先后", "其中", "了", "各", "对",
];

/// Units, longest first within each family; magnitudes are read separately.
const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "人次",
    "户次",
    "件次",
    "批次",
    "架次",
    "车次",
    "场次",
    "平方公里",
    "平方米",
    "立方米",
    "千瓦时",
    "千瓦",
    "千米",
    "千克",
    "公里",
    "公顷",
    "公斤",
    "小时",
    "分钟",
    "个月",
    "美元",
    "欧元",
    "日元",
    "港元",
    "英镑",
    "元",
    "吨",
    "亩",
    "米",
    "次",
    "项",
    "件",
    "个",
    "名",
    "人",
    "家",
    "户",
    "场",
    "条",
    "部",
    "篇",
    "批",
    "期",
    "座",
    "所",
    "位",
    "份",
    "起",
    "辆",
    "张",
    "套",
    "处",
    "类",
    "支",
    "组",
    "轮",
    "本",
    "册",
    "台",
    "艘",
    "岁",
    "倍",
    "届",
    "年",
    "月",
    "天",
    "日",
    "周",
    "区",
    "镇",
    "村",
    "街",
    "县",
    "市",
    "省",
    "校",
    "床",
    "宗",
    "株",
    "棵",
    "头",
    "只",
    "栋",
    "间",
    "道",
    "门",
    "节",
    "层",
    "级",
    "段",
    "章",
    "款",
    "点",
    "枚",
    "首",
    "部",
    "封",
    "票",
    "版",
    "周年",
    "股",
    "块",
    "片",
    "季",
    "代",
    "色",
    "大",
];

const MONEY_UNITS: &[&str] = &["元", "美元", "欧元", "日元", "港元", "英镑"];
const TIME_UNITS: &[&str] = &[
    "年", "个月", "月", "天", "日", "周", "小时", "分钟", "岁", "季", "代",
];
const APPROX_BEFORE: &[&str] = &[
    "将近", "接近", "超过", "大约", "不足", "不到", "近", "约", "逾", "超",
];
const APPROX_AFTER: &[&str] = &["以上", "左右", "上下", "之多", "多", "余"];
const RANGE_MARKS: &[char] = &['-', '—', '–', '~', '～', '至', '到', '－'];
/// Chars that end a clause, for subjects.
const CLAUSE_END: &[char] = &[
    '，', '。', '；', '：', '！', '？', '、', ',', ';', ':', '!', '?', '\n', '(', ')', '（', '）',
    '“', '”', '"', '《', '》',
];
/// Words after the unit that are not the counted noun.
const NOT_A_NOUN_START: &[&str] = &[
    "的", "和", "及", "与", "等", "以", "中", "左右", "以上", "多", "余", "共", "次", "又", "了",
    "是", "就", "也", "都", "在", "来", "内", "后", "前", "间", "里", "上", "下", "关于", "对",
    "为", "被", "将", "已", "均", "分别",
];
/// Words that end the noun after a unit.
const NOUN_END: &[&str] = &[
    "的", "和", "及", "与", "等", "中", "开展", "进行", "参加", "共", "关于", "对", "为", "在",
    "分别", "均", "已", "被", "将", "以", "里", "内", "又",
];

/// Finds numeric mentions. Built once from a lexicon (whose phrases are
/// never mentions); cheap to clone and `Send + Sync`.
///
/// ```
/// use tifa_core::{Lexicon, NumberExtractor, NumberKind};
/// let ex = NumberExtractor::new(&Lexicon::builtin())?;
/// let found = ex.extract("全年召开常委会会议7次，依法任免国家机关工作人员50人次，坚持一府一委两院。");
/// assert_eq!(found.len(), 2);
/// assert_eq!((found[0].text.as_str(), found[0].kind), ("7次", NumberKind::Cardinal));
/// assert_eq!(found[0].subject.as_deref(), Some("常委会会议"));
/// assert_eq!(found[1].unit.as_deref(), Some("人次"));
/// assert_eq!(found[1].subject.as_deref(), Some("国家机关工作人员"));
/// # Ok::<(), tifa_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct NumberExtractor {
    matcher: Matcher,
}

impl NumberExtractor {
    /// An extractor that treats the phrases of `lexicon` as set phrases.
    pub fn new(lexicon: &Lexicon) -> Result<NumberExtractor, Error> {
        Ok(NumberExtractor {
            matcher: MatcherBuilder::new().expansions(false).build(lexicon)?,
        })
    }

    /// Every mention in `text`, in text order.
    pub fn extract(&self, text: &str) -> Vec<NumberMention> {
        let phrases: Vec<Range<usize>> = self.matcher.literal_spans(text);
        let mut out = Vec::new();
        let mut pos = 0;
        let mut next_phrase = 0;
        let (mut char_byte, mut char_count) = (0usize, 0usize);
        // The end of the last mention (or phrase): no prefix reaches before it.
        let mut floor = 0usize;
        // Where a number can start (most characters start none): found by
        // a byte-pair scan instead of decoding every character, and taken
        // in text order as they are found.
        start_scanner().scan(text, |at, _| {
            if at < pos {
                return;
            }
            pos = at;
            while next_phrase < phrases.len() && phrases[next_phrase].end <= pos {
                next_phrase += 1;
            }
            if let Some(p) = phrases.get(next_phrase) {
                if p.start <= pos {
                    pos = p.end;
                    floor = p.end;
                    return;
                }
            }
            let limit = phrases.get(next_phrase).map_or(text.len(), |p| p.start);
            if let Some(mut m) = mention_at(text, floor, pos, limit) {
                floor = m.end;
                pos = m.end;
                char_count += bytecount::num_chars(&text.as_bytes()[char_byte..m.start]);
                char_byte = m.start;
                m.char_start = char_count;
                m.char_end = char_count + bytecount::num_chars(m.text.as_bytes());
                out.push(m);
            }
        });
        out
    }
}

fn is_start(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, '十' | '拾' | 'x' | 'X')
}

/// Finds the characters a mention can start with; built once per process.
fn start_scanner() -> &'static CharScanner {
    static SCANNER: std::sync::OnceLock<CharScanner> = std::sync::OnceLock::new();
    SCANNER.get_or_init(|| {
        // Every start character is in the BMP (digits, 一…九, 十, x).
        let chars: Vec<char> = (0u32..0x10000)
            .filter_map(char::from_u32)
            .filter(|&c| is_start(c))
            .collect();
        CharScanner::new(chars)
    })
}

/// The number at `at`: (value, end, arabic?).
fn core_number(text: &str, at: usize, limit: usize) -> Option<(Decimal, usize, bool)> {
    let rest = &text[at..limit];
    let first = rest.chars().next()?;
    let arabic = first.is_ascii_digit() || ('０'..='９').contains(&first);
    let mut end = at;
    if arabic {
        let mut chars = rest.char_indices().peekable();
        let mut last_digit_end = 0;
        while let Some((i, c)) = chars.next() {
            let is_digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
            if is_digit {
                last_digit_end = i + c.len_utf8();
            } else if matches!(c, ',' | '.' | '．') {
                // A separator counts only between digits (3,000; 1.5).
                match chars.peek() {
                    Some(&(_, n)) if n.is_ascii_digit() || ('０'..='９').contains(&n) => {}
                    _ => break,
                }
            } else {
                break;
            }
        }
        end = at + last_digit_end;
        // Magnitudes after digits: 万, 亿, 万亿, 千万 … but not 千米/千克/千瓦.
        let mut mags = 0;
        while mags < 2 {
            let tail = &text[end..limit];
            let Some(c) = tail.chars().next() else { break };
            let after = tail[c.len_utf8()..].chars().next();
            let ok = match c {
                '万' | '亿' => true,
                '千' | '百' | '十' => {
                    !matches!(after, Some('米' | '克' | '瓦' | '分'))
                        && after.is_some_and(|a| matches!(a, '万' | '亿'))
                }
                _ => false,
            };
            if !ok {
                break;
            }
            end += c.len_utf8();
            mags += 1;
        }
    } else {
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let numeral =
                digit_value(c).is_some() && !c.is_ascii_digit() || unit_value(c).is_some();
            let point = c == '点' && chars.peek().is_some_and(|&(_, n)| digit_value(n).is_some());
            if numeral || point {
                end = at + i + c.len_utf8();
            } else {
                break;
            }
        }
    }
    if end == at {
        return None;
    }
    let value = parse_chinese_number(&text[at..end]).ok()?;
    Some((value, end, arabic))
}

fn ends_with_any<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| s.ends_with(w))
}

fn starts_with_any<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| s.starts_with(w))
}

/// A word list indexed by first char, for the lists looked up at every char
/// of a subject: [`starts_with_any`] in one hash look-up (a linear scan of
/// these lists was the largest cost of extraction after the phrase pass).
struct WordIndex(HashMap<char, Vec<&'static str>>);

impl WordIndex {
    fn new(words: &[&'static str]) -> WordIndex {
        let mut m: HashMap<char, Vec<&'static str>> = HashMap::default();
        for &w in words {
            if let Some(c) = w.chars().next() {
                m.entry(c).or_default().push(w);
            }
        }
        WordIndex(m)
    }

    /// What `starts_with_any(s, words)` gives: the first word, in list
    /// order, that `s` starts with.
    #[inline]
    fn first_prefix(&self, s: &str) -> Option<&'static str> {
        let c = s.chars().next()?;
        self.0.get(&c)?.iter().copied().find(|w| s.starts_with(w))
    }
}

/// [`NOT_A_NOUN_START`], [`NOUN_END`] and [`VERBS`], indexed.
fn subject_words() -> &'static [WordIndex; 3] {
    static INDEX: OnceLock<[WordIndex; 3]> = OnceLock::new();
    INDEX.get_or_init(|| {
        [
            WordIndex::new(NOT_A_NOUN_START),
            WordIndex::new(NOUN_END),
            WordIndex::new(VERBS),
        ]
    })
}

/// Skips ignorable chars (white space inside a mention) from `at`.
fn skip_ws(text: &str, at: usize, limit: usize) -> usize {
    at + text[at..limit]
        .chars()
        .take_while(|c| crate::fold::is_ignorable(*c))
        .map(char::len_utf8)
        .sum::<usize>()
}

/// Is the numeral run `at..end` inside one of the [`SET_WORDS`]? Set words
/// are indexed by each of their chars (with its offset), so only the words
/// holding the run's first char are tried.
fn in_set_word(text: &str, at: usize, end: usize) -> bool {
    static INDEX: OnceLock<HashMap<char, Vec<(&'static str, usize)>>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m: HashMap<char, Vec<(&'static str, usize)>> = HashMap::default();
        for w in SET_WORDS {
            for (off, c) in w.char_indices() {
                m.entry(c).or_default().push((w, off));
            }
        }
        m
    });
    let Some(first) = text[at..].chars().next() else {
        return false;
    };
    index.get(&first).is_some_and(|words| {
        words.iter().any(|&(w, off)| {
            at >= off
                && text.is_char_boundary(at - off)
                && text[at - off..].starts_with(w)
                && at - off + w.len() >= end
        })
    })
}

/// The longest unit at the start of `s`. Units are indexed by their first
/// char: a candidate number costs one hash look-up, not a scan of the list.
fn unit_at(s: &str) -> Option<&'static str> {
    static INDEX: OnceLock<HashMap<char, Vec<&'static str>>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m: HashMap<char, Vec<&'static str>> = HashMap::default();
        for u in UNITS {
            if let Some(c) = u.chars().next() {
                m.entry(c).or_default().push(u);
            }
        }
        for v in m.values_mut() {
            v.sort_by_key(|u| std::cmp::Reverse(u.len()));
            v.dedup();
        }
        m
    });
    let c = s.chars().next()?;
    index.get(&c)?.iter().copied().find(|u| s.starts_with(u))
}

/// The mention starting at `at` (a prefix may start earlier, but never
/// before `floor`, the end of the previous mention), ending by `limit`.
fn mention_at(text: &str, floor: usize, at: usize, limit: usize) -> Option<NumberMention> {
    let before = &text[floor..at];
    let prev = text[..at].chars().next_back();
    // Placeholders: x次, xx区, x余件.
    let first = text[at..].chars().next()?;
    if first == 'x' || first == 'X' {
        if prev.is_some_and(|p| p.is_ascii_alphanumeric()) {
            return None;
        }
        let n = text[at..limit]
            .chars()
            .take_while(|c| *c == 'x' || *c == 'X')
            .count();
        if n > 3 {
            return None;
        }
        let mut end = at + n;
        let mut approx = starts_with_any(&text[end..limit], &["余", "多"]);
        if let Some(a) = approx {
            end += a.len();
        }
        let ordinal = before.ends_with('第');
        let start = if ordinal { at - '第'.len_utf8() } else { at };
        let Some((magnitude, unit)) = unit_with_magnitude(&text[end..limit]) else {
            // x以上, x左右: a template number without a unit.
            let a = starts_with_any(&text[end..limit], &["以上", "左右"])?;
            let mut m = mention(text, start, end + a.len(), NumberKind::Cardinal);
            m.approx = Some(approx.unwrap_or(a).to_string());
            m.placeholder = true;
            return Some(m);
        };
        end += magnitude.len();
        if text[end + unit.len()..limit]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        {
            return None;
        }
        end += unit.len();
        if approx.is_none() {
            approx = starts_with_any(&text[end..limit], &["以上", "左右"]);
            end += approx.map_or(0, str::len);
        }
        let kind = if ordinal || unit == "届" {
            NumberKind::Ordinal
        } else if MONEY_UNITS.contains(&unit) {
            NumberKind::Money
        } else {
            NumberKind::Cardinal
        };
        let mut m = mention(text, start, end, kind);
        m.unit = Some(unit.to_string());
        m.approx = approx.map(String::from);
        m.placeholder = true;
        if kind == NumberKind::Cardinal && !TIME_UNITS.contains(&unit) {
            m.subject = subject(text, start, end, unit);
        }
        return Some(m);
    }
    // Never start inside a run of digits (G20 is not 0; 三十五 is not 十五).
    if prev.is_some_and(|p| {
        p.is_ascii_digit()
            || ('０'..='９').contains(&p)
            || digit_value(p).is_some()
            || unit_value(p).is_some()
            || p == '点'
    }) {
        return None;
    }
    let (value, num_end, arabic) = core_number(text, at, limit)?;
    if arabic {
        if prev.is_some_and(|p| p.is_ascii_alphabetic()) {
            return None;
        }
        if text[num_end..limit]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() && c != 'x')
        {
            return None;
        }
    }
    // Clock times (15:24) are not among the kinds of SPEC §2.
    if arabic {
        let after = &text[num_end..limit];
        let colon = |c: char| c == ':' || c == '：';
        let clock_after = after.starts_with(colon)
            && after[after.chars().next().map_or(1, char::len_utf8)..]
                .starts_with(|c: char| c.is_ascii_digit());
        let clock_before = prev.is_some_and(colon)
            && text[..at]
                .trim_end_matches(colon)
                .ends_with(|c: char| c.is_ascii_digit());
        if clock_after || clock_before {
            return None;
        }
    }
    // Dates and years.
    if let Some(m) = date_or_year(text, before, at, num_end, limit, value, arabic) {
        return Some(m);
    }
    // Prefixes.
    let percent_prefix = !arabic && before.ends_with("百分之");
    let ordinal_prefix = before.ends_with('第');
    let approx_prefix = if percent_prefix || ordinal_prefix {
        None
    } else {
        ends_with_any(before, APPROX_BEFORE)
    };
    let start = if percent_prefix {
        at - "百分之".len()
    } else if ordinal_prefix {
        at - '第'.len_utf8()
    } else if let Some(a) = approx_prefix {
        at - a.len()
    } else {
        at
    };
    let mut end = num_end;
    // Ranges: 1-6月, 3至5年.
    let mut value_high = None;
    let after = skip_ws(text, end, limit);
    if let Some(mark) = text[after..limit]
        .chars()
        .next()
        .filter(|c| RANGE_MARKS.contains(c))
    {
        let mut second = after + mark.len_utf8();
        if mark == '—' && text[second..limit].starts_with('—') {
            second += '—'.len_utf8();
        }
        if let Some((high, high_end, high_arabic)) = core_number(text, second, limit) {
            if high_arabic == arabic && high > value {
                value_high = Some(high);
                end = high_end;
            }
        }
    }
    let mut approx: Option<&str> = approx_prefix;
    let mut cursor = skip_ws(text, end, limit);
    if approx.is_none() {
        if let Some(a) = starts_with_any(&text[cursor..limit], &["余", "多"]) {
            // 多 only as an approximation when a unit follows (50多人), not 多个.
            let after_a = &text[cursor + a.len()..limit];
            if unit_at(after_a).is_some() && !after_a.starts_with('个') || a == "余" {
                approx = Some(a);
                cursor += a.len();
            }
        }
    }
    let mut kind = NumberKind::Cardinal;
    let mut unit: Option<String> = None;
    let rest = &text[cursor..limit];
    // Looked up once: the unit below, and the magnitude of the value.
    let with_unit = unit_with_magnitude(rest);
    if percent_prefix {
        kind = NumberKind::Percent;
        unit = Some("%".into());
    } else if rest.starts_with('%') || rest.starts_with('％') {
        kind = NumberKind::Percent;
        unit = Some("%".into());
        cursor += rest.chars().next().map_or(0, char::len_utf8);
    } else if let Some(m) = ordinal_suffix(rest) {
        kind = NumberKind::Ordinal;
        unit = Some(if m.starts_with('中') {
            "中全会".to_string()
        } else {
            m.to_string()
        });
        cursor += m.len();
    } else if let Some((magnitude, u)) = with_unit {
        unit = Some(u.to_string());
        cursor += rest.len() - rest[magnitude.len()..].len() + u.len();
        if u.contains("百分点") {
            kind = NumberKind::Percent;
        } else if MONEY_UNITS.contains(&u) {
            kind = NumberKind::Money;
        } else if u == "届" {
            kind = NumberKind::Ordinal;
        }
    }
    let value = match with_unit {
        Some((mag, _)) if !mag.is_empty() && kind != NumberKind::Percent => {
            // Beyond Decimal's range (about 7.9 × 10^28) no report figure
            // lies: such a span is not a mention (found by fuzzing: a panic).
            // The magnitude words (万, 亿, 万亿, 千万 …) multiply: at most 10^12.
            value.checked_mul(Decimal::from(
                mag.chars().filter_map(unit_value).product::<u64>(),
            ))?
        }
        _ => value,
    };
    if ordinal_prefix {
        kind = NumberKind::Ordinal;
    }
    if value_high.is_some() {
        kind = NumberKind::Range;
    }
    // Chinese numerals need a unit, a prefix or a form to be a quantity.
    if !arabic {
        let formed = percent_prefix || ordinal_prefix || unit.is_some() || value_high.is_some();
        if !formed || in_set_word(text, at, num_end) {
            return None;
        }
        // 一 as a determiner (这一年, 特殊意义的一年) is no quantity.
        if &text[at..num_end] == "一"
            && prev.is_some_and(|p| "这那哪每的同某另任其是为".contains(p))
        {
            return None;
        }
        // 第八个五年, 第十四个五年规划: the plan's name, not a span.
        if &text[at..num_end] == "五" && unit.as_deref() == Some("年") && prev == Some('个') {
            return None;
        }
        // 一年 is a span of time only with 来/内/以来/多 after it or 过去/近/用
        // before it (一年来, 过去一年); else it names a year (重要一年, 上一年度).
        if &text[at..num_end] == "一"
            && matches!(unit.as_deref(), Some("年" | "天" | "月" | "周"))
            && starts_with_any(
                &text[cursor..limit],
                &["来", "内", "以来", "多", "后", "间", "时间"],
            )
            .is_none()
            && ends_with_any(before, &["过去", "近", "用", "历时", "经过", "不到", "第"]).is_none()
        {
            return None;
        }
        // 人大一次会议, 十九届二次全会: the session's ordinal.
        if unit.as_deref() == Some("次")
            && before.ends_with(['大', '届', '协'])
            && starts_with_any(&text[cursor..limit], &["会议", "全会", "全体会议"]).is_some()
        {
            kind = NumberKind::Ordinal;
        }
    }
    if approx.is_none() {
        if let Some(a) = starts_with_any(&text[cursor..limit], APPROX_AFTER) {
            if unit.is_some()
                && (a != "多" || !text[cursor + a.len()..limit].starts_with(['个', '项', '种']))
            {
                approx = Some(a);
                cursor += a.len();
            }
        }
    }
    // 1-6月份, 3个月份: 份 belongs to the unit's word.
    if matches!(unit.as_deref(), Some("月" | "个月")) && text[cursor..limit].starts_with('份') {
        cursor += '份'.len_utf8();
    }
    // A count or ordinal inside a short quoted formula (“两件大事”, “1+9”,
    // “四个要看、四个更要看”) is part of a name.
    if matches!(kind, NumberKind::Cardinal | NumberKind::Ordinal)
        && in_short_quote(text, start, cursor)
    {
        return None;
    }
    let mut m = mention(text, start, cursor, kind);
    m.value = Some(NumberValue::Number(value.normalize()));
    m.value_high = value_high.map(|h| NumberValue::Number(h.normalize()));
    m.approx = approx.map(String::from);
    if kind == NumberKind::Cardinal {
        if let Some(u) = unit.as_deref() {
            if !TIME_UNITS.contains(&u) {
                m.subject = subject(text, start, cursor, u);
            }
        }
    }
    m.unit = unit;
    Some(m)
}

/// Is `at..end` inside a short quotation (“…”, at most 16 chars)?
fn in_short_quote(text: &str, at: usize, end: usize) -> bool {
    // Look no further than a short quote can reach (17 chars of at most 4
    // bytes): the cost per candidate stays constant. The marks are found by
    // their last bytes (`memchr`), which is most of the cost of a candidate
    // otherwise.
    const REACH: usize = 17 * 4;
    let bytes = text.as_bytes();
    // (A mark cut by either bound would close a quote longer than 17
    // chars anyway.)
    let lo = at.saturating_sub(REACH);
    let hi = (end + REACH).min(text.len());
    // The nearest opening mark wholly in lo..at, the nearest closing one
    // wholly in end..hi (by the index of their last bytes).
    let open = memchr::memrchr2_iter(0x9C, 0x8C, &bytes[lo..at])
        .filter(|&k| k >= 2)
        .map(|k| lo + k)
        .find(|&j| quote_mark(bytes, j) == Some(true));
    let close = memchr::memchr2_iter(0x9D, 0x8D, &bytes[end..hi])
        .filter(|&k| k >= 2)
        .map(|k| end + k)
        .find(|&j| quote_mark(bytes, j) == Some(false));
    match (open, close) {
        (Some(o), Some(c)) => {
            // The quote: from the opening mark's first byte to the closing
            // mark's; no other mark inside it.
            let (o, c) = (o - 2, c - 2);
            !(o + 5..c).any(|j| quote_mark(bytes, j).is_some())
                && bytecount::num_chars(&bytes[o..c]) <= 17
        }
        _ => false,
    }
}

/// Is a quotation mark's last byte at `j`: `Some(true)` for “ or 「,
/// `Some(false)` for ” or 」 (each three bytes; a lead byte E2/E3 is never
/// inside another character, so the three bytes are that mark).
#[inline]
fn quote_mark(bytes: &[u8], j: usize) -> Option<bool> {
    match bytes.get(j.checked_sub(2)?..=j)? {
        [0xE2, 0x80, 0x9C] | [0xE3, 0x80, 0x8C] => Some(true),
        [0xE2, 0x80, 0x9D] | [0xE3, 0x80, 0x8D] => Some(false),
        _ => None,
    }
}

/// 届, 大 (二十大, in a congress context), 中全会 / 中 (二中、三中全会).
fn ordinal_suffix(rest: &str) -> Option<&'static str> {
    if rest.starts_with("中全会") {
        return Some("中全会");
    }
    if rest.starts_with("中、") || rest.starts_with("中，") {
        return Some("中");
    }
    if rest.starts_with("届") {
        return Some("届");
    }
    if let Some(after) = rest.strip_prefix('大') {
        const CONGRESS_CONTEXT: &[&str] = &[
            "精神", "报告", "以来", "代表", "召开", "胜利", "上", "的", "和", "、", "，", "。",
            "”", "）", ")", "提出", "作出", "明确", "强调", "部署", "确定", "关于", "党章", "闭幕",
            "开幕", "重要", "擘画", "描绘", "前", "后", ",", ".", ";", ":", "\"",
        ];
        if after.is_empty() || CONGRESS_CONTEXT.iter().any(|w| after.starts_with(w)) {
            return Some("大");
        }
    }
    None
}

/// (magnitude, unit) at the start of `rest`: 万元 → ("万", "元"), 次 → ("", "次").
fn unit_with_magnitude(rest: &str) -> Option<(&str, &'static str)> {
    for mag in ["万亿", "千万", "百万", "十万", "亿", "万", ""] {
        if let Some(after) = rest.strip_prefix(mag) {
            if let Some(u) = unit_at(after) {
                if u == "大" {
                    continue;
                }
                return Some((&rest[..mag.len()], u));
            }
        }
    }
    None
}

fn mention(text: &str, start: usize, end: usize, kind: NumberKind) -> NumberMention {
    NumberMention {
        text: text[start..end].to_string(),
        start,
        end,
        char_start: 0,
        char_end: 0,
        kind,
        value: None,
        value_high: None,
        unit: None,
        approx: None,
        placeholder: false,
        subject: None,
    }
}

fn small(d: Decimal, max: u32) -> Option<u32> {
    u32::try_from(d)
        .ok()
        .filter(|v| (1..=max).contains(v) && d.fract().is_zero())
}

/// 2023年1月13日, 2023年2月, 2023年, 2月11日, 3月, 2023-01-13, (20230219),
/// 2021-2035年 (a range of years).
fn date_or_year(
    text: &str,
    before: &str,
    at: usize,
    num_end: usize,
    limit: usize,
    value: Decimal,
    arabic: bool,
) -> Option<NumberMention> {
    let digits = &text[at..num_end];
    let n_digits = digits.chars().count();
    let year_like = n_digits == 4
        && (digits.chars().all(|c| c.is_ascii_digit()) || !arabic)
        && (1900..=2100).contains(&u32::try_from(value).unwrap_or(0));
    let rest = &text[num_end..limit];
    // (20230219)
    if arabic
        && n_digits == 8
        && (before.ends_with('(') || before.ends_with('（'))
        && (rest.starts_with(')') || rest.starts_with('）'))
    {
        // Full-width stamps too: read the digits as ASCII before slicing.
        let ascii: String = digits
            .chars()
            .filter_map(|c| {
                c.to_digit(10)
                    .or_else(|| digit_value(c).filter(|_| !c.is_alphabetic()))
            })
            .filter_map(|d| char::from_digit(d, 10))
            .collect();
        if ascii.len() != 8 {
            return None;
        }
        let (y, m, d) = (&ascii[..4], &ascii[4..6], &ascii[6..8]);
        if let (Ok(m), Ok(d)) = (m.parse::<u32>(), d.parse::<u32>()) {
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                let mut out = mention(text, at, num_end, NumberKind::Date);
                out.value = Some(NumberValue::Date(format!("{y}-{m:02}-{d:02}")));
                return Some(out);
            }
        }
    }
    // 2023-01-13, 2023/1/13, 2023.01.13
    if year_like && arabic {
        if let Some(sep) = rest.chars().next().filter(|c| matches!(c, '-' | '/' | '.')) {
            let parts: Vec<&str> = rest[1..].splitn(3, sep).collect();
            if parts.len() >= 2 {
                let m: String = parts[0].chars().take_while(char::is_ascii_digit).collect();
                let d: String = parts[1].chars().take_while(char::is_ascii_digit).collect();
                if !m.is_empty()
                    && m.len() <= 2
                    && m.len() == parts[0].len()
                    && !d.is_empty()
                    && d.len() <= 2
                {
                    if let (Ok(mv), Ok(dv)) = (m.parse::<u32>(), d.parse::<u32>()) {
                        if (1..=12).contains(&mv) && (1..=31).contains(&dv) {
                            let end = num_end + 1 + m.len() + 1 + d.len();
                            let mut out = mention(text, at, end, NumberKind::Date);
                            out.value =
                                Some(NumberValue::Date(format!("{digits}-{mv:02}-{dv:02}")));
                            return Some(out);
                        }
                    }
                }
            }
        }
    }
    let after_year = skip_ws(text, num_end, limit);
    if year_like && text[after_year..limit].starts_with('年') {
        let year_end = after_year + '年'.len_utf8();
        let y = u32::try_from(value).ok()?;
        // 2023年1月13日 / 2023年2月
        let mpos = skip_ws(text, year_end, limit);
        if let Some((mv, mend, _)) = core_number(text, mpos, limit) {
            if let Some(month) = small(mv, 12) {
                if text[mend..limit].starts_with('月') {
                    let month_end = mend + '月'.len_utf8();
                    let dpos = skip_ws(text, month_end, limit);
                    if let Some((dv, dend, _)) = core_number(text, dpos, limit) {
                        if let Some(day) = small(dv, 31) {
                            if let Some(suffix) = starts_with_any(&text[dend..limit], &["日", "号"])
                            {
                                let mut out =
                                    mention(text, at, dend + suffix.len(), NumberKind::Date);
                                out.value =
                                    Some(NumberValue::Date(format!("{y}-{month:02}-{day:02}")));
                                return Some(out);
                            }
                        }
                    }
                    let mut out = mention(text, at, month_end, NumberKind::Date);
                    out.value = Some(NumberValue::Date(format!("{y}-{month:02}")));
                    return Some(out);
                }
            }
        }
        let end = if text[year_end..limit].starts_with('度') {
            year_end + '度'.len_utf8()
        } else {
            year_end
        };
        let mut out = mention(text, at, end, NumberKind::Year);
        out.value = Some(NumberValue::Number(value));
        return Some(out);
    }
    // 2021-2035年 / 2021—2035年
    if year_like {
        let mark = rest.chars().next().filter(|c| RANGE_MARKS.contains(c))?;
        let mut second = num_end + mark.len_utf8();
        if mark == '—' && text[second..limit].starts_with('—') {
            second += '—'.len_utf8();
        }
        let (high, high_end, _) = core_number(text, second, limit)?;
        if text[high_end..limit].starts_with('年')
            && high > value
            && (1900..=2100).contains(&u32::try_from(high).unwrap_or(0))
        {
            let mut out = mention(text, at, high_end + '年'.len_utf8(), NumberKind::Range);
            out.value = Some(NumberValue::Number(value));
            out.value_high = Some(NumberValue::Number(high));
            out.unit = Some("年".into());
            return Some(out);
        }
        return None;
    }
    // 2月11日, 3月 (no year: --MM-DD / --MM)
    let month = small(value, 12)?;
    let mpos = skip_ws(text, num_end, limit);
    if !text[mpos..limit].starts_with('月') || text[..at].ends_with('个') {
        return None;
    }
    let month_end = mpos + '月'.len_utf8();
    let dpos = skip_ws(text, month_end, limit);
    if let Some((dv, dend, _)) = core_number(text, dpos, limit) {
        if let Some(day) = small(dv, 31) {
            if let Some(suffix) = starts_with_any(&text[dend..limit], &["日", "号"]) {
                let mut out = mention(text, at, dend + suffix.len(), NumberKind::Date);
                out.value = Some(NumberValue::Date(format!("--{month:02}-{day:02}")));
                return Some(out);
            }
        }
        // 1-6月 style ranges are read by the caller.
        return None;
    }
    let end = if text[month_end..limit].starts_with('份') {
        month_end + '份'.len_utf8()
    } else {
        month_end
    };
    if before.ends_with(['第', '近', '约'])
        || !arabic && before.ends_with(|c: char| digit_value(c).is_some())
    {
        return None;
    }
    let mut out = mention(text, at, end, NumberKind::Date);
    out.value = Some(NumberValue::Date(format!("--{month:02}")));
    Some(out)
}

/// What a counted number counts: the noun after the unit, or the words
/// before the number in its clause after the last verb.
fn subject(text: &str, start: usize, end: usize, unit: &str) -> Option<String> {
    // After the unit: 到23个镇街 → 镇街.
    let after = without_ignorables(&text[end..], 12);
    let after: &str = &after;
    let stops_here = after.is_empty() || after.starts_with(CLAUSE_END);
    let [not_a_noun_start, noun_end, verbs] = subject_words();
    if !stops_here && not_a_noun_start.first_prefix(after).is_none() {
        // The noun is after[..len], of `n` chars.
        let (mut len, mut n) = (0usize, 0usize);
        for c in after.chars() {
            if CLAUSE_END.contains(&c) || !is_han(c) {
                break;
            }
            len += c.len_utf8();
            n += 1;
            if n >= 2
                && (noun_end.first_prefix(&after[len..]).is_some()
                    || verbs.first_prefix(&after[len..]).is_some())
            {
                break;
            }
        }
        if (1..=8).contains(&n) && unit != "大" {
            return Some(after[..len].to_string());
        }
    }
    // Before the number, in the same clause.
    // A subject is at most 12 chars, so the clause is looked for within the
    // last 64 chars (bounded cost on text without punctuation).
    let lo = (start.saturating_sub(64 * 4)..=start)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(start);
    let clause_start = text[lo..start].rfind(CLAUSE_END).map_or(lo, |i| {
        lo + i + text[lo + i..].chars().next().map_or(1, char::len_utf8)
    });
    let clause = without_ignorables(&text[clause_start..start], usize::MAX);
    let mut s: &str = &clause;
    while let Some(w) = ends_with_any(s, BEFORE_NUMBER) {
        s = &s[..s.len() - w.len()];
    }
    // The last verb that leaves something after it (组织执法检查5项: 检查
    // ends the clause, so the cut is after 组织).
    let (any_verb, cut) = last_verb_cut(s);
    if any_verb && cut.is_none() {
        // Only a verb before the number (举办60余场): nothing names the count.
        return None;
    }
    if let Some(i) = cut {
        s = &s[i..];
    }
    while let Some(w) = starts_with_any(s, SUBJECT_LEAD) {
        s = &s[w.len()..];
    }
    let n = s.chars().count();
    ((1..=12).contains(&n) && s.chars().all(is_han)).then(|| s.to_string())
}

/// The first `max` chars of `s` that are not ignorable: borrowed when none
/// is skipped (nearly always), so a subject costs no allocation but its own.
fn without_ignorables(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let mut len = 0;
    for c in s.chars().take(max) {
        if crate::fold::is_ignorable(c) {
            return s
                .chars()
                .filter(|c| !crate::fold::is_ignorable(*c))
                .take(max)
                .collect::<String>()
                .into();
        }
        len += c.len_utf8();
    }
    s[..len].into()
}

/// Does a verb of [`VERBS`] occur in `s`, and where is the last cut after
/// a verb that leaves something after it (the largest verb end below
/// `s.len()`)?
fn last_verb_cut(s: &str) -> (bool, Option<usize>) {
    let (mut any, mut cut) = (false, None);
    for end in verb_ends(s) {
        any = true;
        if end < s.len() {
            cut = cut.max(Some(end));
        }
    }
    (any, cut)
}

/// Byte offsets in `s` right after each occurrence of a verb of [`VERBS`]
/// (verbs indexed by first char: one look-up per char of the clause).
fn verb_ends(s: &str) -> impl Iterator<Item = usize> + '_ {
    static INDEX: OnceLock<HashMap<char, Vec<&'static str>>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m: HashMap<char, Vec<&'static str>> = HashMap::default();
        for v in VERBS {
            if let Some(c) = v.chars().next() {
                m.entry(c).or_default().push(v);
            }
        }
        m
    });
    s.char_indices().flat_map(move |(i, c)| {
        index
            .get(&c)
            .into_iter()
            .flatten()
            .filter(move |v| s[i..].starts_with(**v))
            .map(move |v| i + v.len())
    })
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain form of [`in_short_quote`]: `str` searches for the marks
    /// between char boundaries.
    fn in_short_quote_plain(text: &str, at: usize, end: usize) -> bool {
        const REACH: usize = 17 * 4;
        let lo = (at.saturating_sub(REACH)..=at)
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(at);
        let hi = ((end + REACH).min(text.len())..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        let open = text[lo..at].rfind(['“', '「']).map(|i| lo + i);
        let close = text[end..hi].find(['”', '」']).map(|i| end + i);
        match (open, close) {
            (Some(o), Some(c)) => {
                let inside = &text[o..c];
                !inside[3..].contains(['“', '「', '”', '」']) && inside.chars().count() <= 17
            }
            _ => false,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn short_quotes_are_found_as_by_str_searches(
            text in "[“”「」两件大事1+9a\u{201C}\u{300C}\u{3000}\u{2F81F}、]{0,60}",
            a in 0usize..200,
            len in 0usize..20,
        ) {
            let at = (a % (text.len() + 1)..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            let end = ((at + len).min(text.len())..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(text.len());
            proptest::prop_assert_eq!(
                in_short_quote(&text, at, end),
                in_short_quote_plain(&text, at, end),
                "{:?} {}..{}", text, at, end
            );
        }
    }

    #[test]
    fn short_quotes() {
        let t = "推进“两件大事”落实";
        let at = t.find('两').unwrap_or(0);
        assert!(in_short_quote(t, at, at + 6));
        let long = format!("“{}两件”", "很".repeat(16));
        let at = long.find('两').unwrap_or(0);
        assert!(!in_short_quote(&long, at, at + 3));
        let nested = "“一「两件」事”";
        let at = nested.find('两').unwrap_or(0);
        assert!(in_short_quote(nested, at, at + 3));
        assert!(!in_short_quote("“一”两件“事”", 9, 12));
        // A mark right after the opening one.
        assert!(!in_short_quote("“”两件”", 6, 12));
    }

    #[test]
    fn indexed_word_lists_answer_like_the_plain_scan() {
        let lists = [NOT_A_NOUN_START, NOUN_END, VERBS];
        for (list, index) in lists.iter().zip(subject_words()) {
            let mut probes: Vec<String> = vec![String::new(), "x".into(), "国家".into()];
            for w in lists.iter().flat_map(|l| l.iter()) {
                probes.push(w.to_string());
                probes.push(format!("{w}工作"));
                probes.extend(w.chars().next().map(|c| c.to_string()));
            }
            for p in &probes {
                assert_eq!(index.first_prefix(p), starts_with_any(p, list), "{p:?}");
            }
        }
    }

    #[test]
    fn the_start_scan_finds_exactly_the_start_characters() {
        // extract() only looks where start_scanner() reports: a start char
        // it missed would lose every mention that begins with it.
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            let text = format!("的{c}的");
            let mut found = Vec::new();
            start_scanner().scan(&text, |at, _| found.push(at));
            let expected = if is_start(c) { vec![3] } else { vec![] };
            assert_eq!(found, expected, "{c:?}");
        }
    }

    fn ex() -> NumberExtractor {
        NumberExtractor::new(&Lexicon::builtin()).unwrap()
    }

    /// (text, kind, value, value_high, unit, approx, placeholder, subject) as strings.
    fn one(text: &str) -> Vec<String> {
        ex().extract(text)
            .iter()
            .map(|m| {
                format!(
                    "{}|{}|{}|{}|{}|{}|{}|{}",
                    m.text,
                    m.kind.as_str(),
                    m.value.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                    m.value_high
                        .as_ref()
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                    m.unit.clone().unwrap_or_default(),
                    m.approx.clone().unwrap_or_default(),
                    if m.placeholder { "x" } else { "" },
                    m.subject.clone().unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn spec_examples() {
        let cases: &[(&str, &[&str])] = &[
            ("召开常委会会议7次", &["7次|cardinal|7||次|||常委会会议"]),
            (
                "听取审议专项工作报告18项",
                &["18项|cardinal|18||项|||专项工作报告"],
            ),
            (
                "全年受理群众来信来访11件",
                &["11件|cardinal|11||件|||群众来信来访"],
            ),
            (
                "依法任免国家机关工作人员50人次",
                &["50人次|cardinal|50||人次|||国家机关工作人员"],
            ),
            ("到23个镇街", &["23个|cardinal|23||个|||镇街"]),
            ("总投资1.2万亿元", &["1.2万亿元|money|1200000000000||元|||"]),
            ("增长5.5%", &["5.5%|percent|5.5||%|||"]),
            ("2021-2035年", &["2021-2035年|range|2021|2035|年|||"]),
            ("1-6月", &["1-6月|range|1|6|月|||"]),
            ("1—6月", &["1—6月|range|1|6|月|||"]),
            ("3至5年", &["3至5年|range|3|5|年|||"]),
            (
                "第十八届人民代表大会第三次会议",
                &["第十八届|ordinal|18||届|||", "第三次|ordinal|3||次|||"],
            ),
            ("举办60余场", &["60余场|cardinal|60||场|余||"]),
            ("3.5万", &["3.5万|cardinal|35000|||||"]),
            ("百分之三十", &["百分之三十|percent|30||%|||"]),
            ("百分之一点五七", &["百分之一点五七|percent|1.57||%|||"]),
            ("党的二十大精神", &["二十大|ordinal|20||大|||"]),
            (
                "十九届四中全会",
                &["十九届|ordinal|19||届|||", "四中全会|ordinal|4||中全会|||"],
            ),
            ("召开会议x次", &["x次|cardinal|||次||x|会议"]),
            ("办理建议x余件", &["x余件|cardinal|||件|余|x|建议"]),
            ("xx区", &["xx区|cardinal|||区||x|"]),
            ("2023年1月13日", &["2023年1月13日|date|2023-01-13|||||"]),
            ("2023年2月", &["2023年2月|date|2023-02|||||"]),
            ("去年2月11日", &["2月11日|date|--02-11|||||"]),
            ("(20230219)", &["20230219|date|2023-02-19|||||"]),
            ("2022年是", &["2022年|year|2022|||||"]),
            ("3,000人", &["3,000人|cardinal|3000||人|||"]),
            ("一七二零年", &["一七二零年|cardinal|1720||年|||"]),
            ("近5年", &["近5年|cardinal|5||年|近||"]),
            ("15万吨", &["15万吨|cardinal|150000||吨|||"]),
        ];
        for (text, want) in cases {
            assert_eq!(one(text), *want, "{text}");
        }
    }

    #[test]
    fn set_phrases_are_not_mentions() {
        for text in [
            "一系列",
            "一些",
            "统一",
            "一体化",
            "唯一",
            "万一",
            "一起",
            "一流",
            "一线",
            "进一步",
            "第一议题",
            "一府一委两院",
            "一府两院",
            "两院",
            "两个确立",
            "两个维护",
            "四个意识",
            "四个自信",
            "四个全面",
            "五位一体",
            "十四五",
            "双减",
            "三农",
            "一带一路",
            "一是坚持",
            "千万不要",
            "G20峰会",
            "5G网络",
        ] {
            assert_eq!(one(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn values_are_exact() {
        let m = &ex().extract("百分之一点五七")[0];
        assert_eq!(serde_json::to_string(&m.value).unwrap(), "1.57");
        let m = &ex().extract("共7次")[0];
        assert_eq!(serde_json::to_string(&m.value).unwrap(), "7");
        let m = &ex().extract("1.2万亿元")[0];
        assert_eq!(serde_json::to_string(&m.value).unwrap(), "1200000000000");
    }

    #[test]
    fn spans_and_breaks() {
        let text = "到23个镇街、11\n个区级部门";
        let found = ex().extract(text);
        assert_eq!(found[1].text, "11\n个");
        assert_eq!(&text[found[1].start..found[1].end], "11\n个");
        assert_eq!(found[1].subject.as_deref(), Some("区级部门"));
        let chars: Vec<char> = text.chars().collect();
        for m in &found {
            assert_eq!(
                chars[m.char_start..m.char_end].iter().collect::<String>(),
                m.text
            );
        }
    }
}

/// The work-statistics view (`tifa numbers --subjects`): per subject and
/// unit, the summed value of a document's counted cardinals.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SubjectTotal {
    /// What is counted (常委会会议).
    pub subject: String,
    /// The unit (次).
    pub unit: String,
    /// The sum of the values.
    pub value: NumberValue,
    /// How many mentions were summed.
    pub mentions: u64,
}

/// Sums the cardinals that have a subject, unit and value, per (subject,
/// unit), in order of first appearance. Placeholders have no value and are
/// left out.
///
/// ```
/// use tifa_core::{numbers_by_subject, Lexicon, NumberExtractor};
/// let ex = NumberExtractor::new(&Lexicon::builtin())?;
/// let totals = numbers_by_subject(&ex.extract("召开常委会会议7次。下半年召开常委会会议3次，听取报告x项。"));
/// assert_eq!(totals.len(), 1);
/// assert_eq!((totals[0].subject.as_str(), totals[0].unit.as_str(), totals[0].value.to_string(), totals[0].mentions), ("常委会会议", "次", "10".to_string(), 2));
/// # Ok::<(), tifa_core::Error>(())
/// ```
pub fn numbers_by_subject(mentions: &[NumberMention]) -> Vec<SubjectTotal> {
    let mut out: Vec<SubjectTotal> = Vec::new();
    for m in mentions {
        let (Some(subject), Some(unit), Some(NumberValue::Number(v))) =
            (&m.subject, &m.unit, &m.value)
        else {
            continue;
        };
        if m.kind != NumberKind::Cardinal {
            continue;
        }
        match out
            .iter_mut()
            .find(|t| &t.subject == subject && &t.unit == unit)
        {
            Some(t) => {
                if let NumberValue::Number(sum) = &mut t.value {
                    *sum = sum.checked_add(*v).unwrap_or(*sum);
                }
                t.mentions += 1;
            }
            None => out.push(SubjectTotal {
                subject: subject.clone(),
                unit: unit.clone(),
                value: NumberValue::Number(*v),
                mentions: 1,
            }),
        }
    }
    out
}
