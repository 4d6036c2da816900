//! Parsing numbers written in Arabic digits, Chinese numerals, or both
//! (SPEC §2.1), exactly: values are `rust_decimal::Decimal`, never floats.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// Why a string is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumeralError {
    /// Nothing to parse.
    Empty,
    /// A character that is not part of a number, at this char index.
    NotANumber(usize),
    /// The value does not fit (more than 28 significant digits, or above
    /// about 7.9 × 10^28). Very long digit strings end here rather than
    /// overflowing or losing digits.
    Overflow,
}

impl fmt::Display for NumeralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumeralError::Empty => write!(f, "empty number"),
            NumeralError::NotANumber(i) => write!(f, "not a number (char {i})"),
            NumeralError::Overflow => write!(f, "number too large (at most 28 significant digits)"),
        }
    }
}

impl std::error::Error for NumeralError {}

/// The value of a Chinese digit (〇零一二两三四五六七八九 and the financial
/// forms 壹贰叁肆伍陆柒捌玖), or of an Arabic digit (half- or full-width).
pub fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '0'..='9' => c as u32 - '0' as u32,
        '０'..='９' => c as u32 - '０' as u32,
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' | '貳' | '兩' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The multiplier of a Chinese unit character: 十 拾 (10), 百 佰 (100),
/// 千 仟 (1000), 万 萬 (10^4), 亿 億 (10^8).
pub fn unit_value(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

/// True for every character [`parse_chinese_number`] accepts.
pub fn is_numeral_char(c: char) -> bool {
    digit_value(c).is_some()
        || unit_value(c).is_some()
        || matches!(c, '点' | '.' | '．' | ',' | '，')
}

fn checked(r: Option<Decimal>) -> Result<Decimal, NumeralError> {
    r.ok_or(NumeralError::Overflow)
}

/// Parses a number: Chinese numerals (一千二百零五, 十二, 两万, 一七二零,
/// 一点五七, 壹佰贰拾), Arabic digits (1205, 3,000, 1.57, full-width
/// １２), or Arabic digits followed by Chinese magnitudes (3.5万, 1.2万亿).
///
/// ```
/// use tifa_core::numeral::parse_chinese_number;
/// use rust_decimal::Decimal;
/// assert_eq!(parse_chinese_number("一千二百零五").unwrap(), Decimal::from(1205));
/// assert_eq!(parse_chinese_number("十二").unwrap(), Decimal::from(12));
/// assert_eq!(parse_chinese_number("1.2万亿").unwrap(), Decimal::from(1_200_000_000_000u64));
/// assert_eq!(parse_chinese_number("一点五七").unwrap().to_string(), "1.57");
/// assert_eq!(parse_chinese_number("一七二零").unwrap(), Decimal::from(1720));
/// assert!(parse_chinese_number("一系列").is_err());
/// ```
pub fn parse_chinese_number(s: &str) -> Result<Decimal, NumeralError> {
    // A numeral is a few chars: they go on the stack (this runs at every
    // candidate of a number extraction), a long one on the heap.
    let mut stack = ['\0'; 32];
    let heap: Vec<char>;
    let chars: &[char] = if s.len() <= stack.len() {
        let mut n = 0;
        for (slot, c) in stack.iter_mut().zip(s.chars()) {
            *slot = c;
            n += 1;
        }
        &stack[..n]
    } else {
        heap = s.chars().collect();
        &heap
    };
    parse_chars(chars)
}

/// [`parse_chinese_number`] of a numeral already split into chars.
pub(crate) fn parse_chars(chars: &[char]) -> Result<Decimal, NumeralError> {
    if chars.is_empty() {
        return Err(NumeralError::Empty);
    }
    // Leading Arabic part (digits, separators, a decimal point).
    let arabic_len = chars
        .iter()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '０'..='９' | '.' | '．' | ','))
        .count();
    if arabic_len > 0 {
        // ASCII digits and '.', on the stack when short (as `chars`).
        let ascii = chars[..arabic_len]
            .iter()
            .filter(|c| **c != ',')
            .map(|&c| match c {
                '０'..='９' => b'0' + (c as u32 - '０' as u32) as u8,
                '．' => b'.',
                _ => c as u8,
            });
        let mut stack = [0u8; 32];
        let heap: Vec<u8>;
        let digits: &[u8] = if arabic_len <= stack.len() {
            let mut n = 0;
            for (slot, b) in stack.iter_mut().zip(ascii) {
                *slot = b;
                n += 1;
            }
            &stack[..n]
        } else {
            heap = ascii.collect();
            &heap
        };
        let digits = std::str::from_utf8(digits).map_err(|_| NumeralError::NotANumber(0))?;
        if !digits.bytes().any(|b| b.is_ascii_digit()) || digits.matches('.').count() > 1 {
            return Err(NumeralError::NotANumber(0));
        }
        let significant = digits
            .trim_start_matches(['0', '.'])
            .bytes()
            .filter(u8::is_ascii_digit)
            .count();
        if significant > 28 {
            return Err(NumeralError::Overflow);
        }
        let mut value = Decimal::from_str(digits).map_err(|_| NumeralError::Overflow)?;
        for (i, &c) in chars[arabic_len..].iter().enumerate() {
            let u = unit_value(c).ok_or(NumeralError::NotANumber(arabic_len + i))?;
            value = checked(value.checked_mul(Decimal::from(u)))?;
        }
        return Ok(normalized(value));
    }
    // Chinese: an integer part, then 点 and fractional digits.
    let (int_part, frac_part) = match chars.iter().position(|&c| c == '点') {
        Some(p) => (&chars[..p], Some(&chars[p + 1..])),
        None => (chars, None),
    };
    let mut value = parse_chinese_integer(int_part)?;
    if let Some(frac) = frac_part {
        value = with_fraction(value, frac, int_part.len() + 1)?;
    }
    Ok(normalized(value))
}

