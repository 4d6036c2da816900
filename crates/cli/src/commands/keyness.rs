//! `tifa keyness`: which phrases set the target group apart from the
//! reference (log-likelihood, log ratio; `tifa_core::stats`).

use std::process::ExitCode;

use tifa_core::stats::compare::{keyness_rows, Comparison, KeynessRow};
use tifa_core::CountTable;

use crate::args::KeynessArgs;
use crate::driver::{count_corpus, lexicon_with, note_added, select_entries};
use crate::error::Result;
use crate::output::{Format, Printer};

pub(crate) fn run(args: KeynessArgs) -> Result<ExitCode> {
    let adhoc = lexicon_with(&args.matching.lexicon, &args.select.phrases)?;
    let entries = select_entries(&adhoc, &args.select)?;
    let matcher = args.matching.options().build(&adhoc.lexicon)?;
    let table = CountTable::new(vec![args.by.clone()]);
    let (table, totals, account) = count_corpus(&args.input, &matcher, table, |_| {})?;
    let comparison = Comparison {
        field: args.by.clone(),
        target: args.target.clone(),
        reference: args.reference.clone(),
        entries,
        yates: args.yates,
    };
    let rows = keyness_rows(&table, matcher.lexicon(), &comparison)?;
    let columns = KeynessRow::columns(args.yates);
    let mut p = Printer::new(Format::resolve(args.format.format), &columns);
    p.push_all(&rows)?;
    p.finish()?;
    note_added(&adhoc, |id| totals.literal(id) + totals.expanded(id));
    for (field, missing) in table.missing_fields() {
        note!(
            "tifa: note: {missing} documents have no `{field}` and are in neither the target nor the reference; set it with --meta {field}=… or a `{field}` field in the records"
        );
    }
    account.print();
    Ok(account.exit_code(args.input.strict_input))
}
