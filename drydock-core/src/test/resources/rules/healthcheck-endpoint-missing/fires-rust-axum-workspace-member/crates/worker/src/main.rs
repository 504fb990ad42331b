use axum::{routing::get, Router};

#[tokio::main]
async fn main() {
    let app = Router::new().route("/metrics", get(|| async { "" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:9100").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
