use actix_web::{get, App, HttpServer, Responder};

#[get("/balance")]
async fn balance() -> impl Responder {
    "0"
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| App::new().service(balance)).bind(("0.0.0.0", 8080))?.run().await
}
