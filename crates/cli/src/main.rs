//! `tifa`: the command-line front end. Parses flags, reads inputs through
//! tifa-corpus, calls tifa-core, prints tifa-core's records. No logic of its
//! own.

mod output;
#[cfg(feature = "sql")]
mod sql;

use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use serde::Serialize;
use tifa_core::discover::candidates;
use tifa_core::{
    kwic, numbers_by_subject, scan, CountTable, Discovery, Entry, EntryId, Lexicon, Matcher,
    MatcherBuilder, NumberExtractor, NumberKind, NumberMention, NumberRecord, RowSelection,
};
use tifa_corpus::{
    find_inputs, for_each_in_order, DocInfo, Document, InputFormat, Item, Notice, ReadOptions,
};

use output::{Format, Printer};

/// Count and trace Chinese official formulations (提法) in corpora.
#[derive(Parser)]
#[command(name = "tifa", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Count each phrase: one row per group × phrase (SPEC §4 count table).
    Count(CountArgs),
    /// One record per match, with its position.
    Scan(ScanArgs),
    /// How phrase frequencies change along a field (year, congress, region):
    /// the series, a summary per phrase, and charts (--out report.html,
    /// report.md or chart.svg).
    Trend(TrendArgs),
    /// Every numeric mention: quantities, percentages, money, ordinals,
    /// years, dates, ranges (SPEC §2), one record each.
    Numbers(NumbersArgs),
    /// Concordance: each match of the given phrases with its context.
    Kwic(KwicArgs),
    /// Candidate formulations not in the lexicon: quoted terms, numbered
    /// formulas (两个…, N个X), paired ones (一X一Y).
    Discover(DiscoverArgs),
    /// Show, validate or export the lexicon.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Run a SQL query (Apache DataFusion) over tables of documents, with
    /// tifa_count, tifa_matches and tifa_numbers.
    #[cfg(feature = "sql")]
    Sql(sql::SqlArgs),
    /// Write a corpus as a Parquet table (one row per document) for `tifa
    /// sql` or any SQL engine.
    #[cfg(feature = "sql")]
    Export(sql::ExportArgs),
    /// Run a SQL query (Apache DataFusion): not in this build, which says how
    /// to get it.
    #[cfg(not(feature = "sql"))]
    #[command(disable_help_flag = true)]
    Sql {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
        rest: Vec<String>,
    },
    /// Write a corpus as a Parquet table: not in this build, which says how
    /// to get it.
    #[cfg(not(feature = "sql"))]
    #[command(disable_help_flag = true)]
    Export {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
        rest: Vec<String>,
    },
}

/// What `tifa sql` and `tifa export` say in a build without them.
#[cfg(not(feature = "sql"))]
const NO_SQL: &str = "this tifa was built without SQL and Parquet (Apache DataFusion \
     is most of the build time, so they are opt-in); build them with \
     `cargo install --path crates/cli --features sql` \
     (or `cargo run --release -p tifa-cli --features sql -- sql ...`)";

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
    /// Files or directories (searched recursively for .txt, .jsonl, .ndjson,
    /// .csv, .tsv and their .gz); `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Read every input as this format: txt, jsonl, csv or tsv (default: by
    /// extension; standard input and unknown extensions are txt).
    #[arg(long, value_name = "FORMAT", value_parser = parse_input_format)]
    input_format: Option<InputFormat>,
    /// The JSONL/CSV field holding the text (default: the first of text,
    /// content, full_text, body).
    #[arg(long, value_name = "FIELD")]
    text_field: Option<String>,
    /// The JSONL/CSV field holding the document id (default: path#line).
    #[arg(long, value_name = "FIELD")]
    id_field: Option<String>,
    /// Set a metadata value for every document (over fields and inference),
    /// e.g. --meta year=2023; repeatable.
    #[arg(long = "meta", value_name = "KEY=VALUE", value_parser = parse_meta)]
    meta: Vec<(String, String)>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Read large text files (16 MiB or more) into memory instead of
    /// mapping them: for files another process may change meanwhile.
    #[arg(long)]
    no_mmap: bool,
    /// Exit with status 1 when any input was skipped.
    #[arg(long)]
    strict_input: bool,
}

