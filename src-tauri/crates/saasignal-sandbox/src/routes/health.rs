//! `/healthz`, `/livez` and `/readyz`, as the reference's Meta section has them.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::errors::ApiError;
use crate::sandbox::Sandbox;

const VERSION: &str = env!("CARGO_PKG_VERSION");

async fn database_ok(sandbox: &Sandbox) -> bool {
    sandbox
        .store()
        .run(|conn| -> Result<i64, ApiError> {
            Ok(conn.query_row("SELECT 1", [], |row| row.get(0))?)
        })
        .await
        .is_ok()
}

fn status_of(ok: bool) -> (StatusCode, &'static str) {
    if ok {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "error")
    }
}

pub async fn healthz(State(sandbox): State<Sandbox>) -> (StatusCode, Json<Value>) {
    let (status, word) = status_of(database_ok(&sandbox).await);
    let body = json!({
        "status": word,
        "version": VERSION,
        "uptime": sandbox.uptime().as_secs_f64(),
        "checks": { "database": word },
    });
    (status, Json(body))
}

pub async fn livez() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

pub async fn readyz(State(sandbox): State<Sandbox>) -> (StatusCode, Json<Value>) {
    let (status, word) = status_of(database_ok(&sandbox).await);
    (
        status,
        Json(json!({ "status": word, "version": VERSION, "checks": { "database": word } })),
    )
}
