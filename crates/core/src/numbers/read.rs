//! Reading the number itself: Arabic digits with their separators and
//! magnitudes, or a run of Chinese numerals, normalized as it is read
//! (see [`super::text`]).

use rust_decimal::Decimal;

use super::numeral::{digit_value, normalized, parse_chars, range_of_chars, unit_value};
use super::text::{char_at, char_before};

/// A number as read at one position.
#[derive(Debug, Clone)]
pub(crate) struct Number {
    /// The value (the low end of an adjacent-numeral range).
    pub value: Decimal,
    /// The high end of an adjacent-numeral range (十七八, 三四).
    pub high: Option<Decimal>,
    /// Where the number (with its magnitudes) ends.
    pub end: usize,
    /// Written in Arabic digits (with Chinese magnitudes at most).
    pub arabic: bool,
    /// Chinese: how many numeral chars.
    pub chars: usize,
    /// Chinese: units only (百, 千万, 十万): a bare magnitude.
    pub bare_magnitude: bool,
    /// Chinese: holds a magnitude of 百 or more (四百六十二亿, 三千).
    pub has_magnitude: bool,
    /// The product of the magnitudes that end the number (万 of 3.5万,
    /// 万 of 五万; 1 without): a range's low end takes its high end's
    /// (3至5万 is 30000 to 50000).
    pub magnitude: u64,
    /// An approximate marker between the digits and the magnitude
    /// (3600多亿), and its char length in the original.
    pub approx: Option<&'static str>,
    /// Digits beyond [`Decimal`]'s 28 significant digits, exactly, as
    /// plain decimal text (no value then).
    pub big: Option<String>,
}

/// True for a char that can start a number: digits (Arabic, full-width,
/// Chinese, financial, traditional), the units 十百千万亿 (bare magnitudes:
/// 百余人, 上万名), and 〇/○.
pub(crate) fn is_number_start(c: char) -> bool {
    digit_value(c).is_some() || unit_value(c).is_some() || c == '○'
}

/// Is the char before `at` a numeral (so that a number at `at` would
/// continue it)?
pub(crate) fn continues_a_numeral(text: &str, at: usize) -> bool {
    char_before(text, at).is_some_and(|(c, _)| digit_value(c).is_some() || unit_value(c).is_some())
}

fn is_ascii_digit_char(c: char) -> bool {
    c.is_ascii_digit()
}

/// Is the char at `at` (normalized) an ASCII digit?
fn digit_at(text: &str, at: usize, limit: usize) -> Option<usize> {
    char_at(text, at, limit)
        .filter(|(c, _)| c.is_ascii_digit())
        .map(|(_, len)| len)
}

/// White space that may stand between the single digits of a number
/// taken from a PDF (`2 4 3 8 亿`): spaces, not line breaks.
fn is_pdf_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{A0}')
}

/// Arabic digits from `at`: thousands separators (a comma followed by
/// exactly three digits), one decimal point between digits, and white
/// space between single digits when at least three stand so. Returns the
/// digits as ASCII (no separators) and the end.
/// ASCII digits and a point, on the stack unless there are very many.
struct Digits {
    buf: [u8; 48],
    len: usize,
    heap: Option<String>,
}

impl Digits {
    fn new() -> Digits {
        Digits {
            buf: [0; 48],
            len: 0,
            heap: None,
        }
    }

    fn push(&mut self, c: char) {
        if let Some(h) = &mut self.heap {
            h.push(c);
        } else if self.len < self.buf.len() && c.is_ascii() {
            self.buf[self.len] = c as u8;
            self.len += 1;
        } else {
            let mut h = self.as_str().to_string();
            h.push(c);
            self.heap = Some(h);
        }
    }

    fn as_str(&self) -> &str {
        match &self.heap {
            Some(h) => h,
            // Only ASCII digits and '.' are pushed to the buffer.
            None => std::str::from_utf8(&self.buf[..self.len]).unwrap_or(""),
        }
    }
}