/// `d` without trailing zeros after its point ([`Decimal::normalize`]), at
/// no cost for a whole number (nearly every number of a report), which
/// normalizing leaves as it is.
#[inline]
pub(crate) fn normalized(d: Decimal) -> Decimal {
    if d.scale() == 0 && d.is_sign_positive() {
        d
    } else {
        d.normalize()
    }
}

/// `value` with the fraction after 点 (`frac`, starting at char `at` of
/// the numeral) added: its digits, then the magnitudes that multiply the
/// whole decimal (四十七点三万亿: 47.3 × 10^12).
fn with_fraction(mut value: Decimal, frac: &[char], at: usize) -> Result<Decimal, NumeralError> {
    let digits = frac
        .iter()
        .position(|&c| digit_value(c).is_none())
        .unwrap_or(frac.len());
    if digits == 0 {
        return Err(NumeralError::NotANumber(at));
    }
    let mut scale = Decimal::ONE;
    for &c in &frac[..digits] {
        let d = digit_value(c).unwrap_or_default();
        scale = checked(scale.checked_div(Decimal::TEN))?;
        value = checked(value.checked_add(Decimal::from(d) * scale))?;
    }
    for (i, &c) in frac[digits..].iter().enumerate() {
        let u = unit_value(c)
            .filter(|&u| u >= 100)
            .ok_or(NumeralError::NotANumber(at + digits + i))?;
        value = checked(value.checked_mul(Decimal::from(u)))?;
    }
    Ok(value)
}

