//! `tifa count`: the count table (SPEC §4), long or `--wide`.

use std::process::ExitCode;

use tifa_core::{CountTable, RowSelection};

use crate::args::CountArgs;
use crate::driver::{count_corpus, lexicon_with, note_added, select_entries};
use crate::error::Result;
use crate::output::{Format, Printer};

/// The columns of the long table after the group columns.
pub(crate) const COUNT_COLUMNS: &[&str] = &[
    "phrase", "category", "count", "expanded", "docs", "chars", "per_10k",
];

pub(crate) fn run(args: CountArgs) -> Result<ExitCode> {
    let adhoc = lexicon_with(&args.matching.lexicon, &args.select.phrases)?;
    let selection = RowSelection {
        all_phrases: args.all_phrases,
        entries: select_entries(&adhoc, &args.select)?,
        top: args.top,
    };
    let matcher = args.matching.options().build(&adhoc.lexicon)?;
    let mut table = CountTable::new(args.by.clone());
    if args.dispersion {
        table = table.with_dispersion();
    }
    let (table, totals, account) = count_corpus(&args.input, &matcher, table, |_| {})?;
    let format = Format::resolve(args.format.format);
    if args.wide {
        let rows = table.wide(matcher.lexicon(), &selection);
        let mut p = Printer::new(format, &["docs", "chars"]);
        p.push_all(&rows)?;
        p.finish()?;
    } else {
        let rows = table.select(matcher.lexicon(), &selection);
        let mut columns: Vec<&str> = args.by.iter().map(String::as_str).collect();
        columns.extend(COUNT_COLUMNS);
        if args.dispersion {
            columns.extend(["dp", "juilland_d"]);
        }
        let mut p = Printer::new(format, &columns);
        p.push_all(&rows)?;
        p.finish()?;
    }
    note_added(&adhoc, |id| totals.literal(id) + totals.expanded(id));
    note_missing_groups(&table);
    account.print();
    Ok(account.exit_code(args.input.strict_input))
}

/// Says how to fill a grouping field that some documents lack.
pub(crate) fn note_missing_groups(table: &CountTable) {
    for (field, missing) in table.missing_fields() {
        note!(
            "tifa: note: {missing} documents have no `{field}` (shown as an empty group); set it with --meta {field}=… or a `{field}` field in the records"
        );
    }
}