fn arabic_digits(text: &str, at: usize, limit: usize, out: &mut Digits) -> (usize, bool) {
    let mut pos = at;
    let mut end = at;
    let mut point = false;
    // Single digits separated by spaces: where the spaced form would end
    // (looked for only when a space follows the first digit).
    let first_len = char_at(text, at, limit).map_or(1, |(_, len)| len);
    let space_next = char_at(text, at + first_len, limit).is_some_and(|(c, _)| is_pdf_space(c));
    let spaced = space_next
        .then(|| spaced_digits_end(text, at, limit))
        .flatten();
    while let Some((c, len)) = char_at(text, pos, limit) {
        if c.is_ascii_digit() {
            out.push(c);
            pos += len;
            end = pos;
        } else if c == ',' && thousands_group(text, pos + len, limit) {
            pos += len;
        } else if c == '.' && !point && digit_at(text, pos + len, limit).is_some() {
            point = true;
            out.push('.');
            pos += len;
        } else if is_pdf_space(c) && spaced.is_some_and(|s| pos < s) {
            pos += len;
        } else {
            break;
        }
    }
    (end, spaced.is_some())
}

/// After a comma at `at`: exactly three digits, then no digit.
fn thousands_group(text: &str, at: usize, limit: usize) -> bool {
    let mut pos = at;
    for _ in 0..3 {
        match digit_at(text, pos, limit) {
            Some(len) => pos += len,
            None => return false,
        }
    }
    digit_at(text, pos, limit).is_none()
}

/// `2 4 3 8 亿`: three or more single digits each separated by spaces;
/// the end of the last digit. Not `2019 2020` (groups of several digits).
fn spaced_digits_end(text: &str, at: usize, limit: usize) -> Option<usize> {
    let mut pos = at;
    let mut groups = 0;
    let mut end = at;
    loop {
        let len = digit_at(text, pos, limit)?;
        pos += len;
        if digit_at(text, pos, limit).is_some() {
            // A group of two digits or more.
            return (groups >= 3).then_some(end);
        }
        groups += 1;
        end = pos;
        let mut next = pos;
        while let Some((c, len)) = char_at(text, next, limit).filter(|(c, _)| is_pdf_space(*c)) {
            let _ = c;
            next += len;
        }
        if next == pos || digit_at(text, next, limit).is_none() {
            return (groups >= 3).then_some(end);
        }
        pos = next;
    }
}

/// The magnitude chars after Arabic digits (万, 亿, 万亿, 千万, 百万 …; 千
/// 百 十 only before 万 or 亿, so 3千米 keeps 千米 as its unit): their
/// product and end.
fn magnitude(text: &str, at: usize, limit: usize) -> (u64, usize) {
    let (mut product, mut end) = (1u64, at);
    for _ in 0..3 {
        let Some((c, len)) = char_at(text, end, limit) else {
            break;
        };
        let next = char_at(text, end + len, limit).map(|(c, _)| c);
        let ok = match c {
            '万' | '亿' => true,
            '千' | '百' | '十' => next.is_some_and(|n| matches!(n, '万' | '亿')),
            _ => false,
        };
        if !ok {
            break;
        }
        product = product.saturating_mul(unit_value(c).unwrap_or(1));
        end += len;
    }
    (product, end)
}

/// The number at `at`, or `None` when none starts there.
pub(crate) fn read_number(text: &str, at: usize, limit: usize) -> Option<Number> {
    let (first, _) = char_at(text, at, limit)?;
    if is_ascii_digit_char(first) {
        read_arabic(text, at, limit)
    } else {
        read_chinese(text, at, limit)
    }
}

