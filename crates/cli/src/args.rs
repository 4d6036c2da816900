//! The command line: every subcommand's flags and their help, apart from
//! what the commands do with them (`commands/`). Help speaks to users;
//! the column meanings are spelled out where a command prints a table.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use tifa_core::stats::Measure;
use tifa_core::{LexiconSources, MatchOptions, NumberKind};
use tifa_corpus::InputFormat;

use crate::output::Format;

/// Count and trace Chinese official formulations (提法) in corpora.
#[derive(Parser)]
#[command(name = "tifa", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Count each phrase: one row per group × phrase.
    ///
    /// Columns: the --by fields, then phrase, category; count (literal
    /// matches: leftmost-longest, across line breaks and spaces, in
    /// traditional or full-width form too); expanded (enumerated lists such
    /// as 政治机关、权力机关、工作机关和代表机关 for 四个机关, counted apart);
    /// docs (documents of the group holding the phrase); chars (characters
    /// of the group's documents); per_10k (count per 10,000 characters). A
    /// phrase given with --phrases that the lexicon lacks is counted too.
    ///
    /// With --dispersion, two more columns say how evenly the phrase is
    /// spread over the documents of the group (by `count`, each document
    /// weighted by its characters): dp, Gries' DP, 0 when the phrase occurs
    /// exactly in proportion to the documents' sizes, towards 1 when it is
    /// packed into a few small parts of the group; juilland_d, Juilland's D,
    /// 1 for the same rate in every document, 0 for all in one. Empty when
    /// undefined (D needs two documents).
    Count(CountArgs),
    /// Which phrases set one group apart from the others (keyness): a row
    /// per phrase, largest G² first.
    ///
    /// Target: the documents whose --by field has a --target value;
    /// reference: those with a --reference value, or every other document
    /// with the field. Columns: phrase, category; target_count,
    /// target_chars, reference_count, reference_chars (literal matches and
    /// characters of each side); target_per_10k, reference_per_10k; g2
    /// (log-likelihood, Dunning 1993 in the Rayson & Garside form: 3.84 is
    /// p < 0.05, 6.63 p < 0.01, 10.83 p < 0.001) and p (chi-squared, 1 df);
    /// with --yates chi2 (Yates-corrected chi², full 2×2 table) and p_chi2;
    /// log_ratio (Hardie 2014: log2 of the ratio of the two rates, 1 = twice
    /// as frequent in the target, a zero count taken as 0.5; the effect
    /// size, where g2 is the evidence); use (over or under: the direction).
    Keyness(KeynessArgs),
    /// The words around each match of a phrase, scored: what it keeps
    /// company with. A row per collocate, largest --sort measure first.
    ///
    /// Text is folded first (a phrase broken by a line break or written in
    /// traditional characters has the same neighbours as its plain form);
    /// the phrase and every lexicon phrase are one word each; the rest is
    /// cut into words by jieba-rs (or character n-grams, --chars N); a word
    /// has a letter or digit (punctuation and spaces are none). Windows:
    /// --window words each side, within a document; the words they cover,
    /// each once, never the phrase itself, are W.
    ///
    /// Columns: collocate; observed (O: times in the windows); freq (f_c:
    /// times in the corpus); expected (E = W·f_c/N, N the corpus's words);
    /// g2 (log-likelihood over the 2×2 table of window words against the
    /// rest, negative when O < E); mi (log2(O/E)); t ((O − E)/√O).
    Collocates(CollocatesArgs),
    /// One record per match, with its position.
    ///
    /// Columns: doc, phrase (its canonical form), category, variant (the
    /// variant written, if any), form (literal or expanded), quoted (true
    /// when “”, 「」 or the like stand right around it), start and end (byte
    /// offsets), char_start and char_end (character offsets), line.
    Scan(ScanArgs),
    /// How phrase frequencies change along a field (year, congress, region):
    /// the series, a summary per phrase, and charts (--out report.html,
    /// report.md or chart.svg).
    Trend(TrendArgs),
    /// Every number as clean data: one record per mention.
    ///
    /// Columns: doc; text (as written); start, end, char_start, char_end;
    /// kind (cardinal, percent, money, ordinal, year, date, range); value
    /// (exact; an ISO date for dates); value_high (the end of a range); unit
    /// (the magnitude taken out: 1.2万亿元 → 1200000000000, 元); approx (多,
    /// 余, 近, 约 … when the text gives one); placeholder (true for template
    /// numbers such as x次, with no value); subject (what a count counts,
    /// when its clause says: 召开常委会会议7次 → 常委会会议).
    Numbers(NumbersArgs),
    /// Concordance: each match of the given phrases with its context.
    ///
    /// Columns: doc, left, match, right (--width characters each side, line
    /// breaks shown as spaces), start, char_start. A phrase the lexicon
    /// lacks is searched for too.
    Kwic(KwicArgs),
    /// Candidate formulations not in the lexicon: quoted terms, numbered
    /// formulas (两个…, N个X), paired ones (一X一Y).
    ///
    /// Columns: phrase, kind (quoted, numbered, paired), count, docs,
    /// example (a context), doc (where the example is from).
    Discover(DiscoverArgs),
    /// Show, validate or export the lexicon.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Run a SQL query (Apache DataFusion) over tables of documents, with
    /// tifa_count, tifa_matches and tifa_numbers.
    #[cfg(feature = "sql")]
    Sql(SqlArgs),
    /// Write a corpus as a Parquet table (one row per document) for `tifa
    /// sql` or any SQL engine.
    #[cfg(feature = "sql")]
    Export(ExportArgs),
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
pub(crate) const NO_SQL: &str = "this tifa was built without SQL and Parquet (Apache DataFusion \
     is most of the build time, so they are opt-in); build them with \
     `cargo install --path crates/cli --features sql` \
     (or `cargo run --release -p tifa-cli --features sql -- sql ...`)";

