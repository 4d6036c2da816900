//! Ballista: the same functions on a scheduler and its executors.
//!
//! A Ballista query travels as a serialized plan that names its functions;
//! the scheduler (which plans) and every executor (which runs) look the names
//! up in their own registries. So each process of a tifa cluster registers
//! [`TifaFunctions`] built from the same lexicon: [`run_scheduler`] and
//! [`run_executor`] (the `tifa-ballista` binary) do that, and
//! [`standalone_context`] starts both in-process for one machine and tests.

use std::net::SocketAddr;
use std::sync::Arc;

use ballista::prelude::SessionContextExt;
use ballista_core::registry::BallistaFunctionRegistry;
use ballista_core::utils::{default_config_producer, default_session_builder};
use ballista_executor::executor_process::{start_executor_process, ExecutorProcessConfig};
use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::SchedulerConfig;
use ballista_scheduler::scheduler_process::start_server;
use datafusion::execution::registry::FunctionRegistry;
use datafusion::execution::{SessionState, SessionStateBuilder};
use datafusion::prelude::{SessionConfig, SessionContext};

use crate::{Error, TifaFunctions, TifaOptions};

/// A session config for Ballista that accepts `SET tifa.…`.
fn ballista_config() -> SessionConfig {
    default_config_producer().with_option_extension(TifaOptions::default())
}

/// DataFusion's default session state with tifa's functions and options.
fn state_with(functions: &TifaFunctions) -> Result<SessionState, Error> {
    let mut state = SessionStateBuilder::new()
        .with_default_features()
        .with_config(ballista_config())
        .build();
    for f in functions.udfs() {
        state.register_udf(f)?;
    }
    Ok(state)
}

/// A Ballista context with a scheduler and an executor running in this
/// process (on loopback ports), both with `functions` registered.
pub async fn standalone_context(functions: &TifaFunctions) -> Result<SessionContext, Error> {
    // The in-process scheduler and executor take their functions from this
    // state; the client's context gets them again below, because Ballista's
    // upgrade of a state resets its function list.
    let ctx = SessionContext::standalone_with_state(state_with(functions)?).await?;
    functions.register(&ctx);
    Ok(ctx)
}

/// A context whose queries run on the Ballista cluster whose scheduler is at
/// `url` (`df://host:port`); the cluster must run tifa's scheduler and
/// executors (`tifa-ballista`) with the same lexicon.
pub async fn remote_context(url: &str, functions: &TifaFunctions) -> Result<SessionContext, Error> {
    let ctx = SessionContext::remote_with_state(url, state_with(functions)?).await?;
    functions.register(&ctx);
    Ok(ctx)
}

/// The function registry of a tifa executor: DataFusion's functions and
/// tifa's.
pub fn executor_function_registry(functions: &TifaFunctions) -> BallistaFunctionRegistry {
    let mut registry = BallistaFunctionRegistry::default();
    for f in functions.udfs() {
        registry.scalar_functions.insert(f.name().to_string(), f);
    }
    registry
}

/// Runs a Ballista scheduler on `addr` that knows tifa's functions, until
/// the process ends.
pub async fn run_scheduler(addr: SocketAddr, functions: &TifaFunctions) -> Result<(), Error> {
    let udfs = functions.udfs();
    let config = SchedulerConfig {
        bind_host: addr.ip().to_string(),
        bind_port: addr.port(),
        ..SchedulerConfig::default()
    }
    .with_override_config_producer(Arc::new(ballista_config))
    .with_override_session_builder(Arc::new(move |config: SessionConfig| {
        let mut state = default_session_builder(config)?;
        for f in &udfs {
            state.register_udf(f.clone())?;
        }
        Ok(state)
    }));
    let cluster = BallistaCluster::new_from_config(&config)
        .await
        .map_err(|e| Error::Cluster(e.to_string()))?;
    start_server(cluster, addr, Arc::new(config))
        .await
        .map_err(|e| Error::Cluster(e.to_string()))
}

/// Where a tifa executor listens and which scheduler it joins.
#[derive(Debug, Clone)]
pub struct ExecutorSettings {
    /// Address the executor binds (its Flight port).
    pub bind: SocketAddr,
    /// The host other processes reach this executor by.
    pub external_host: Option<String>,
    /// Its gRPC port.
    pub grpc_port: u16,
    /// The scheduler's host.
    pub scheduler_host: String,
    /// The scheduler's port.
    pub scheduler_port: u16,
    /// Tasks run at once (default: one per core).
    pub concurrent_tasks: Option<usize>,
    /// How long to keep trying to reach the scheduler at start, in seconds
    /// (0: give up at the first refusal).
    pub scheduler_connect_timeout: u16,
}

/// Runs a Ballista executor that knows tifa's functions, until the process
/// ends.
pub async fn run_executor(
    settings: ExecutorSettings,
    functions: &TifaFunctions,
) -> Result<(), Error> {
    let mut config = ExecutorProcessConfig {
        bind_host: settings.bind.ip().to_string(),
        port: settings.bind.port(),
        external_host: settings.external_host,
        grpc_port: settings.grpc_port,
        scheduler_host: settings.scheduler_host,
        scheduler_port: settings.scheduler_port,
        scheduler_connect_timeout_seconds: settings.scheduler_connect_timeout,
        override_function_registry: Some(Arc::new(executor_function_registry(functions))),
        override_config_producer: Some(Arc::new(ballista_config)),
        ..ExecutorProcessConfig::default()
    };
    if let Some(n) = settings.concurrent_tasks {
        config.vcores = n.max(1);
    }
    start_executor_process(Arc::new(config))
        .await
        .map_err(|e| Error::Cluster(e.to_string()))
}