fn read_arabic(text: &str, at: usize, limit: usize) -> Option<Number> {
    let mut digits = Digits::new();
    let (digits_end, spaced) = arabic_digits(text, at, limit, &mut digits);
    let digits = digits.as_str();
    // 2 4 3 8 亿: the spaced form's magnitude may stand after a space too.
    let mut digits_end = digits_end;
    if spaced {
        while let Some((c, len)) =
            char_at(text, digits_end, limit).filter(|(c, _)| is_pdf_space(*c))
        {
            let _ = c;
            digits_end += len;
        }
    }
    let (approx, mag_at) = approx_before_magnitude(text, digits_end, limit);
    let (product, end) = magnitude(text, mag_at, limit);
    let (approx, end) = if end == mag_at {
        (None, digits_end)
    } else {
        (approx, end)
    };
    let mut number = Number {
        value: Decimal::ZERO,
        high: None,
        end,
        arabic: true,
        chars: 0,
        bare_magnitude: false,
        has_magnitude: product > 1,
        magnitude: product,
        approx,
        big: None,
    };
    match ascii_decimal(digits).and_then(|v| v.checked_mul(Decimal::from(product))) {
        Some(v) => number.value = normalized(v),
        None => number.big = Some(exact_text(digits, product)),
    }
    Some(number)
}