#[derive(Args)]
pub(crate) struct LexiconOpts {
    /// Add or replace entries from a lexicon file (.toml, .json, .csv, .tsv,
    /// or one phrase a line); repeatable.
    #[arg(long = "lexicon", value_name = "FILE")]
    pub(crate) lexicons: Vec<PathBuf>,
    /// Use only the --lexicon files, not the built-in lexicon.
    #[arg(long)]
    pub(crate) lexicon_only: bool,
}

/// The phrases a count or trend reports.
#[derive(Args)]
pub(crate) struct SelectOpts {
    /// Only these phrases (a phrase or a variant; one the lexicon lacks is
    /// counted too), e.g. --phrases 一府两院,一府一委两院,改革开放.
    #[arg(long, value_delimiter = ',', value_name = "PHRASE")]
    pub(crate) phrases: Vec<String>,
    /// Only phrases of these categories.
    #[arg(long, value_delimiter = ',', value_name = "CATEGORY")]
    pub(crate) category: Vec<String>,
}

#[derive(Args)]
pub(crate) struct MatchOpts {
    #[command(flatten)]
    pub(crate) lexicon: LexiconOpts,
    /// Report every occurrence of every phrase, nested ones included.
    #[arg(long)]
    pub(crate) overlapping: bool,
    /// No normalization: no skipping of line breaks and spaces inside
    /// phrases, no full-width or traditional folding.
    #[arg(long)]
    pub(crate) strict: bool,
}