fn parse_input_format(s: &str) -> Result<InputFormat, String> {
    InputFormat::from_name(s)
        .ok_or_else(|| format!("unknown input format `{s}`: use txt, jsonl, csv or tsv"))
}

fn parse_meta(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!("`{s}` is not KEY=VALUE (e.g. --meta year=2023)")),
    }
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
    /// Group by these metadata fields (year, region, or any field of the
    /// records), e.g. --by year,region.
    #[arg(long, value_delimiter = ',', value_name = "FIELD")]
    by: Vec<String>,
    /// One row per group, one column per phrase.
    #[arg(long)]
    wide: bool,
    /// Only these phrases (canonical forms), e.g. --phrases 一府两院,一府一委两院.
    #[arg(long, value_delimiter = ',', value_name = "PHRASE")]
    phrases: Vec<String>,
    /// Only phrases of these categories.
    #[arg(long, value_delimiter = ',', value_name = "CATEGORY")]
    category: Vec<String>,
    /// Only the N phrases with the most occurrences.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
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

#[derive(Args)]
struct TrendArgs {
    #[command(flatten)]
    input: InputOpts,
    #[command(flatten)]
    matching: MatchOpts,
    #[command(flatten)]
    format: FormatOpt,
    /// The axis: a metadata field (year, congress, region …).
    #[arg(long, default_value = "year", value_name = "FIELD")]
    by: String,
    /// A second field: one line per value of it (e.g. region).
    #[arg(long, value_name = "FIELD")]
    by_also: Option<String>,
    /// Only these phrases.
    #[arg(long, value_delimiter = ',', value_name = "PHRASE")]
    phrases: Vec<String>,
    /// Only phrases of these categories.
    #[arg(long, value_delimiter = ',', value_name = "CATEGORY")]
    category: Vec<String>,
    /// Only the N phrases with the most occurrences (default 8 when no
    /// phrase or category is named).
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// One chart per category (a line per phrase) instead of one per phrase.
    #[arg(long)]
    per_category: bool,
    /// Write a report: .html (self-contained), .md (with SVG files beside
    /// it), or .svg (one chart of every series).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The report's title.
    #[arg(long)]
    title: Option<String>,
}

#[derive(Args)]
struct NumbersArgs {
    #[command(flatten)]
    input: InputOpts,
    #[command(flatten)]
    lexicon: LexiconOpts,
    #[command(flatten)]
    format: FormatOpt,
    /// Only these kinds: cardinal, percent, money, ordinal, year, date, range.
    #[arg(long, value_delimiter = ',', value_name = "KIND", value_parser = parse_kind)]
    kind: Vec<NumberKind>,
    /// The work-statistics view: one row per document × subject × unit with
    /// the summed value (召开常委会会议7次 → 常委会会议, 次, 7).
    #[arg(long)]
    subjects: bool,
}

fn parse_kind(s: &str) -> Result<NumberKind, String> {
    NumberKind::from_name(s).ok_or_else(|| {
        format!("unknown kind `{s}`: use cardinal, percent, money, ordinal, year, date or range")
    })
}

/// A row of `tifa numbers --subjects`.
#[derive(Serialize)]
struct SubjectRecord {
    doc: String,
    year: String,
    region: String,
    subject: String,
    unit: String,
    value: tifa_core::NumberValue,
    mentions: u64,
}

#[derive(Args)]
struct KwicArgs {
    /// The phrases, separated by commas (a phrase not in the lexicon is
    /// added to it for this run).
    #[arg(value_name = "PHRASE[,PHRASE…]")]
    phrases: String,
    #[command(flatten)]
    input: InputOpts,
    #[command(flatten)]
    matching: MatchOpts,
    #[command(flatten)]
    format: FormatOpt,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 20)]
    width: usize,
}

