#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Recorded streams: a tiny HTTP server on 127.0.0.1 replays bytes the way servers send them,
//! for what a real small model will not show on demand (a character split between two
//! packets, an error in the middle of a stream, usage chunks, a stream that never ends).

use recap_assistant::{AssistantError, Client, Job, Limits, Phase, Task, request};
use recap_core::lang::Lang;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

const SSE_HEAD: &[u8] =
    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";

/// What the replaying server does after it has read the request.
#[derive(Clone)]
enum Script {
    /// Writes each part with a pause between, then closes.
    Parts(Vec<Vec<u8>>),
    /// Writes the head, then `part` again and again until the client goes away.
    Endless(Vec<u8>),
}

struct Replay {
    url: String,
    /// Fires when the server's last write failed (the client hung up) or it finished.
    ended: oneshot::Receiver<Instant>,
    rt: tokio::runtime::Runtime,
}

fn replay(script: Script) -> Replay {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = rt.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = oneshot::channel();
    rt.spawn(async move {
        let Ok((mut sock, _)) = listener.accept().await else {
            return;
        };
        // Read the request head and body (enough for our small requests).
        let mut buf = vec![0u8; 65536];
        let mut got = Vec::new();
        loop {
            let n = sock.read(&mut buf).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&got);
            if let Some(head_end) = text.find("\r\n\r\n") {
                let len = text[..head_end]
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                    })
                    .unwrap_or(0);
                if got.len() >= head_end + 4 + len {
                    break;
                }
            }
        }
        match script {
            Script::Parts(parts) => {
                for p in parts {
                    if sock.write_all(&p).await.is_err() {
                        break;
                    }
                    let _ = sock.flush().await;
                    tokio::time::sleep(Duration::from_millis(30)).await;
                }
            }
            Script::Endless(part) => {
                let _ = sock.write_all(SSE_HEAD).await;
                while sock.write_all(&part).await.is_ok() {
                    let _ = sock.flush().await;
                    tokio::time::sleep(Duration::from_millis(2)).await;
                }
            }
        }
        let _ = tx.send(Instant::now());
    });
    Replay {
        url: format!("http://127.0.0.1:{port}/v1"),
        ended: rx,
        rt,
    }
}

fn delta(text: &str) -> Vec<u8> {
    format!(
        "data: {}\n\n",
        serde_json::json!({"choices":[{"index":0,"delta":{"content":text},"finish_reason":null}]})
    )
    .into_bytes()
}

fn run(url: &str, limits: Limits) -> (String, Result<recap_assistant::Outcome, AssistantError>) {
    let client = Client::new(url, Some("sk-test-key-0123456789".into()), limits).unwrap();
    let req = request(Task::Polish, "文字", "m", Lang::ZhHans);
    let mut text = String::new();
    let cancel = tokio_util_token();
    let r = recap_assistant::block_on(async {
        let mut sink = |t: &str| text.push_str(t);
        Ok(client.stream(&req, &cancel, &mut sink).await)
    })
    .unwrap();
    (text, r)
}

fn tokio_util_token() -> tokio_util::sync::CancellationToken {
    tokio_util::sync::CancellationToken::new()
}

fn quick() -> Limits {
    Limits {
        connect: Duration::from_secs(2),
        idle: Duration::from_secs(5),
        max_chars: 1000,
    }
}

#[test]
fn a_character_split_between_two_packets_arrives_whole() {
    let chunk = delta("润色完成");
    // Cut inside 润 (three bytes in UTF-8): after its first byte.
    let at = chunk.windows(3).position(|w| w == "润".as_bytes()).unwrap() + 1;
    let r = replay(Script::Parts(vec![
        SSE_HEAD.to_vec(),
        chunk[..at].to_vec(),
        chunk[at..].to_vec(),
        b"data: [DONE]\n\n".to_vec(),
    ]));
    let (text, out) = run(&r.url, quick());
    let out = out.unwrap();
    assert_eq!(text, "润色完成");
    assert!(out.done_marker);
    drop(r.rt);
}

#[test]
fn done_ends_the_answer_and_what_follows_is_ignored() {
    let r = replay(Script::Parts(vec![
        SSE_HEAD.to_vec(),
        [delta("一"), delta("二")].concat(),
        b"data: [DONE]\n\n".to_vec(),
        delta("after done"),
    ]));
    let (text, out) = run(&r.url, quick());
    assert_eq!(text, "一二");
    assert!(out.unwrap().done_marker);
}

#[test]
fn a_stream_closed_without_done_keeps_its_text() {
    let r = replay(Script::Parts(vec![SSE_HEAD.to_vec(), delta("一句话")]));
    let (text, out) = run(&r.url, quick());
    assert_eq!(text, "一句话");
    assert!(!out.unwrap().done_marker);
}

#[test]
fn an_error_in_the_middle_of_a_stream_is_the_users_case_and_the_text_so_far_is_kept() {
    let r = replay(Script::Parts(vec![
        SSE_HEAD.to_vec(),
        delta("前半"),
        b"data: {\"error\":{\"message\":\"Requested tokens exceed context window of 2048\",\"code\":400}}\n\n".to_vec(),
    ]));
    let (text, out) = run(&r.url, quick());
    assert_eq!(text, "前半");
    assert_eq!(out.unwrap_err(), AssistantError::ContextTooLong);
}

