//! `tifa-server`: parses flags, builds the service from tifa-server's
//! library, serves it until SIGINT/SIGTERM (in-flight requests finish).

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use tifa_core::LexiconSources;
use tifa_server::{app, Config};

/// tifa over HTTP: POST /v1/analyze, /v1/count, /v1/kwic; GET /v1/lexicon,
/// /healthz, /metrics, /openapi.json, and a web page at /.
#[derive(Parser)]
#[command(name = "tifa-server", version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Add or replace entries from a lexicon file; repeatable.
    #[arg(long = "lexicon", value_name = "FILE")]
    lexicons: Vec<PathBuf>,
    /// Use only the --lexicon files, not the built-in lexicon.
    #[arg(long)]
    lexicon_only: bool,
    /// Largest request body, in bytes (413 above).
    #[arg(long, default_value_t = 16 << 20)]
    max_body: usize,
    /// Seconds a request may compute before it is answered 503.
    #[arg(long, default_value_t = 30.0)]
    timeout: f64,
    /// Worker threads (default: one per core); matching runs on at most
    /// twice as many blocking threads beside them.
    #[arg(long)]
    threads: Option<usize>,
    /// Require `Authorization: Bearer <TOKEN>` on /v1/*.
    #[arg(long, env = "TIFA_TOKEN")]
    token: Option<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let sources = LexiconSources {
        files: args.lexicons.clone(),
        only: args.lexicon_only,
    };
    let lexicon = match sources.load() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("tifa-server: {e}");
            return ExitCode::from(2);
        }
    };
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        eprintln!("tifa-server: --timeout must be a positive number of seconds");
        return ExitCode::from(2);
    }
    let config = Config {
        max_body: args.max_body,
        timeout: Duration::from_secs_f64(args.timeout),
        token: args.token.filter(|t| !t.is_empty()),
    };
    let router = match app(&lexicon, config) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tifa-server: {e}");
            return ExitCode::from(2);
        }
    };
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    // Matching is CPU-bound: more blocking threads than twice the cores only
    // add switching and memory (each thread an allocator arena); requests
    // beyond them wait in the pool's queue, within --timeout.
    runtime
        .worker_threads(threads)
        .max_blocking_threads(2 * threads);
    let runtime = match runtime.enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tifa-server: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(args.addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("tifa-server: cannot listen on {}: {e}", args.addr);
                return ExitCode::from(2);
            }
        };
        eprintln!("tifa-server: listening on http://{}", args.addr);
        match axum::serve(listener, router)
            .with_graceful_shutdown(shutdown())
            .await
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("tifa-server: {e}");
                ExitCode::from(1)
            }
        }
    })
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    eprintln!("tifa-server: shutting down; finishing requests in flight");
}
