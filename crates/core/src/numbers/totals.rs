//! The work-statistics view: totals per subject and unit.

use super::{NumberKind, NumberMention, NumberValue};

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
            .find(|t| t.subject == **subject && t.unit == **unit)
        {
            Some(t) => {
                if let NumberValue::Number(sum) = &mut t.value {
                    *sum = sum.checked_add(*v).unwrap_or(*sum);
                }
                t.mentions += 1;
            }
            None => out.push(SubjectTotal {
                subject: subject.to_string(),
                unit: unit.to_string(),
                value: NumberValue::Number(*v),
                mentions: 1,
            }),
        }
    }
    out
}
