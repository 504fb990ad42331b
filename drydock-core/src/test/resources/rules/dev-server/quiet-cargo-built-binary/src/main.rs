use axum::{routing::get, Router};

#[tokio::main]
async fn main() {
    let app = Router::new().route("/quote", get(|| async { "patience is a virtue" }));
    let socket = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(socket, app).await.unwrap();
}
