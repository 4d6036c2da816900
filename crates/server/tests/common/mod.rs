//! The server started in-process on an ephemeral loopback port.
#![allow(dead_code)]

use std::net::SocketAddr;

use tifa_core::Lexicon;
use tifa_server::{app, Config};

/// Starts a server with `config` on 127.0.0.1:0; it lives until the test
/// process ends.
pub fn start(config: Config) -> SocketAddr {
    let router = app(&Lexicon::builtin(), config).expect("app");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    listener.set_nonblocking(true).expect("nonblocking");
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, router).await.expect("serve");
        });
    });
    addr
}
