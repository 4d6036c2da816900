//! Server faults over real TCP, each bounded in count and time, on
//! loopback: slow clients, clients that disconnect mid-request, 1,000
//! concurrent connections. The server keeps answering the others.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

mod common;
use tifa_server::Config;

fn start() -> SocketAddr {
    common::start(Config::default())
}

fn head(addr: SocketAddr, path: &str, len: usize) -> String {
    format!("POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n")
}

fn status_of(s: &mut TcpStream) -> u16 {
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw);
    text.split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

fn healthz(addr: SocketAddr) -> u16 {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(
        format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .unwrap();
    status_of(&mut s)
}

#[test]
fn a_body_trickled_byte_by_byte_does_not_stop_the_others() {
    let addr = start();
    let body = "发展全过程人民民主".as_bytes().to_vec();
    let slow = std::thread::spawn(move || {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s.write_all(head(addr, "/v1/analyze", body.len()).as_bytes())
            .unwrap();
        for b in body {
            s.write_all(&[b]).unwrap();
            std::thread::sleep(Duration::from_millis(40));
        }
        status_of(&mut s)
    });
    // While the slow body trickles in (about a second), others are served.
    for _ in 0..5 {
        assert_eq!(healthz(addr), 200);
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        slow.join().unwrap(),
        200,
        "the slow client gets its answer too"
    );
}

#[test]
fn clients_that_disconnect_mid_request_do_not_harm_the_server() {
    let addr = start();
    for i in 0..200 {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(head(addr, "/v1/analyze", 10_000).as_bytes())
            .unwrap();
        s.write_all(&"两院".repeat(i % 7 + 1).into_bytes()).unwrap();
        drop(s); // gone before the body is complete
    }
    assert_eq!(healthz(addr), 200);
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let body = "一府一委两院".as_bytes();
    s.write_all(head(addr, "/v1/analyze", body.len()).as_bytes())
        .unwrap();
    s.write_all(body).unwrap();
    assert_eq!(status_of(&mut s), 200);
}

#[test]
fn a_thousand_concurrent_connections_are_all_answered() {
    let addr = start();
    let body = "召开常委会会议7次，发展全过程人民民主".as_bytes();
    let mut conns: Vec<TcpStream> = (0..1000)
        .map(|_| {
            let s = TcpStream::connect(addr).expect("connect");
            s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
            s
        })
        .collect();
    // All 1,000 are open at once; then each sends its request.
    for s in &mut conns {
        s.write_all(head(addr, "/v1/analyze", body.len()).as_bytes())
            .unwrap();
        s.write_all(body).unwrap();
    }
    assert_eq!(healthz(addr), 200, "health checks are answered meanwhile");
    let ok = conns
        .iter_mut()
        .map(status_of)
        .filter(|&c| c == 200)
        .count();
    assert_eq!(ok, 1000);
}