#[test]
fn usage_chunks_are_read_and_add_no_text() {
    let r = replay(Script::Parts(vec![
        SSE_HEAD.to_vec(),
        delta("好"),
        b"data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n".to_vec(),
        b"data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}\n\n".to_vec(),
        b"data: [DONE]\n\n".to_vec(),
    ]));
    let (text, out) = run(&r.url, quick());
    let out = out.unwrap();
    assert_eq!(text, "好");
    assert_eq!(out.finish_reason.as_deref(), Some("length"));
    let u = out.usage.unwrap();
    assert_eq!((u.prompt_tokens, u.completion_tokens), (12, 3));
}

#[test]
fn an_endless_stream_stops_at_the_cap_and_the_connection_is_closed() {
    let mut r = replay(Script::Endless(delta("字字字字字")));
    let (text, out) = run(
        &r.url,
        Limits {
            max_chars: 1000,
            ..quick()
        },
    );
    assert_eq!(out.unwrap_err(), AssistantError::CapReached { chars: 1000 });
    assert_eq!(text.chars().count(), 1000);
    let stopped = Instant::now();
    // The server's writes fail once the client has dropped the connection.
    let ended =
        r.rt.block_on(async { tokio::time::timeout(Duration::from_secs(10), &mut r.ended).await });
    assert!(ended.is_ok(), "the server kept writing after the cap");
    assert!(stopped.elapsed() < Duration::from_secs(10));
}

#[test]
fn cancel_returns_at_once_and_hangs_up() {
    let mut r = replay(Script::Endless(delta("长")));
    let client = Client::new(
        &r.url,
        None,
        Limits {
            max_chars: usize::MAX,
            ..quick()
        },
    )
    .unwrap();
    let job = Job::start(client, request(Task::Polish, "x", "m", Lang::En), false);
    let first = job.poll(0, Duration::from_secs(5));
    assert!(first.chars > 0, "no text streamed");
    let t = Instant::now();
    job.cancel();
    let s = job.poll(0, Duration::ZERO);
    assert_eq!(s.phase, Phase::Cancelled);
    assert!(t.elapsed() < Duration::from_millis(100));
    let ended =
        r.rt.block_on(async { tokio::time::timeout(Duration::from_secs(10), &mut r.ended).await });
    assert!(ended.is_ok(), "the connection stayed open after cancel");
}

#[test]
fn a_silent_server_times_out() {
    let r = replay(Script::Parts(vec![
        SSE_HEAD.to_vec(),
        b": ping\n\n".to_vec(),
    ]));
    // The replay sleeps then closes; with a head but no event for longer than `idle`:
    let _ = r;
    let r = replay(Script::Endless(b": keep-alive comment\n\n".to_vec()));
    let (_, out) = run(
        &r.url,
        Limits {
            idle: Duration::from_millis(300),
            ..quick()
        },
    );
    // Comments are no events: the idle timer sees nothing arrive.
    assert_eq!(out.unwrap_err(), AssistantError::Timeout);
}

#[test]
fn statuses_map_to_clear_errors_without_the_key() {
    for (head, want) in [
        ("401 Unauthorized", AssistantError::KeyRefused),
        ("403 Forbidden", AssistantError::KeyRefused),
        ("429 Too Many Requests", AssistantError::RateLimited),
    ] {
        let body = r#"{"error":{"message":"Incorrect API key provided: sk-test-key-0123456789"}}"#;
        let resp = format!(
            "HTTP/1.1 {head}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let r = replay(Script::Parts(vec![resp.into_bytes()]));
        let (text, out) = run(&r.url, quick());
        let e = out.unwrap_err();
        assert_eq!(e, want);
        assert!(text.is_empty());
        for lang in [Lang::ZhHans, Lang::ZhHant, Lang::En] {
            assert!(!e.message(lang).contains("sk-test-key"));
        }
    }
    let body = r#"{"error":"model \"m\" not found, try pulling it first"}"#;
    let resp = format!(
        "HTTP/1.1 404 Not Found\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let r = replay(Script::Parts(vec![resp.into_bytes()]));
    assert_eq!(
        run(&r.url, quick()).1.unwrap_err(),
        AssistantError::ModelNotFound { model: "m".into() }
    );
    // A server error that echoes the key: scrubbed.
    let body = "upstream failed for Bearer sk-test-key-0123456789";
    let resp = format!(
        "HTTP/1.1 502 Bad Gateway\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let r = replay(Script::Parts(vec![resp.into_bytes()]));
    let e = run(&r.url, quick()).1.unwrap_err();
    assert!(
        matches!(&e, AssistantError::Server { status: 502, detail } if !detail.contains("sk-test") && detail.contains("***"))
    );
}

#[test]
fn nobody_listening_is_server_not_running() {
    // Bind then drop: the port is free and refuses.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (_, out) = run(&format!("http://127.0.0.1:{port}/v1"), quick());
    assert!(matches!(
        out.unwrap_err(),
        AssistantError::NotRunning { .. }
    ));
}

#[test]
fn an_empty_stream_is_an_error_not_an_empty_answer() {
    let r = replay(Script::Parts(vec![SSE_HEAD.to_vec()]));
    assert_eq!(run(&r.url, quick()).1.unwrap_err(), AssistantError::Empty);
}
