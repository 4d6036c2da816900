//! `tifa`: the command-line front end. Parses flags (`args`), reads inputs
//! through tifa-corpus (`driver`), calls tifa-core (`commands/`), prints
//! tifa-core's records (`output`), and keeps the run's account
//! (`account`). No matching or extraction logic of its own.

/// `eprintln!` that never fails the run: a diagnostic that cannot be
/// written is dropped. `tifa … 2>&1 >/dev/null | head -1` closes standard
/// error early; `eprintln!` panics there, and the workers then wait forever
/// for a reader that has unwound. The results still go to standard output.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod account;
mod args;
mod cells;
mod commands;
mod driver;
mod error;
mod output;
#[cfg(feature = "sql")]
mod sql;

use std::io::ErrorKind;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use commands::{collocates, count, discover, keyness, kwic, lexicon, numbers, scan, trend};
use error::Failure;

/// Exit status for usage and configuration errors (SPEC §6).
const EXIT_CONFIG: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Count(args) => count::run(args),
        Command::Scan(args) => scan::run(args),
        Command::Trend(args) => trend::run(args),
        Command::Keyness(args) => keyness::run(args),
        Command::Collocates(args) => collocates::run(args),
        Command::Numbers(args) => numbers::run(args),
        Command::Kwic(args) => kwic::run(args),
        Command::Discover(args) => discover::run(args),
        Command::Lexicon(cmd) => lexicon::run(cmd),
        #[cfg(feature = "sql")]
        Command::Sql(args) => sql::run_sql(args),
        #[cfg(feature = "sql")]
        Command::Export(args) => sql::run_export(args),
        #[cfg(not(feature = "sql"))]
        Command::Sql { .. } | Command::Export { .. } => Err(args::NO_SQL.into()),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`tifa … | head`): stop quietly, as other
        // Unix tools do.
        Err(Failure::Write(e)) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            note!("tifa: {e}");
            ExitCode::from(EXIT_CONFIG)
        }
    }
}
