use std::env;
use std::io::Write;
use std::net::TcpListener;

fn main() {
    let host = env::var("LEDGER_HOST").unwrap_or_else(|_| "127.0.0.1".into());
    let port = env::var("LEDGER_PORT").unwrap_or_else(|_| "7000".into());
    let listener = TcpListener::bind(format!("{host}:{port}")).expect("bind");
    for stream in listener.incoming().flatten() {
        let mut stream = stream;
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok");
    }
}