/// ASCII digits with at most one point, as an exact decimal; `None` beyond
/// [`Decimal`]'s range. Read in one pass, with no string to parse.
fn ascii_decimal(digits: &str) -> Option<Decimal> {
    let (mut mantissa, mut scale, mut point) = (0i128, 0u32, false);
    for b in digits.bytes() {
        if b == b'.' {
            point = true;
            continue;
        }
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(i128::from(b - b'0'))?;
        scale += u32::from(point);
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

/// `digits` (ASCII, maybe with a point) times a power of ten, exactly, as
/// plain decimal text: for numbers beyond [`Decimal`].
fn exact_text(digits: &str, product: u64) -> String {
    let zeros = product.max(1).ilog10() as usize;
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut all = format!("{int}{frac}");
    let mut point = int.len() + zeros;
    while all.len() < point {
        all.push('0');
    }
    let (i, f) = all.split_at(point.min(all.len()));
    let i = i.trim_start_matches('0');
    let f = f.trim_end_matches('0');
    point = 0;
    let _ = point;
    match (i.is_empty(), f.is_empty()) {
        (true, true) => "0".into(),
        (true, false) => format!("0.{f}"),
        (false, true) => i.into(),
        (false, false) => format!("{i}.{f}"),
    }
}

/// An approximate marker (多 余 来 几) at `at` when a magnitude follows it
/// (3600多亿): the marker and where the magnitude starts.
fn approx_before_magnitude(text: &str, at: usize, limit: usize) -> (Option<&'static str>, usize) {
    let mid = super::vocab::vocabulary().approx_mid.at(text, at, limit);
    if let Some((word, len)) = mid {
        if matches!(char_at(text, at + len, limit), Some(('万' | '亿', _))) {
            return (Some(word), at + len);
        }
    }
    (None, at)
}

/// A numeral (its `run` of chars, read as `value`..`high`) times the
/// magnitude written after an approximation (三千多万): the magnitude
/// multiplies what follows the numeral's last larger unit (两亿五千多万 is
/// 两亿五千万, not (两亿五千)×万), so the numeral is read again with the
/// magnitude put back after it; a range is multiplied at both ends.
fn times_a_magnitude(
    run: &[char],
    magnitude: &str,
    product: u64,
    value: Decimal,
    high: Option<Decimal>,
) -> Option<(Decimal, Option<Decimal>)> {
    let mut joined = ['\0'; 48];
    let mut n = 0;
    for c in run.iter().copied().chain(magnitude.chars()) {
        if n < joined.len() {
            joined[n] = c;
        }
        n += 1;
    }
    let rejoined = (n <= joined.len() && high.is_none())
        .then(|| parse_chars(&joined[..n]).ok())
        .flatten();
    if let Some(v) = rejoined {
        return Some((v, None));
    }
    let times = Decimal::from(product);
    let high = match high {
        Some(h) => Some(h.checked_mul(times)?),
        None => None,
    };
    Some((value.checked_mul(times)?, high))
}

fn read_chinese(text: &str, at: usize, limit: usize) -> Option<Number> {
    // 超过百分之三十: the 百 of 百分之 starts the percent's prefix, not a
    // bare magnitude (超过百).
    if text[at..limit].starts_with("百分之") {
        return None;
    }
    // The run of numerals, normalized, on the stack.
    let mut buf = ['\0'; 40];
    let mut pos = at;
    let mut chars = 0;
    while let Some((c, len)) = char_at(text, pos, limit) {
        // 二０一０年: a zero written as a (full-width) digit among Chinese
        // numerals reads as 〇.
        let zero_digit = c == '0' && chars > 0;
        let numeral = digit_value(c).is_some() && (!c.is_ascii_digit() || zero_digit)
            || unit_value(c).is_some();
        let point = c == '点'
            && char_at(text, pos + len, limit).is_some_and(|(n, _)| digit_value(n).is_some())
            && char_before(text, pos).is_some_and(|(p, _)| digit_value(p).is_some());
        if !(numeral || point) || chars >= buf.len() {
            break;
        }
        buf[chars] = c;
        pos += len;
        chars += 1;
    }
    if chars == 0 {
        return None;
    }
    let mut end = pos;
    let mut value;
    let mut high = None;
    let run = &buf[..chars];
    if let Some((low, hi)) = range_of_chars(run) {
        value = low;
        high = Some(hi);
    } else {
        value = parse_chars(run).ok()?;
    }
    // 三千多万, 六十多亿: a marker, then the magnitude that multiplies.
    let (approx, mag_at) = approx_before_magnitude(text, end, limit);
    if approx.is_some() {
        let (product, mag_end) = magnitude(text, mag_at, limit);
        if mag_end > mag_at {
            (value, high) = times_a_magnitude(run, &text[mag_at..mag_end], product, value, high)?;
            end = mag_end;
        }
    }
    let units = run.iter().filter(|&&c| unit_value(c).is_some()).count();
    let trailing: u64 = run
        .iter()
        .rev()
        .copied()
        .map_while(|c| unit_value(c).filter(|&u| u >= 10_000))
        .fold(1u64, u64::saturating_mul);
    Some(Number {
        value: normalized(value),
        high: high.map(normalized),
        end,
        arabic: false,
        chars,
        bare_magnitude: units == chars,
        has_magnitude: run.iter().any(|&c| unit_value(c).is_some_and(|u| u >= 100)),
        magnitude: trailing,
        approx: approx.filter(|_| end > pos),
        big: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> (String, String, String) {
        let n = read_number(s, 0, s.len()).unwrap();
        (
            s[..n.end].to_string(),
            n.big.unwrap_or_else(|| n.value.to_string()),
            n.high.map(|h| h.to_string()).unwrap_or_default(),
        )
    }

    #[test]
    fn separators_spaces_and_magnitudes() {
        let r = |s: &str| read(s).1;
        assert_eq!(r("１８，４０２，５５６，０００元"), "18402556000");
        assert_eq!(r("2，371万辆"), "23710000");
        assert_eq!(r("８，０００千瓦"), "8000");
        assert_eq!(r("2 4 3 8 亿美元"), "243800000000");
        assert_eq!(read("2019 2020").0, "2019");
        assert_eq!(read("1,23").0, "1");
        assert_eq!(r("3600多亿元"), "360000000000");
        assert_eq!(r("3千米"), "3");
        assert_eq!(r("1.2万亿"), "1200000000000");
        assert_eq!(r("99999999万亿元"), "99999999000000000000");
        assert_eq!(
            r(&format!("{}万", "9".repeat(30))),
            format!("{}0000", "9".repeat(30))
        );
        assert_eq!(
            r(&format!("{}.5万", "1".repeat(30))),
            format!("{}5000", "1".repeat(30))
        );
    }

    #[test]
    fn chinese_runs() {
        assert_eq!(
            read("十七八岁"),
            ("十七八".into(), "17".into(), "18".into())
        );
        assert_eq!(read("六十三万多个").1, "630000");
        assert_eq!(
            read("三千多万人"),
            ("三千多万".into(), "30000000".into(), String::new())
        );
        assert_eq!(read("十五萬零三百二十一個").1, "150321");
        assert_eq!(read("一九八○年").1, "1980");
    }
}
