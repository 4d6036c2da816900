//! `tifa`: the command-line front end. Parses flags, reads inputs through
//! tifa-corpus, calls tifa-core, prints tifa-core's records. No logic of its
//! own.

mod output;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use serde::Serialize;
use tifa_core::{scan, CountTable, Counts, Lexicon, Matcher, MatcherBuilder};
use tifa_corpus::{find_inputs, read_input, Loaded};

use output::Format;

/// Count and trace Chinese official formulations (提法) in corpora.
#[derive(Parser)]
#[command(name = "tifa", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Count each phrase: one row per phrase (SPEC §4 count table).
    Count(CountArgs),
    /// One record per match, with its position.
    Scan(ScanArgs),
    /// Show, validate or export the lexicon.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
}

#[derive(Args)]
struct LexiconOpts {
    /// Add or replace entries from a lexicon file (.toml, .json, .csv, .tsv,
    /// or one phrase a line); repeatable.
    #[arg(long = "lexicon", value_name = "FILE")]
    lexicons: Vec<PathBuf>,
    /// Use only the --lexicon files, not the built-in lexicon.
    #[arg(long)]
    lexicon_only: bool,
}

#[derive(Args)]
struct MatchOpts {
    #[command(flatten)]
    lexicon: LexiconOpts,
    /// Report every occurrence of every phrase, nested ones included.
    #[arg(long)]
    overlapping: bool,
    /// No normalization: no skipping of line breaks and spaces inside
    /// phrases, no full-width or traditional folding.
    #[arg(long)]
    strict: bool,
}

#[derive(Args)]
struct InputOpts {
    /// Files or directories (searched recursively for .txt files); `-` for
    /// standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Exit with status 1 when any input was skipped.
    #[arg(long)]
    strict_input: bool,
}

#[derive(Args)]
struct FormatOpt {
    /// Output format (default: table on a terminal, csv otherwise).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

#[derive(Args)]
struct CountArgs {
    #[command(flatten)]
    input: InputOpts,
    #[command(flatten)]
    matching: MatchOpts,
    #[command(flatten)]
    format: FormatOpt,
    /// Also list phrases with no occurrence.
    #[arg(long)]
    all_phrases: bool,
}

#[derive(Args)]
struct ScanArgs {
    #[command(flatten)]
    input: InputOpts,
    #[command(flatten)]
    matching: MatchOpts,
    #[command(flatten)]
    format: FormatOpt,
}

#[derive(Subcommand)]
enum LexiconCommand {
    /// List the entries in use.
    List {
        #[command(flatten)]
        lexicon: LexiconOpts,
        #[command(flatten)]
        format: FormatOpt,
    },
    /// Validate lexicon files: every problem, with file and line.
    Check {
        /// The files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Check the files alone, not merged with the built-in lexicon.
        #[arg(long)]
        lexicon_only: bool,
    },
    /// Print the lexicon in use as a file that --lexicon accepts.
    Export {
        #[command(flatten)]
        lexicon: LexiconOpts,
        /// toml or json.
        #[arg(long, default_value = "toml", value_parser = ["toml", "json"])]
        format: String,
    },
}

/// Exit status for usage and configuration errors (SPEC §6).
const EXIT_CONFIG: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Count(args) => run_count(args),
        Command::Scan(args) => run_scan(args),
        Command::Lexicon(cmd) => run_lexicon(cmd),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("tifa: {message}");
            ExitCode::from(EXIT_CONFIG)
        }
    }
}

fn load_lexicon(opts: &LexiconOpts) -> Result<Lexicon, String> {
    let mut lexicon = if opts.lexicon_only {
        if opts.lexicons.is_empty() {
            return Err("--lexicon-only needs at least one --lexicon FILE".into());
        }
        Lexicon::empty()
    } else {
        Lexicon::builtin()
    };
    for path in &opts.lexicons {
        let user = Lexicon::from_file(path).map_err(|e| e.to_string())?;
        lexicon.merge(user).map_err(|e| e.to_string())?;
    }
    Ok(lexicon)
}

fn build_matcher(opts: &MatchOpts) -> Result<Matcher, String> {
    let lexicon = load_lexicon(&opts.lexicon)?;
    MatcherBuilder::new()
        .overlapping(opts.overlapping)
        .strict(opts.strict)
        .build(&lexicon)
        .map_err(|e| e.to_string())
}

/// What a run read, for the account printed on stderr (SPEC §3).
#[derive(Default)]
struct Account {
    read: u64,
    processed: u64,
    skipped: u64,
    chars: u64,
    bytes: u64,
    matches: u64,
    ignored: usize,
    config_errors: usize,
}

impl Account {
    fn print(&self, started: Instant) {
        let secs = started.elapsed().as_secs_f64();
        let mb_s = if secs > 0.0 {
            self.bytes as f64 / 1e6 / secs
        } else {
            0.0
        };
        let mut line = format!(
            "tifa: {} documents read ({} processed, {} skipped), {} characters, {} matches, {:.2} s, {:.1} MB/s",
            self.read, self.processed, self.skipped, self.chars, self.matches, secs, mb_s
        );
        if self.ignored > 0 {
            line.push_str(&format!(
                "; {} files in directories passed over (not .txt)",
                self.ignored
            ));
        }
        eprintln!("{line}");
    }