#[derive(Args)]
pub(crate) struct InputOpts {
    /// Files or directories (searched recursively for .txt, .jsonl, .ndjson,
    /// .csv, .tsv and their .gz); `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Read every input as this format: txt, jsonl, csv or tsv (default: by
    /// extension; standard input and unknown extensions are txt).
    #[arg(long, value_name = "FORMAT", value_parser = parse_input_format)]
    pub(crate) input_format: Option<InputFormat>,
    /// The JSONL/CSV field holding the text (default: the first of text,
    /// content, full_text, body).
    #[arg(long, value_name = "FIELD")]
    pub(crate) text_field: Option<String>,
    /// The JSONL/CSV field holding the document id (default: path#line).
    #[arg(long, value_name = "FIELD")]
    pub(crate) id_field: Option<String>,
    /// Set a metadata value for every document (over fields and inference),
    /// e.g. --meta year=2023; repeatable.
    #[arg(long = "meta", value_name = "KEY=VALUE", value_parser = parse_meta)]
    pub(crate) meta: Vec<(String, String)>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub(crate) threads: Option<usize>,
    /// Read large text files (16 MiB or more) into memory instead of
    /// mapping them: for files another process may change meanwhile.
    #[arg(long)]
    pub(crate) no_mmap: bool,
    /// Exit with status 1 when any input was skipped.
    #[arg(long)]
    pub(crate) strict_input: bool,
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
pub(crate) struct FormatOpt {
    /// Output format (default: table on a terminal, csv otherwise).
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
}

#[derive(Args)]
pub(crate) struct CountArgs {
    #[command(flatten)]
    pub(crate) input: InputOpts,
    #[command(flatten)]
    pub(crate) matching: MatchOpts,
    #[command(flatten)]
    pub(crate) format: FormatOpt,
    /// Group by these metadata fields (year, region, or any field of the
    /// records), e.g. --by year,region.
    #[arg(long, value_delimiter = ',', value_name = "FIELD")]
    pub(crate) by: Vec<String>,
    /// One row per group, one column per phrase.
    #[arg(long)]
    pub(crate) wide: bool,
    /// Add dp (Gries' DP) and juilland_d (Juilland's D): how evenly each
    /// phrase is spread over the documents of its group.
    #[arg(long, conflicts_with = "wide")]
    pub(crate) dispersion: bool,
    #[command(flatten)]
    pub(crate) select: SelectOpts,
    /// Only the N phrases with the most occurrences.
    #[arg(long, value_name = "N")]
    pub(crate) top: Option<usize>,
    /// Also list phrases with no occurrence.
    #[arg(long)]
    pub(crate) all_phrases: bool,
}

#[derive(Args)]
pub(crate) struct ScanArgs {
    #[command(flatten)]
    pub(crate) input: InputOpts,
    #[command(flatten)]
    pub(crate) matching: MatchOpts,
    #[command(flatten)]
    pub(crate) format: FormatOpt,
}

#[derive(Args)]
pub(crate) struct KeynessArgs {
    #[command(flatten)]
    pub(crate) input: InputOpts,
    #[command(flatten)]
    pub(crate) matching: MatchOpts,
    #[command(flatten)]
    pub(crate) format: FormatOpt,
    /// The field whose groups are compared (year, region, congress, or any
    /// field of the records).
    #[arg(long, required = true, value_name = "FIELD")]
    pub(crate) by: String,
    /// The value(s) of the field that make up the target, e.g. --target 2023.
    #[arg(long, required = true, value_delimiter = ',', value_name = "VALUE")]
    pub(crate) target: Vec<String>,
    /// The value(s) that make up the reference (default: every other value;
    /// documents without the field are in neither).
    #[arg(long, value_delimiter = ',', value_name = "VALUE")]
    pub(crate) reference: Vec<String>,
    #[command(flatten)]
    pub(crate) select: SelectOpts,
    /// Also chi² with Yates' correction and its p-value (chi2, p_chi2).
    #[arg(long)]
    pub(crate) yates: bool,
}

#[derive(Args)]
pub(crate) struct CollocatesArgs {
    /// The phrase (a lexicon phrase or variant, in any folding; one the
    /// lexicon lacks is searched for too).
    #[arg(value_name = "PHRASE")]
    pub(crate) phrase: String,
    #[command(flatten)]
    pub(crate) input: InputOpts,
    #[command(flatten)]
    pub(crate) matching: MatchOpts,
    #[command(flatten)]
    pub(crate) format: FormatOpt,
    /// Words on each side of a match.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub(crate) window: usize,
    /// Character n-grams of this length instead of words.
    #[arg(long, value_name = "N")]
    pub(crate) chars: Option<usize>,
    /// Only collocates at least this frequent in the corpus (f_c).
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub(crate) min_freq: u64,
    /// Only collocates seen at least this often in the windows (O).
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub(crate) min_co: u64,
    /// Sort by g2, mi or t.
    #[arg(long, default_value = "g2", value_parser = parse_measure)]
    pub(crate) sort: Measure,
    /// Only the first N rows.
    #[arg(long, value_name = "N")]
    pub(crate) top: Option<usize>,
}

fn parse_measure(s: &str) -> Result<Measure, String> {
    Measure::from_name(s).ok_or_else(|| format!("unknown measure `{s}`: use g2, mi or t"))
}

#[derive(Args)]
pub(crate) struct TrendArgs {
    #[command(flatten)]
    pub(crate) input: InputOpts,
    #[command(flatten)]
    pub(crate) matching: MatchOpts,
    #[command(flatten)]
    pub(crate) format: FormatOpt,
    /// The axis: a metadata field (year, congress, region …).
    #[arg(long, default_value = "year", value_name = "FIELD")]
    pub(crate) by: String,
    /// A second field: one line per value of it (e.g. region).
    #[arg(long, value_name = "FIELD")]
    pub(crate) by_also: Option<String>,
    #[command(flatten)]
    pub(crate) select: SelectOpts,
    /// Only the N phrases with the most occurrences (default 8 when no
    /// phrase or category is named).
    #[arg(long, value_name = "N")]
    pub(crate) top: Option<usize>,
    /// One chart per category (a line per phrase) instead of one per phrase.
    #[arg(long)]
    pub(crate) per_category: bool,
    /// Write a report: .html (self-contained), .md (with SVG files beside
    /// it), or .svg (one chart of every series).
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
    /// The report's title.
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// Axis values whose documents hold fewer characters than this are
    /// marked (hollow points) and left out of the summary: one short text
    /// makes a rate of noise.
    #[arg(long, default_value_t = 2000, value_name = "N")]
    pub(crate) min_chars: u64,
    /// Give each chart its own scale (default: one scale for all, so that
    /// heights compare across charts).
    #[arg(long)]
    pub(crate) own_scale: bool,
}

#[derive(Args)]
pub(crate) struct NumbersArgs {
    #[command(flatten)]
    pub(crate) input: InputOpts,
    #[command(flatten)]
    pub(crate) lexicon: LexiconOpts,
    #[command(flatten)]
    pub(crate) format: FormatOpt,
    /// Only these kinds: cardinal, percent, money, ordinal, year, date, range.
    #[arg(long, value_delimiter = ',', value_name = "KIND", value_parser = parse_kind)]
    pub(crate) kind: Vec<NumberKind>,
    /// The work-statistics view: one row per document × subject × unit with
    /// the summed value (召开常委会会议7次 → 常委会会议, 次, 7).
    #[arg(long)]
    pub(crate) subjects: bool,
}

fn parse_kind(s: &str) -> Result<NumberKind, String> {
    NumberKind::from_name(s).ok_or_else(|| {
        format!("unknown kind `{s}`: use cardinal, percent, money, ordinal, year, date or range")
    })
}

#[derive(Args)]
pub(crate) struct KwicArgs {
    /// The phrases, separated by commas (a phrase not in the lexicon is
    /// added to it for this run).
    #[arg(value_name = "PHRASE[,PHRASE…]")]
    pub(crate) phrases: String,
    #[command(flatten)]
    pub(crate) input: InputOpts,
    #[command(flatten)]
    pub(crate) matching: MatchOpts,
    #[command(flatten)]
    pub(crate) format: FormatOpt,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 20)]
    pub(crate) width: usize,
}

