#![allow(clippy::unwrap_used, clippy::expect_used)]

//! The assistant's operations end to end over a small OpenAI-compatible server on 127.0.0.1
//! (a thread answering `/models` and a recorded stream): what Accept would put in the
//! document is the grounded answer, with the invented figure marked for 体检.

use recap_api::dto::assistant::{AssistantPrefs, AssistantTask, JobPhase, Script};
use recap_api::{NoHost, Workspace};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn ws() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let store = recap_core::store::Store::open(dir.path()).unwrap();
    (
        dir,
        Workspace::new(Arc::new(store), Arc::new(NoHost)).with_session_keys(),
    )
}

/// Answers `/models` with one model, and every chat with `answer` streamed in pieces.
fn server(answer: &'static str) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", l.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(mut s) = conn else { continue };
            let mut buf = [0u8; 65536];
            let n = s.read(&mut buf).unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..n]).to_string();
            if head.starts_with("GET /v1/models") {
                let body = r#"{"object":"list","data":[{"id":"m","object":"model"}]}"#;
                let _ = write!(
                    s,
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                continue;
            }
            let _ = s.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n",
            );
            for piece in answer.split_inclusive('，') {
                let chunk = serde_json::json!({"choices":[{"index":0,"delta":{"content":piece}}]});
                let _ = write!(s, "data: {chunk}\n\n");
                let _ = s.flush();
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = s.write_all(b"data: [DONE]\n\n");
        }
    });
    url
}

#[test]
fn a_polish_streams_and_its_invented_figure_is_marked() {
    let (_d, ws) = ws();
    let url = server("本季度签约 1,860 万元，利润增长 35%，客户满意度提升。");
    ws.assistant_configure(AssistantPrefs {
        enabled: true,
        preset: "llama-cpp".into(),
        url,
        model: "m".into(),
    })
    .unwrap();
    let source = "这个季度签了 1860万元 的单子，客户也比较满意。";
    let job = ws
        .assistant_start(AssistantTask::Polish, source.into(), false, false)
        .unwrap();
    let (mut after, mut streamed, t) = (0, String::new(), Instant::now());
    let last = loop {
        let v = ws.assistant_poll(job, after).unwrap();
        streamed.push_str(&v.text);
        after = v.chars;
        if v.phase != JobPhase::Running {
            break v;
        }
        assert!(t.elapsed() < Duration::from_secs(20));
    };
    assert_eq!(last.phase, JobPhase::Done, "{:?}", last.error);
    assert_eq!(
        streamed,
        "本季度签约 1,860 万元，利润增长 35%，客户满意度提升。"
    );
    assert_eq!(
        last.grounded.as_deref(),
        Some("本季度签约 1,860 万元，利润增长 【待核实：35%】，客户满意度提升。")
    );
    assert_eq!(last.flagged.len(), 1);
}

#[test]
fn a_model_the_server_does_not_list_is_refused_and_a_dead_server_is_said() {
    let (_d, ws) = ws();
    let url = server("x");
    ws.assistant_configure(AssistantPrefs {
        enabled: true,
        preset: "other".into(),
        url: url.clone(),
        model: "gpt-9".into(),
    })
    .unwrap();
    assert_eq!(ws.assistant_test(url).unwrap(), vec!["m".to_string()]);
    let job = ws
        .assistant_start(
            AssistantTask::Concrete,
            "做了很多工作。".into(),
            false,
            false,
        )
        .unwrap();
    let v = (0..50)
        .map(|_| ws.assistant_poll(job, 0).unwrap())
        .find(|v| v.phase != JobPhase::Running)
        .unwrap();
    assert_eq!(v.error.unwrap().code, "model-not-found");

    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    ws.assistant_configure(AssistantPrefs {
        enabled: true,
        preset: "llama-cpp".into(),
        url: format!("http://127.0.0.1:{port}/v1"),
        model: "m".into(),
    })
    .unwrap();
    let job = ws
        .assistant_start(AssistantTask::Polish, "文字".into(), false, false)
        .unwrap();
    let v = (0..50)
        .map(|_| ws.assistant_poll(job, 0).unwrap())
        .find(|v| v.phase != JobPhase::Running)
        .unwrap();
    let e = v.error.unwrap();
    assert_eq!(e.code, "not-running");
    assert!(e.transient);
}

#[test]
fn off_refuses_and_script_conversion_needs_no_assistant() {
    let (_d, ws) = ws();
    assert_eq!(
        ws.assistant_test("http://127.0.0.1:1/v1".into())
            .unwrap_err()
            .code,
        "assistant-off"
    );
    assert_eq!(
        ws.convert_script("# 年度總結\n\n【數字】".into(), Script::Hans)
            .unwrap(),
        "# 年度总结\n\n【数字】"
    );
    // Turning it off cancels what runs.
    let v = ws.assistant_settings().unwrap();
    assert!(!v.prefs.enabled);
    assert_eq!(v.presets.len(), 4);
}