    fn exit_code(&self, strict_input: bool) -> ExitCode {
        if self.config_errors > 0 {
            ExitCode::from(EXIT_CONFIG)
        } else if strict_input && self.skipped > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Reads every input in order, calling `each` on each document; warnings
/// and skips go to stderr as they happen.
fn for_each_document(input: &InputOpts, account: &mut Account, mut each: impl FnMut(&str, &str)) {
    let found = find_inputs(&input.paths);
    for e in &found.errors {
        eprintln!("tifa: error: {e}");
    }
    account.config_errors = found.errors.len();
    account.ignored = found.ignored.len();
    for inp in &found.inputs {
        account.read += 1;
        match read_input(inp) {
            Loaded::Document(doc, warning) => {
                if let Some(w) = warning {
                    eprintln!("tifa: warning: {w}");
                }
                account.processed += 1;
                account.bytes += doc.text.len() as u64;
                account.chars += doc.text.chars().count() as u64;
                each(&doc.id, &doc.text);
            }
            Loaded::Skipped(notice) => {
                eprintln!("tifa: skipped: {notice}");
                account.skipped += 1;
            }
        }
    }
}

const COUNT_COLUMNS: &[&str] = &[
    "phrase", "category", "count", "expanded", "docs", "chars", "per_10k",
];
const SCAN_COLUMNS: &[&str] = &[
    "doc",
    "phrase",
    "category",
    "variant",
    "form",
    "quoted",
    "start",
    "end",
    "char_start",
    "char_end",
    "line",
];

fn run_count(args: CountArgs) -> Result<ExitCode, String> {
    let started = Instant::now();
    let matcher = build_matcher(&args.matching)?;
    let mut table = CountTable::new(Vec::new());
    let mut account = Account::default();
    let mut counts = Counts::new(matcher.lexicon().len());
    for_each_document(&args.input, &mut account, |_, text| {
        counts.clear();
        matcher.count_into(text, &mut counts);
        table.add(Vec::new(), &counts, text.chars().count() as u64);
    });
    let rows = table.rows(matcher.lexicon(), args.all_phrases);
    account.matches = rows.iter().map(|r| r.count + r.expanded).sum();
    output::print(&rows, Format::resolve(args.format.format), COUNT_COLUMNS)
        .map_err(|e| e.to_string())?;
    account.print(started);
    Ok(account.exit_code(args.input.strict_input))
}

fn run_scan(args: ScanArgs) -> Result<ExitCode, String> {
    let started = Instant::now();
    let matcher = build_matcher(&args.matching)?;
    let mut account = Account::default();
    let mut records = Vec::new();
    for_each_document(&args.input, &mut account, |id, text| {
        records.extend(scan(&matcher, id, text));
    });
    account.matches = records.len() as u64;
    output::print(&records, Format::resolve(args.format.format), SCAN_COLUMNS)
        .map_err(|e| e.to_string())?;
    account.print(started);
    Ok(account.exit_code(args.input.strict_input))
}

/// An entry as `tifa lexicon list` prints it.
#[derive(Serialize)]
struct EntryRecord<'a> {
    phrase: &'a str,
    category: &'a str,
    variants: &'a [String],
    members: &'a [String],
    note: Option<&'a str>,
    source: String,
}

fn run_lexicon(cmd: LexiconCommand) -> Result<ExitCode, String> {
    match cmd {
        LexiconCommand::List { lexicon, format } => {
            let lexicon = load_lexicon(&lexicon)?;
            let records: Vec<EntryRecord> = lexicon
                .entries()
                .iter()
                .map(|e| EntryRecord {
                    phrase: &e.phrase,
                    category: &e.category,
                    variants: &e.variants,
                    members: &e.members,
                    note: e.note.as_deref(),
                    source: match e.origin.line {
                        Some(l) => format!("{}:{l}", e.origin.source),
                        None => e.origin.source.to_string(),
                    },
                })
                .collect();
            output::print(
                &records,
                Format::resolve(format.format),
                &[
                    "phrase", "category", "variants", "members", "note", "source",
                ],
            )
            .map_err(|e| e.to_string())?;
            Ok(ExitCode::SUCCESS)
        }
        LexiconCommand::Check {
            files,
            lexicon_only,
        } => {
            let mut failed = false;
            let mut merged = if lexicon_only {
                Lexicon::empty()
            } else {
                Lexicon::builtin()
            };
            for file in &files {
                match Lexicon::from_file(file).and_then(|l| {
                    let n = l.len();
                    merged.merge(l).map(|_| n)
                }) {
                    Ok(n) => println!("{}: ok, {n} entries", file.display()),
                    Err(e) => {
                        failed = true;
                        println!("{e}");
                    }
                }
            }
            Ok(if failed {
                ExitCode::from(EXIT_CONFIG)
            } else {
                ExitCode::SUCCESS
            })
        }
        LexiconCommand::Export { lexicon, format } => {
            let lexicon = load_lexicon(&lexicon)?;
            let text = if format == "json" {
                serde_json::to_string_pretty(lexicon.entries()).map_err(|e| e.to_string())?
            } else {
                #[derive(Serialize)]
                struct File<'a> {
                    entry: &'a [tifa_core::Entry],
                }
                toml::to_string(&File {
                    entry: lexicon.entries(),
                })
                .map_err(|e| e.to_string())?
            };
            println!("{}", text.trim_end());
            Ok(ExitCode::SUCCESS)
        }
    }
}
