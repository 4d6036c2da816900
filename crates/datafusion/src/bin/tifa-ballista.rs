//! `tifa-ballista`: a Ballista scheduler or executor that knows tifa's SQL
//! functions. Every process of a cluster must run with the same lexicon.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tifa_core::LexiconSources;
use tifa_datafusion::{run_executor, run_scheduler, ExecutorSettings, TifaFunctions};

#[derive(Parser)]
#[command(name = "tifa-ballista", version, about)]
struct Cli {
    #[command(subcommand)]
    role: Role,
}

#[derive(Subcommand)]
enum Role {
    /// Plans queries and hands their tasks to executors.
    Scheduler {
        /// Address to listen on.
        #[arg(long, default_value = "0.0.0.0:50050")]
        bind: SocketAddr,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Runs tasks for a scheduler.
    Executor {
        /// Address to listen on (Arrow Flight, where results are fetched).
        #[arg(long, default_value = "0.0.0.0:50051")]
        bind: SocketAddr,
        /// Host name other machines reach this executor by.
        #[arg(long)]
        external_host: Option<String>,
        /// gRPC port.
        #[arg(long, default_value_t = 50052)]
        grpc_port: u16,
        /// The scheduler, HOST:PORT.
        #[arg(long, default_value = "localhost:50050")]
        scheduler: String,
        /// Tasks run at once (default: one per core).
        #[arg(long)]
        concurrent_tasks: Option<usize>,
        /// Seconds to keep trying to reach the scheduler at start.
        #[arg(long, default_value_t = 60)]
        scheduler_connect_timeout: u16,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
}

#[derive(Args)]
struct LexiconArgs {
    /// Add entries from a lexicon file; repeatable. Give every process of
    /// the cluster the same files.
    #[arg(long = "lexicon", value_name = "FILE")]
    lexicons: Vec<PathBuf>,
    /// Use only the --lexicon files, not the built-in lexicon.
    #[arg(long)]
    lexicon_only: bool,
    /// Report nested occurrences too (as `tifa --overlapping`).
    #[arg(long)]
    overlapping: bool,
    /// No normalization (as `tifa --strict`).
    #[arg(long)]
    strict: bool,
}

impl LexiconArgs {
    fn functions(&self) -> Result<TifaFunctions, String> {
        let lexicon = LexiconSources {
            files: self.lexicons.clone(),
            only: self.lexicon_only,
        }
        .load()
        .map_err(|e| e.to_string())?;
        let f = TifaFunctions::with_modes(lexicon, self.overlapping, self.strict);
        f.check().map_err(|e| e.to_string())?;
        Ok(f)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tifa-ballista: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(async {
        match cli.role {
            Role::Scheduler { bind, lexicon } => {
                let f = lexicon.functions()?;
                eprintln!("tifa-ballista: scheduler on {bind}");
                run_scheduler(bind, &f).await.map_err(|e| e.to_string())
            }
            Role::Executor {
                bind,
                external_host,
                grpc_port,
                scheduler,
                concurrent_tasks,
                scheduler_connect_timeout,
                lexicon,
            } => {
                let f = lexicon.functions()?;
                let (host, port) = scheduler
                    .rsplit_once(':')
                    .and_then(|(h, p)| Some((h.to_string(), p.parse::<u16>().ok()?)))
                    .ok_or_else(|| format!("--scheduler `{scheduler}` is not HOST:PORT"))?;
                let settings = ExecutorSettings {
                    bind,
                    external_host,
                    grpc_port,
                    scheduler_host: host,
                    scheduler_port: port,
                    concurrent_tasks,
                    scheduler_connect_timeout,
                };
                eprintln!("tifa-ballista: executor on {bind}, scheduler {scheduler}");
                run_executor(settings, &f).await.map_err(|e| e.to_string())
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tifa-ballista: {e}");
            ExitCode::from(2)
        }
    }
}
