use actix_web::{get, App, HttpResponse, HttpServer, Responder};
use std::net::SocketAddr;

#[get("/healthz")]
async fn healthz() -> impl Responder {
    HttpResponse::Ok().body("ok")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let cache: SocketAddr = "127.0.0.1:6379".parse().unwrap();
    let peer = SocketAddr::from(([127, 0, 0, 1], 9000));
    let _ = (cache, peer);
    HttpServer::new(|| App::new().service(healthz))
        .bind(("0.0.0.0", 8081))?
        .run()
        .await
}