#[derive(Args)]
pub(crate) struct DiscoverArgs {
    #[command(flatten)]
    pub(crate) input: InputOpts,
    #[command(flatten)]
    pub(crate) lexicon: LexiconOpts,
    #[command(flatten)]
    pub(crate) format: FormatOpt,
    /// Leave out candidates seen fewer times.
    #[arg(long, default_value_t = 2)]
    pub(crate) min_count: u64,
    /// Only the N best candidates.
    #[arg(long, value_name = "N")]
    pub(crate) top: Option<usize>,
    /// Print the candidates as a TOML lexicon file (category `candidate`),
    /// ready to edit and pass to --lexicon.
    #[arg(long)]
    pub(crate) as_lexicon: bool,
}

#[derive(Subcommand)]
pub(crate) enum LexiconCommand {
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

impl LexiconOpts {
    /// Where the lexicon comes from (loaded by tifa-core, as every front
    /// end loads it).
    pub(crate) fn sources(&self) -> LexiconSources {
        LexiconSources {
            files: self.lexicons.clone(),
            only: self.lexicon_only,
        }
    }
}

impl MatchOpts {
    /// The matching switches.
    pub(crate) fn options(&self) -> MatchOptions {
        MatchOptions {
            overlapping: self.overlapping,
            strict: self.strict,
        }
    }
}

#[cfg(feature = "sql")]
#[derive(Args)]
pub(crate) struct SqlArgs {
    /// The query, e.g. "SELECT year, c['phrase'] AS phrase, sum(c['count'])
    /// FROM (SELECT year, unnest(tifa_count(text)) AS c FROM corpus) GROUP BY
    /// year, phrase ORDER BY year".
    pub(crate) query: String,
    /// A table for the query: NAME=PATH, where PATH is a .parquet, .csv,
    /// .tsv, .jsonl/.ndjson/.json file (or .gz of the text formats), a
    /// directory of such files, or a glob ('corpus/*.parquet'); repeatable.
    #[arg(long = "table", value_name = "NAME=PATH", value_parser = parse_table)]
    pub(crate) tables: Vec<(String, String)>,
    #[command(flatten)]
    pub(crate) matching: MatchOpts,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub(crate) threads: Option<usize>,
    #[command(flatten)]
    pub(crate) format: FormatOpt,
}

#[cfg(feature = "sql")]
fn parse_table(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, path)) if !name.trim().is_empty() && !path.is_empty() => {
            Ok((name.trim().to_string(), path.to_string()))
        }
        _ => Err(format!(
            "`{s}` is not NAME=PATH (e.g. --table corpus=corpus.parquet)"
        )),
    }
}

#[cfg(feature = "sql")]
#[derive(Args)]
pub(crate) struct ExportArgs {
    /// Write the documents to this Parquet file, one row each: columns
    /// doc, title, date, year, region, meta, text.
    #[arg(long, value_name = "FILE")]
    pub(crate) parquet: PathBuf,
    #[command(flatten)]
    pub(crate) input: InputOpts,
}
