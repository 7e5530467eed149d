//! recap-bridge — development only. Serves Recap's API (the same operations the desktop window
//! calls over IPC, through the same `recap_api::dispatch`) over HTTP on 127.0.0.1, so that the
//! UI in a plain browser (`vite dev`, the Playwright journeys) runs on the real engine and a
//! real store in a temporary folder. It is a separate binary, never part of the app or its
//! package.
//!
//!     recap-bridge [--port N] [--data-dir DIR] [--today YYYY-MM-DD] [--token T] [--watch-stdin]
//!
//! It prints one line of JSON when it listens: `{"url": …, "token": …, "data_dir": …}`. Every
//! request but `GET /health` must carry the token in `x-recap-token` (a page of another site
//! in the developer's browser cannot call it). `POST /api/<op>` runs an operation with the
//! JSON body as its arguments and answers `{"ok": result}` or `{"err": ApiError}`; `/test/…` lets a test do what a person would do outside the
//! page (pick a file in a dialog, fill the disk) and read what the app did (calls, exports,
//! opened links).

mod host;
mod session;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use session::{Bridge, Options};
use std::io::Write as _;
use std::sync::Arc;

const TOKEN_HEADER: &str = "x-recap-token";

fn usage() -> ! {
    eprintln!(
        "usage: recap-bridge [--port N] [--data-dir DIR] [--today YYYY-MM-DD] [--token T] [--watch-stdin]"
    );
    std::process::exit(2)
}

fn parse_args() -> (u16, Options, Option<String>, bool) {
    let mut port = 0u16;
    let mut opts = Options::default();
    let mut token = None;
    let mut watch = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--port" => port = value().parse().unwrap_or_else(|_| usage()),
            "--data-dir" => opts.data_dir = Some(value().into()),
            "--today" => {
                let v = value();
                opts.today = Some(
                    chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").unwrap_or_else(|_| usage()),
                );
            }
            "--token" => token = Some(value()),
            "--watch-stdin" => watch = true,
            _ => usage(),
        }
    }
    (port, opts, token, watch)
}

fn random_token() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        eprintln!("recap-bridge: no randomness for a token");
        std::process::exit(1);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::main]
async fn main() {
    let (port, opts, token, watch) = parse_args();
    let token = token.unwrap_or_else(random_token);
    let bridge = match Bridge::new(opts, token) {
        Ok(b) => Arc::new(b),
        Err(e) => {
            eprintln!("recap-bridge: {e}");
            std::process::exit(1);
        }
    };
    let app = Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/api/{op}", post(call))
        .route("/test/{what}", post(test_control).get(test_read))
        .with_state(bridge.clone());
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("recap-bridge: cannot listen on 127.0.0.1:{port}: {e}");
            std::process::exit(1);
        }
    };
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    println!(
        "{}",
        json!({ "url": format!("http://{addr}"), "token": bridge.token(), "data_dir": bridge.data_dir() })
    );
    let _ = std::io::stdout().flush();
    if watch {
        // The test runner holds our stdin: when it goes away, so do we (and our temp store).
        std::thread::spawn(|| {
            let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
            std::process::exit(0);
        });
    }
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, app)
        .with_graceful_shutdown(stop)
        .await
    {
        eprintln!("recap-bridge: {e}");
    }
}

fn authorised(bridge: &Bridge, headers: &HeaderMap) -> bool {
    headers
        .get(TOKEN_HEADER)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| bridge.token_matches(t))
}

fn forbidden() -> Response {
    (StatusCode::FORBIDDEN, "missing or wrong x-recap-token").into_response()
}

async fn call(
    State(bridge): State<Arc<Bridge>>,
    Path(op): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    if !authorised(&bridge, &headers) {
        return forbidden();
    }
    let args: Value = if body.trim().is_empty() {
        Value::Null
    } else {
        match serde_json::from_str(&body) {
            Ok(v) => v,
            Err(e) => {
                return (
                    StatusCode::BAD_REQUEST,
                    format!("arguments are not JSON: {e}"),
                )
                    .into_response();
            }
        }
    };
    let b = bridge.clone();
    let answer = tokio::task::spawn_blocking(move || b.call(&op, args)).await;
    // An answer, the engine's refusal included, is a 200 carrying `{"ok": …}` or
    // `{"err": ApiError}`: to the page an engine error is an answer, as over IPC, not a failed
    // request (a browser logs every failed request as an error of the page).
    match answer {
        Ok(Ok(v)) => (StatusCode::OK, axum::Json(json!({ "ok": v }))).into_response(),
        Ok(Err(e)) => (StatusCode::OK, axum::Json(json!({ "err": e }))).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            axum::Json(json!({"code": "internal", "message": e.to_string(), "transient": true})),
        )
            .into_response(),
    }
}

async fn test_control(
    State(bridge): State<Arc<Bridge>>,
    Path(what): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    if !authorised(&bridge, &headers) {
        return forbidden();
    }
    let args: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let b = bridge.clone();
    match tokio::task::spawn_blocking(move || b.control(&what, &args)).await {
        Ok(Ok(v)) => (StatusCode::OK, axum::Json(v)).into_response(),
        Ok(Err(e)) => (StatusCode::BAD_REQUEST, e).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn test_read(
    State(bridge): State<Arc<Bridge>>,
    Path(what): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !authorised(&bridge, &headers) {
        return forbidden();
    }
    match bridge.read(&what) {
        Ok(v) => (StatusCode::OK, axum::Json(v)).into_response(),
        Err(e) => (StatusCode::NOT_FOUND, e).into_response(),
    }
}