/// 一千二百零五, 十二, 两万三千, 一亿二千万, 一万亿; digits without units are
/// read positionally (一七二零 = 1720, 二〇二三 = 2023); units alone are
/// numbers (十万 = 100000, 千万 = 10^7, 拾 = 10); a spoken form that drops
/// its last unit reads it (三万五 = 35000, 两千六 = 2600, 一百二 = 120, but
/// 一百零二 = 102).
fn parse_chinese_integer(chars: &[char]) -> Result<Decimal, NumeralError> {
    if chars.is_empty() {
        return Err(NumeralError::Empty);
    }
    if chars.len() > 1 && chars.iter().all(|&c| digit_value(c).is_some()) {
        let mut v = Decimal::ZERO;
        for &c in chars {
            let d = digit_value(c).unwrap_or(0);
            v = checked(
                v.checked_mul(Decimal::TEN)
                    .and_then(|v| v.checked_add(Decimal::from(d))),
            )?;
        }
        return Ok(v);
    }
    // Groups closed by 万 or 亿: (value, scale of the unit that closed it).
    // A big unit multiplies the groups smaller than itself (一万亿 = 10^12,
    // but 一万亿零一亿 = 10^12 + 10^8).
    let mut groups: Vec<(Decimal, u64)> = Vec::new();
    let (mut section, mut number) = (Decimal::ZERO, Decimal::ZERO);
    // The last small unit (十百千) of the section: they must fall (十七十八
    // is two numerals, not one).
    let mut last_small = u64::MAX;
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = digit_value(c) {
            if i > 0 && digit_value(chars[i - 1]).is_some_and(|p| p != 0) && d != 0 {
                // Two digits side by side after a unit (十七八): two numerals.
                return Err(NumeralError::NotANumber(i));
            }
            number = Decimal::from(d);
        } else if let Some(u) = unit_value(c) {
            if u >= 10_000 && i > 0 && unit_value(chars[i - 1]).is_some_and(|p| p >= 10_000) {
                // 亿亿, 万万, 百亿亿: a big unit right after a big unit
                // multiplies the group it closed.
                if let Some((v, scale)) = groups.pop() {
                    let v = checked(v.checked_mul(Decimal::from(u)))?;
                    groups.push((v, scale.saturating_mul(u)));
                }
            } else if u >= 10_000 {
                let mut part = checked(section.checked_add(number))?;
                while let Some(&(v, scale)) = groups.last() {
                    if scale >= u {
                        break;
                    }
                    part = checked(part.checked_add(v))?;
                    groups.pop();
                }
                if part.is_zero() {
                    part = Decimal::ONE;
                }
                groups.push((checked(part.checked_mul(Decimal::from(u)))?, u));
                section = Decimal::ZERO;
                last_small = u64::MAX;
            } else {
                if u >= last_small {
                    return Err(NumeralError::NotANumber(i));
                }
                last_small = u;
                // 十 at the start or after 零 is 一十 (十五, 一千零十).
                let n = if number.is_zero() {
                    Decimal::ONE
                } else {
                    number
                };
                section = checked(section.checked_add(checked(n.checked_mul(Decimal::from(u)))?))?;
            }
            number = Decimal::ZERO;
        } else {
            return Err(NumeralError::NotANumber(i));
        }
    }
    if !number.is_zero() {
        number = spoken_last_digit(chars, number);
    }
    let mut total = checked(section.checked_add(number))?;
    for (v, _) in groups {
        total = checked(total.checked_add(v))?;
    }
    Ok(total)
}

/// A last digit right after a unit of 百 or more stands for a tenth of that
/// unit (三万五 = 三万五千, 一百二 = 一百二十); after 十, or after 零, it is
/// itself (二十五, 一百零二).
fn spoken_last_digit(chars: &[char], digit: Decimal) -> Decimal {
    let n = chars.len();
    match (n >= 3).then(|| unit_value(chars[n - 2])).flatten() {
        Some(u) if u >= 100 => digit * Decimal::from(u / 10),
        _ => digit,
    }
}

/// Two adjacent numerals, read as the approximate range they state (SPEC
/// §2.1): 十七八 → (17, 18), 三四 → (3, 4), 七八十 → (70, 80), 五六百万 →
/// (5000000, 6000000), 十七十八 → (17, 18). `None` unless the text is such
/// a pair with a low end below the high one.
///
/// ```
/// use tifa_core::numeral::parse_chinese_range;
/// use rust_decimal::Decimal;
/// assert_eq!(parse_chinese_range("十七八"), Some((Decimal::from(17), Decimal::from(18))));
/// assert_eq!(parse_chinese_range("七八十"), Some((Decimal::from(70), Decimal::from(80))));
/// assert_eq!(parse_chinese_range("一九四九"), None);
/// ```
pub fn parse_chinese_range(s: &str) -> Option<(Decimal, Decimal)> {
    let chars: Vec<char> = s.chars().collect();
    range_of_chars(&chars)
}