#[derive(Args)]
struct DiscoverArgs {
    #[command(flatten)]
    input: InputOpts,
    #[command(flatten)]
    lexicon: LexiconOpts,
    #[command(flatten)]
    format: FormatOpt,
    /// Leave out candidates seen fewer times.
    #[arg(long, default_value_t = 2)]
    min_count: u64,
    /// Only the N best candidates.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Print the candidates as a TOML lexicon file (category `candidate`),
    /// ready to edit and pass to --lexicon.
    #[arg(long)]
    as_lexicon: bool,
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
/// Warnings printed in full; the rest are counted in the account.
const MAX_WARNINGS: u64 = 50;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Count(args) => run_count(args),
        Command::Scan(args) => run_scan(args),
        Command::Trend(args) => run_trend(args),
        Command::Numbers(args) => run_numbers(args),
        Command::Kwic(args) => run_kwic(args),
        Command::Discover(args) => run_discover(args),
        Command::Lexicon(cmd) => run_lexicon(cmd),
        #[cfg(feature = "sql")]
        Command::Sql(args) => sql::run_sql(args),
        #[cfg(feature = "sql")]
        Command::Export(args) => sql::run_export(args),
        #[cfg(not(feature = "sql"))]
        Command::Sql { .. } | Command::Export { .. } => Err(NO_SQL.to_string()),
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

fn build_matcher(opts: &MatchOpts, lexicon: &Lexicon) -> Result<Matcher, String> {
    MatcherBuilder::new()
        .overlapping(opts.overlapping)
        .strict(opts.strict)
        .build(lexicon)
        .map_err(|e| e.to_string())
}

/// Entries named by `phrases` and `categories`; an unknown name is an error
/// that suggests the nearest phrases.
fn select_entries(
    lexicon: &Lexicon,
    phrases: &[String],
    categories: &[String],
) -> Result<Option<HashSet<EntryId>>, String> {
    if phrases.is_empty() && categories.is_empty() {
        return Ok(None);
    }
    let mut keep = HashSet::new();
    for p in phrases {
        match lexicon.find(p) {
            Some(id) => drop(keep.insert(id)),
            None => {
                return Err(format!(
                    "{p} is not a phrase of the lexicon{}; add it with --lexicon FILE",
                    suggest(lexicon, p)
                ))
            }
        }
    }
    for c in categories {
        let before = keep.len();
        keep.extend(
            lexicon
                .iter()
                .filter(|(_, e)| &e.category == c)
                .map(|(id, _)| id),
        );
        if keep.len() == before && !lexicon.entries().iter().any(|e| &e.category == c) {
            let mut known: Vec<&str> = lexicon
                .entries()
                .iter()
                .map(|e| e.category.as_str())
                .collect();
            known.sort_unstable();
            known.dedup();
            return Err(format!(
                "no phrase has category {c}; the categories are {}",
                known.join(", ")
            ));
        }
    }
    Ok(Some(keep))
}

/// ` (did you mean …?)` with the phrases sharing the most characters.
fn suggest(lexicon: &Lexicon, p: &str) -> String {
    let chars: HashSet<char> = p.chars().collect();
    let mut scored: Vec<(usize, &str)> = lexicon
        .entries()
        .iter()
        .map(|e| {
            (
                e.phrase.chars().filter(|c| chars.contains(c)).count(),
                e.phrase.as_str(),
            )
        })
        .filter(|(n, _)| *n > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let best: Vec<&str> = scored.iter().take(3).map(|(_, p)| *p).collect();
    if best.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", best.join(", "))
    }
}

/// What a run read, for the account printed on stderr (SPEC §3).
#[derive(Default)]
struct Account {
    read: u64,
    processed: u64,
    skipped: u64,
    warnings: u64,
    chars: u64,
    bytes: u64,
    matches: u64,
    ignored: usize,
    config_errors: usize,
    skip_reasons: BTreeMap<String, u64>,
    started: Option<Instant>,
    progress: Option<indicatif::ProgressBar>,
}

impl Account {
    fn start(total_bytes: u64) -> Account {
        Account {
            started: Some(Instant::now()),
            progress: std::io::stderr().is_terminal().then(|| {
                let bar = indicatif::ProgressBar::with_draw_target(
                    Some(total_bytes),
                    indicatif::ProgressDrawTarget::hidden(),
                );
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{spinner} {bytes}/{total_bytes} {bytes_per_sec} {pos:>0}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar
            }),
            ..Account::default()
        }
    }

    fn elapsed(&self) -> Duration {
        self.started.map(|s| s.elapsed()).unwrap_or_default()
    }

