//! The count query on a Ballista cluster (scheduler and executor started
//! in-process on loopback ports) gives the table tifa-core gives.

mod common;

use datafusion::prelude::ParquetReadOptions;
use tifa_datafusion::{standalone_context, TifaFunctions};

use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn count_by_year_on_ballista_equals_tifa_core() {
    let dir = tempfile::tempdir().unwrap();
    let docs = documents();
    let path = write_parquet(&docs, dir.path());
    let ctx = standalone_context(&TifaFunctions::builtin()).await.unwrap();
    ctx.register_parquet(
        "corpus",
        path.to_str().unwrap(),
        ParquetReadOptions::default(),
    )
    .await
    .unwrap();
    let batches = ctx
        .sql(COUNT_BY_YEAR)
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    let expected = expected_by_year(&docs, &builtin_matcher());
    assert!(expected.len() > 100);
    assert_eq!(table_from_batches(&batches), expected);
}

/// A free loopback port (there is a small window before the child binds it).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Kills the child when the test ends, pass or fail.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(args: &[&str], log: &std::path::Path) -> Child {
    let log = std::fs::File::create(log).unwrap();
    Child(
        std::process::Command::new(env!("CARGO_BIN_EXE_tifa-ballista"))
            .args(args)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn count_by_year_on_a_loopback_cluster_of_tifa_ballista_processes() {
    let dir = tempfile::tempdir().unwrap();
    let docs = documents();
    let path = write_parquet(&docs, dir.path());
    let (sched, flight, grpc) = (free_port(), free_port(), free_port());
    let logs = [
        dir.path().join("scheduler.log"),
        dir.path().join("executor.log"),
    ];
    let show_logs = || {
        logs.iter()
            .map(|l| {
                format!(
                    "{}:\n{}",
                    l.display(),
                    std::fs::read_to_string(l).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    // The executor is started first on purpose: it must wait for the
    // scheduler (--scheduler-connect-timeout), not give up.
    let _executor = start(
        &[
            "executor",
            "--bind",
            &format!("127.0.0.1:{flight}"),
            "--external-host",
            "127.0.0.1",
            "--grpc-port",
            &grpc.to_string(),
            "--scheduler",
            &format!("127.0.0.1:{sched}"),
            "--concurrent-tasks",
            "2",
        ],
        &logs[1],
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    let _scheduler = start(
        &["scheduler", "--bind", &format!("127.0.0.1:{sched}")],
        &logs[0],
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", sched)).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "scheduler did not start\n{}",
            show_logs()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let query = async {
        let ctx = tifa_datafusion::remote_context(
            &format!("df://127.0.0.1:{sched}"),
            &TifaFunctions::builtin(),
        )
        .await?;
        ctx.register_parquet(
            "corpus",
            path.to_str().unwrap(),
            ParquetReadOptions::default(),
        )
        .await?;
        Ok::<_, Box<dyn std::error::Error>>(ctx.sql(COUNT_BY_YEAR).await?.collect().await?)
    };
    let batches = match tokio::time::timeout(std::time::Duration::from_secs(120), query).await {
        Ok(Ok(b)) => b,
        Ok(Err(e)) => panic!("query failed: {e}\n{}", show_logs()),
        Err(_) => panic!("no answer in 120 s\n{}", show_logs()),
    };
    let expected = expected_by_year(&docs, &builtin_matcher());
    assert_eq!(table_from_batches(&batches), expected);
}