/// [`parse_chinese_range`] of a numeral already split into chars; nothing
/// on the heap (it runs at every Chinese numeral of a text).
pub(crate) fn range_of_chars(chars: &[char]) -> Option<(Decimal, Decimal)> {
    const MAX: usize = 40;
    if chars.len() < 2 || chars.len() > MAX {
        return None;
    }
    // Adjacent digits d, d' with d < d' (十七八, 三四, 七八十, 三五): each
    // end keeps one of them and every unit.
    let pair = (1..chars.len()).find(|&i| {
        let (a, b) = (digit_value(chars[i - 1]), digit_value(chars[i]));
        matches!((a, b), (Some(a), Some(b)) if a > 0 && b > a)
    });
    if let Some(i) = pair {
        // Without a unit only a lone pair is a range: 一九四九 is a year.
        let has_unit = chars.iter().any(|&c| unit_value(c).is_some());
        if !has_unit && chars.len() != 2 {
            return None;
        }
        let mut buf = ['\0'; MAX];
        let mut without = |skip: usize| {
            let mut n = 0;
            for (k, &c) in chars.iter().enumerate() {
                if k != skip {
                    buf[n] = c;
                    n += 1;
                }
            }
            parse_chars(&buf[..n]).ok()
        };
        let low = without(i)?;
        let high = without(i - 1)?;
        return ordered(low, high);
    }
    // Two bare units falling (千百个工人, 百十人): hundreds to thousands,
    // never 1100 — a numeral puts a digit before each unit it adds; with
    // magnitudes after them (千百万), each end times the magnitudes.
    if let [a, b, rest @ ..] = chars {
        if let (Some(a), Some(b)) = (unit_value(*a), unit_value(*b)) {
            let mut magnitudes = rest.iter().map(|&c| unit_value(c).filter(|&u| u >= 10_000));
            let times = magnitudes.try_fold(Decimal::ONE, |t, u| t.checked_mul(Decimal::from(u?)));
            if let Some(times) = times.filter(|_| a > b && a <= 1000) {
                return ordered(
                    Decimal::from(b).checked_mul(times)?,
                    Decimal::from(a).checked_mul(times)?,
                );
            }
        }
    }
    if parse_chars(chars).is_ok() {
        return None;
    }
    // Two whole numerals (十七十八): of the splits where both halves parse,
    // the closest pair (十七|十八, not 十|七十八).
    (1..chars.len())
        .filter_map(|i| {
            ordered(
                parse_chars(&chars[..i]).ok()?,
                parse_chars(&chars[i..]).ok()?,
            )
        })
        .filter(|(low, _)| !low.is_zero())
        .min_by_key(|&(low, high)| high / low)
}

fn ordered(low: Decimal, high: Decimal) -> Option<(Decimal, Decimal)> {
    (low < high).then_some((low, high))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        parse_chinese_number(s)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn forms() {
        let cases = [
            ("一千二百零五", "1205"),
            ("十二", "12"),
            ("十", "10"),
            ("二十", "20"),
            ("一百零五", "105"),
            ("两万", "20000"),
            ("三万五千", "35000"),
            ("一亿二千万", "120000000"),
            ("一万亿", "1000000000000"),
            ("十二万亿", "12000000000000"),
            ("一七二零", "1720"),
            ("二〇二三", "2023"),
            ("一点五七", "1.57"),
            ("四十七点三万亿", "47300000000000"),
            ("三点五千万", "35000000"),
            ("三十", "30"),
            ("壹佰贰拾", "120"),
            ("3.5万", "35000"),
            ("1.2万亿", "1200000000000"),
            ("3,000", "3000"),
            ("１２", "12"),
            ("5.50", "5.5"),
            ("零", "0"),
            ("千万", "10000000"),
            ("百万", "1000000"),
            ("万", "10000"),
            ("亿亿", "10000000000000000"),
            ("百亿亿", "1000000000000000000"),
        ];
        for (s, want) in cases {
            assert_eq!(p(s), want, "{s}");
        }
    }

    #[test]
    fn not_numbers() {
        for s in [
            "",
            "一系列",
            "十七十八",
            "十七八",
            "abc",
            "1.2.3",
            "点五",
            "一点",
            "一点五十",
            "一点万",
        ] {
            assert!(parse_chinese_number(s).is_err(), "{s} parsed as {}", p(s));
        }
    }

    #[test]
    fn long_digit_strings_are_an_error_not_an_overflow() {
        assert_eq!(
            parse_chinese_number(&"9".repeat(40)),
            Err(NumeralError::Overflow)
        );
        assert_eq!(
            parse_chinese_number(&"九".repeat(40)),
            Err(NumeralError::Overflow)
        );
        assert_eq!(
            parse_chinese_number(&"万".repeat(40)),
            Err(NumeralError::Overflow)
        );
        assert!(parse_chinese_number("9999999999万亿亿").is_err());
    }
}