    fn document(&mut self, doc: &DocInfo) {
        self.read += 1;
        self.processed += 1;
        self.bytes += doc.bytes;
        self.chars += doc.chars;
        if let Some(bar) = &self.progress {
            // Shown only once a run has lasted a second: short runs stay quiet.
            if bar.is_hidden() && self.elapsed() > Duration::from_secs(1) {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.set_position(self.bytes);
        }
    }

    fn skipped(&mut self, notice: &Notice) {
        self.read += 1;
        self.skipped += 1;
        // The reason's words without its numbers, so that like skips add up
        // ("row has 2 fields" and "row has 1 fields" → "row has N fields").
        let head = notice
            .message
            .split([',', '(', ';', ':'])
            .next()
            .unwrap_or("")
            .trim();
        let mut reason = String::with_capacity(head.len());
        for c in head.chars() {
            if c.is_ascii_digit() {
                if !reason.ends_with('N') {
                    reason.push('N');
                }
            } else {
                reason.push(c);
            }
        }
        *self.skip_reasons.entry(reason).or_default() += 1;
        self.say("skipped", notice);
    }

    fn warning(&mut self, notice: &Notice) {
        self.warnings += 1;
        self.say("warning", notice);
    }

    fn say(&self, what: &str, notice: &Notice) {
        if self.skipped + self.warnings <= MAX_WARNINGS {
            self.suspend(|| eprintln!("tifa: {what}: {notice}"));
        }
    }

    fn suspend(&self, f: impl FnOnce()) {
        match &self.progress {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn print(&self) {
        if let Some(bar) = &self.progress {
            bar.finish_and_clear();
        }
        let secs = self.elapsed().as_secs_f64();
        let mb_s = if secs > 0.0 {
            self.bytes as f64 / 1e6 / secs
        } else {
            0.0
        };
        let mut line = format!(
            "tifa: {} documents read ({} processed, {} skipped), {} characters, {} matches, {:.2} s, {:.1} MB/s",
            self.read, self.processed, self.skipped, self.chars, self.matches, secs, mb_s
        );
        if !self.skip_reasons.is_empty() {
            let reasons: Vec<String> = self
                .skip_reasons
                .iter()
                .map(|(r, n)| format!("{n} {r}"))
                .collect();
            line.push_str(&format!("; skipped: {}", reasons.join(", ")));
        }
        if self.warnings > 0 {
            line.push_str(&format!("; {} warnings", self.warnings));
        }
        if self.skipped + self.warnings > MAX_WARNINGS {
            line.push_str(&format!(" (the first {MAX_WARNINGS} shown)"));
        }
        if self.ignored > 0 {
            line.push_str(&format!(
                "; {} files in directories passed over (not a corpus format)",
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

/// Reads every input, runs `work` on each document in parallel, and calls
/// `each` with the results in input order; keeps the account.
/// `--threads`, or one per core.
fn thread_count(input: &InputOpts) -> usize {
    input
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

fn run_corpus<T: Send>(
    input: &InputOpts,
    work: impl Fn(&Document) -> T + Sync,
    mut each: impl FnMut(&DocInfo, T, &mut Account),
) -> Result<Account, String> {
    let threads = thread_count(input);
    let found = find_inputs(&input.paths);
    for e in &found.errors {
        eprintln!("tifa: error: {e}");
    }
    let mut account = Account::start(found.bytes);
    account.config_errors = found.errors.len();
    account.ignored = found.ignored.len();
    for w in &found.warnings {
        account.warning(w);
    }
    let opts = ReadOptions {
        format: input.input_format,
        text_field: input.text_field.clone(),
        id_field: input.id_field.clone(),
        meta: input.meta.clone(),
        no_mmap: input.no_mmap,
    };
    for_each_in_order(&found.inputs, &opts, threads, work, |item| match item {
        Item::Document(doc, result) => {
            account.document(&doc);
            each(&doc, result, &mut account);
        }
        Item::Skipped(n) => account.skipped(&n),
        Item::Warning(n) => account.warning(&n),
    });
    Ok(account)
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

fn io_err(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        // The reader went away (`tifa … | head`): stop quietly, like other
        // Unix tools.
        std::process::exit(0);
    }
    format!("cannot write the output: {e}")
}

fn run_count(args: CountArgs) -> Result<ExitCode, String> {
    let lexicon = load_lexicon(&args.matching.lexicon)?;
    let selection = RowSelection {
        all_phrases: args.all_phrases,
        entries: select_entries(&lexicon, &args.phrases, &args.category)?,
        top: args.top,
    };
    let matcher = build_matcher(&args.matching, &lexicon)?;
    let mut table = CountTable::new(args.by.clone());
    let threads = thread_count(&args.input);
    let account = run_corpus(
        &args.input,
        // A long document (one big file) is counted on every thread, cut
        // after sentence ends; short ones on their worker alone.
        |doc| matcher.count_parallel(&doc.text, threads),
        |doc, counts, account| {
            account.matches += counts.total_literal() + counts.total_expanded();
            let key = args.by.iter().map(|f| group_value(doc, f)).collect();
            table.add(key, &counts, doc.chars);
        },
    )?;
    let format = Format::resolve(args.format.format);
    if args.wide {
        let rows = table.wide(matcher.lexicon(), &selection);
        let mut p = Printer::new(format, &["docs", "chars"]);
        p.push_all(&rows).map_err(io_err)?;
        p.finish().map_err(io_err)?;
    } else {
        let rows = table.select(matcher.lexicon(), &selection);
        let mut columns: Vec<&str> = args.by.iter().map(String::as_str).collect();
        columns.extend(COUNT_COLUMNS);
        let mut p = Printer::new(format, &columns);
        p.push_all(&rows).map_err(io_err)?;
        p.finish().map_err(io_err)?;
    }
    note_missing_groups(&args.by, &table);
    account.print();
    Ok(account.exit_code(args.input.strict_input))
}

/// The value of a `--by` field for a document (`id` is the document id);
/// empty when the document has none.
fn group_value(doc: &DocInfo, field: &str) -> String {
    meta_value(&doc.id, &doc.meta, field)
}

/// A metadata field of a document (`id`/`doc` is its id), empty if absent.
fn meta_value(id: &str, meta: &tifa_corpus::Metadata, field: &str) -> String {
    match field {
        "id" | "doc" => id.to_string(),
        _ => meta.get(field).cloned().unwrap_or_default(),
    }
}

/// Says how to fill a grouping field that some documents lack.
fn note_missing_groups(by: &[String], table: &CountTable) {
    for (i, field) in by.iter().enumerate() {
        let missing = table
            .group_docs()
            .filter(|(k, _)| k[i].is_empty())
            .map(|(_, d)| d)
            .sum::<u64>();
        if missing > 0 {
            eprintln!(
                "tifa: note: {missing} documents have no `{field}` (shown as an empty group); set it with --meta {field}=… or a `{field}` field in the records"
            );
        }
    }
}

/// Runs `work` on every document and prints the records it returns, in
/// input order (scan, kwic, numbers).
fn print_per_document<R: Serialize + Send>(
    input: &InputOpts,
    mut printer: Printer,
    work: impl Fn(&Document) -> Vec<R> + Sync,
) -> Result<ExitCode, String> {
    let mut failed = None;
    let account = run_corpus(input, work, |_, records, account| {
        account.matches += records.len() as u64;
        if failed.is_none() {
            failed = printer.push_all(&records).err();
        }
    })?;
    if let Some(e) = failed {
        return Err(io_err(e));
    }
    printer.finish().map_err(io_err)?;
    account.print();
    Ok(account.exit_code(input.strict_input))
}

fn run_scan(args: ScanArgs) -> Result<ExitCode, String> {
    let lexicon = load_lexicon(&args.matching.lexicon)?;
    let matcher = build_matcher(&args.matching, &lexicon)?;
    let printer = Printer::new(Format::resolve(args.format.format), SCAN_COLUMNS);
    print_per_document(&args.input, printer, |doc| {
        scan(&matcher, &doc.id, &doc.text)
    })
}

const NUMBER_COLUMNS: &[&str] = &[
    "doc",
    "text",
    "start",
    "end",
    "char_start",
    "char_end",
    "kind",
    "value",
    "value_high",
    "unit",
    "approx",
    "placeholder",
    "subject",
];

fn run_trend(args: TrendArgs) -> Result<ExitCode, String> {
    let lexicon = load_lexicon(&args.matching.lexicon)?;
    let entries = select_entries(&lexicon, &args.phrases, &args.category)?;
    let top = args.top.or(entries.is_none().then_some(8));
    let selection = RowSelection {
        all_phrases: false,
        entries,
        top,
    };
    let matcher = build_matcher(&args.matching, &lexicon)?;
    let mut by = vec![args.by.clone()];
    by.extend(args.by_also.clone());
    let mut table = CountTable::new(by.clone());
    let threads = thread_count(&args.input);
    let account = run_corpus(
        &args.input,
        // A long document (one big file) is counted on every thread, cut
        // after sentence ends; short ones on their worker alone.
        |doc| matcher.count_parallel(&doc.text, threads),
        |doc, counts, account| {
            account.matches += counts.total_literal() + counts.total_expanded();
            table.add(
                by.iter().map(|f| group_value(doc, f)).collect(),
                &counts,
                doc.chars,
            );
        },
    )?;
    let trend = tifa_report::Trend::new(&table, matcher.lexicon(), &selection)
        .map_err(|e| e.to_string())?;
    if trend.without_axis > 0 {
        eprintln!(
            "tifa: note: {} documents have no `{}` and are left out of the trend; set it with --meta {}=… or a field",
            trend.without_axis, args.by, args.by
        );
    }
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| format!("tifa trend by {}", args.by));
    let format = Format::resolve(args.format.format);
    match &args.out {
        None => {
            let mut p = Printer::new(
                format,
                &[
                    "x", "group", "phrase", "category", "count", "docs", "chars", "per_10k",
                ],
            );
            p.push_all(&trend.rows()).map_err(io_err)?;
            p.finish().map_err(io_err)?;
        }
        Some(path) => {
            write_report(&trend, &title, path, args.per_category)?;
            eprintln!("tifa: wrote {}", path.display());
            let mut p = Printer::new(
                format,
                &[
                    "phrase",
                    "group",
                    "first",
                    "last",
                    "peak",
                    "total",
                    "change_per_10k",
                ],
            );
            p.push_all(&trend.summaries()).map_err(io_err)?;
            p.finish().map_err(io_err)?;
        }
    }
    account.print();
    Ok(account.exit_code(args.input.strict_input))
}

/// Writes the report `path` asks for, by its extension.
fn write_report(
    trend: &tifa_report::Trend,
    title: &str,
    path: &std::path::Path,
    per_category: bool,
) -> Result<(), String> {
    let write = |p: &std::path::Path, text: &str| {
        std::fs::write(p, text).map_err(|e| format!("{}: cannot write: {e}", p.display()))
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => write(path, &tifa_report::html_report(trend, title, per_category)?),
        "md" | "markdown" => {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("report");
            let (md, files) = tifa_report::markdown_report(trend, title, stem, per_category)?;
            let dir = path.parent().unwrap_or(std::path::Path::new("."));
            for (name, svg) in files {
                write(&dir.join(name), &svg)?;
            }
            write(path, &md)
        }
        "svg" => {
            let all: Vec<&tifa_report::Series> = trend.series.iter().collect();
            write(path, &trend.chart_svg(title, &all, (960, 480))?)
        }
        _ => Err(format!(
            "{}: --out takes a .html, .md or .svg file",
            path.display()
        )),
    }
}

fn run_numbers(args: NumbersArgs) -> Result<ExitCode, String> {
    let lexicon = load_lexicon(&args.lexicon)?;
    let extractor = NumberExtractor::new(&lexicon).map_err(|e| e.to_string())?;
    let format = Format::resolve(args.format.format);
    let kinds = args.kind.clone();
    let mentions = |doc: &Document| -> Vec<NumberMention> {
        let mut found = extractor.extract(&doc.text);
        found.retain(|m| kinds.is_empty() || kinds.contains(&m.kind));
        found
    };
    if args.subjects {
        let columns = [
            "doc", "year", "region", "subject", "unit", "value", "mentions",
        ];
        print_per_document(&args.input, Printer::new(format, &columns), |doc| {
            numbers_by_subject(&mentions(doc))
                .into_iter()
                .map(|t| SubjectRecord {
                    doc: doc.id.clone(),
                    year: meta_value(&doc.id, &doc.meta, "year"),
                    region: meta_value(&doc.id, &doc.meta, "region"),
                    subject: t.subject,
                    unit: t.unit,
                    value: t.value,
                    mentions: t.mentions,
                })
                .collect()
        })
    } else {
        print_per_document(&args.input, Printer::new(format, NUMBER_COLUMNS), |doc| {
            mentions(doc)
                .into_iter()
                .map(|mention| NumberRecord {
                    doc: doc.id.clone(),
                    mention,
                })
                .collect()
        })
    }
}

fn run_kwic(args: KwicArgs) -> Result<ExitCode, String> {
    let mut lexicon = load_lexicon(&args.matching.lexicon)?;
    let wanted: Vec<String> = args
        .phrases
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    if wanted.is_empty() {
        return Err("kwic needs at least one phrase, e.g. tifa kwic 两院,一府两院 PATH".into());
    }
    let mut added = Vec::new();
    for p in &wanted {
        if lexicon.find_form(p).is_none() {
            added.push(Entry::new(p.clone(), tifa_core::DEFAULT_CATEGORY));
        }
    }
    if !added.is_empty() {
        let names: Vec<&str> = added.iter().map(|e| e.phrase.as_str()).collect();
        eprintln!(
            "tifa: note: not in the lexicon, added for this run: {}",
            names.join(", ")
        );
        let extra = Lexicon::from_entries(added, "<command line>").map_err(|e| e.to_string())?;
        lexicon.merge(extra).map_err(|e| e.to_string())?;
    }
    let matcher = build_matcher(&args.matching, &lexicon)?;
    // A variant names its entry: kwic shows the entry's matches in any form.
    let keep: HashSet<EntryId> = wanted.iter().filter_map(|p| lexicon.find_form(p)).collect();
    let printer = Printer::new(
        Format::resolve(args.format.format),
        &["doc", "left", "match", "right", "start", "char_start"],
    )
    .align_right(&["left"]);
    print_per_document(&args.input, printer, |doc| {
        kwic(
            &matcher,
            &doc.id,
            &doc.text,
            |m| keep.contains(&m.entry()),
            args.width,
        )
    })
}

fn run_discover(args: DiscoverArgs) -> Result<ExitCode, String> {
    let lexicon = load_lexicon(&args.lexicon)?;
    let matcher = Matcher::new(&lexicon).map_err(|e| e.to_string())?;
    let mut discovery = Discovery::new();
    let mut account = run_corpus(
        &args.input,
        |doc| candidates(&matcher, &doc.text),
        |doc, found, _| discovery.add(&doc.id, found),
    )?;
    let mut ranked = discovery.ranked(args.min_count);
    if let Some(n) = args.top {
        ranked.truncate(n);
    }
    account.matches = ranked.len() as u64;
    if args.as_lexicon {
        let entries: Vec<Entry> = ranked
            .iter()
            .map(|r| {
                let mut e = Entry::new(r.phrase.clone(), "candidate");
                e.note = Some(format!(
                    "{}; {} times in {} documents; e.g. {}",
                    r.kind, r.count, r.docs, r.example
                ));
                e
            })
            .collect();
        print_lexicon_toml(&entries)?;
    } else {
        let mut p = Printer::new(
            Format::resolve(args.format.format),
            &["phrase", "kind", "count", "docs", "example", "doc"],
        );
        p.push_all(&ranked).map_err(io_err)?;
        p.finish().map_err(io_err)?;
    }
    account.print();
    Ok(account.exit_code(args.input.strict_input))
}

fn print_lexicon_toml(entries: &[Entry]) -> Result<(), String> {
    #[derive(Serialize)]
    struct File<'a> {
        entry: &'a [Entry],
    }
    let text = toml::to_string(&File { entry: entries }).map_err(|e| e.to_string())?;
    println!("{}", text.trim_end());
    Ok(())
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
            let mut p = Printer::new(
                Format::resolve(format.format),
                &[
                    "phrase", "category", "variants", "members", "note", "source",
                ],
            );
            p.push_all(&records).map_err(io_err)?;
            p.finish().map_err(io_err)?;
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
            if format == "json" {
                let text =
                    serde_json::to_string_pretty(lexicon.entries()).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                print_lexicon_toml(lexicon.entries())?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
