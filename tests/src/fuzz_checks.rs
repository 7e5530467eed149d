//! What the fuzz targets (`fuzz/fuzz_targets/*.rs`) check for each input, shared with the
//! regression tests (`tests/tests/fuzz_regressions.rs`) so that an input a fuzzer found is
//! replayed by `cargo test` with exactly the same checks.
//!
//! Included by path (`#[path = …] mod fuzz_checks;`) rather than through the recap-tests
//! library: the fuzz build uses recap-export without its `pdf` feature (no typst under
//! sanitizers), and a dependency on recap-tests would switch it back on.
//!
//! Each function panics on a broken property; that is what a fuzzer reports.

// The checks are assertions: a failed one is the finding.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use recap_core::meta::Metadata;
use recap_core::style::StyleId;
use recap_core::{Document, Lang, markdown};
use recap_export::ExportOptions;
use std::io::Read;

/// Fuzz inputs are bytes; the editor and the store only ever hold text.
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// The document the store and the writers would get: a text whose front matter is malformed
/// is still a document (the store keeps it and reads its body as is; see `store::derive`).
pub fn document_of(text: &str) -> Document {
    markdown::parse(text).unwrap_or_else(|_| Document {
        meta: Metadata::default(),
        blocks: markdown::parse_blocks(text),
    })
}

/// Export options drawn from the input's first byte, so every style and option is reached.
pub fn options_of(data: &[u8]) -> ExportOptions {
    let b = data.first().copied().unwrap_or(0);
    ExportOptions {
        style: StyleId::ALL[usize::from(b % 3)],
        cover: b & 0x04 != 0,
        toc: b & 0x08 != 0,
        header: (b & 0x10 != 0).then(|| text_of(&data[..data.len().min(40)])),
        page_numbers: b & 0x20 == 0,
        signature: b & 0x40 == 0,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2),
        lang: if b & 0x80 != 0 {
            Lang::En
        } else {
            Lang::ZhHans
        },
        ..ExportOptions::default()
    }
}

/// Markdown → model, and everything every save derives from the model (count, outline,
/// plain text), plus the Markdown writer: what it writes must read back.
pub fn markdown_to_model(data: &[u8]) {
    let text = text_of(data);
    let doc = document_of(&text);
    let _ = recap_core::count::count(&doc);
    let _ = recap_core::outline::sections(&doc);
    let _ = recap_core::outline::heading_numbers(&doc);
    let _ = doc.plain_text();
    let written = markdown::write(&doc);
    if markdown::parse(&text).is_ok() {
        assert!(
            markdown::parse(&written).is_ok(),
            "the Markdown writer wrote text its reader refuses"
        );
    }
}

/// Model → DOCX: the export succeeds, the package opens, and every XML part is well-formed
/// (Word refuses a file with one bad character).
pub fn model_to_docx(data: &[u8]) {
    let doc = document_of(&text_of(data));
    let bytes = recap_export::export(&doc, recap_export::Format::Docx, &options_of(data))
        .unwrap_or_else(|e| panic!("DOCX export failed: {e}"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().to_string();
        if !name.ends_with(".xml") && !name.ends_with(".rels") {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml).unwrap();
        assert_well_formed(&xml, &name);
    }
}

pub fn assert_well_formed(xml: &str, name: &str) {
    assert!(
        !xml.chars().any(recap_export::is_forbidden_char),
        "{name} holds a character XML forbids"
    );
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut depth: i64 = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed XML: {e}"),
        }
        assert!(depth >= 0, "{name}: more end tags than start tags");
    }
    assert_eq!(depth, 0, "{name}: unclosed elements");
}

/// The deepest the typst input may nest, whatever the document's nesting: the data clamps
/// containers at `pdf/data.rs`'s MAX_NEST (8) levels, about five JSON levels each (a list
/// nested 200 deep gives 42), which keeps the template's recursion under typst's limit of 80
/// nested calls. Without the clamp the depth would follow the document's.
pub const MAX_TYPST_INPUT_DEPTH: usize = 64;

/// Model → typst input: always valid JSON (typst reads it with `json()`), of bounded depth
/// whatever the document's nesting.
pub fn model_to_typst(data: &[u8]) {
    let doc = document_of(&text_of(data));
    // As write_pdf does, on a thread with the PDF worker's stack (a test thread has 2 MiB).
    let json = std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn_scoped(s, || {
                recap_export::pdf::typst_input(&doc, &options_of(data))
            })
            .unwrap()
            .join()
            .unwrap()
    });
    let value: serde_json::Value =
        serde_json::from_slice(&json).unwrap_or_else(|e| panic!("typst input is not JSON: {e}"));
    let depth = json_depth(&value);
    assert!(
        depth <= MAX_TYPST_INPUT_DEPTH,
        "typst input nests {depth} deep (limit {MAX_TYPST_INPUT_DEPTH})"
    );
}

/// Nesting depth of a JSON value, without recursion (the value may be deep).
pub fn json_depth(v: &serde_json::Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(v, 1usize)];
    while let Some((v, d)) = stack.pop() {
        deepest = deepest.max(d);
        match v {
            serde_json::Value::Array(a) => stack.extend(a.iter().map(|x| (x, d + 1))),
            serde_json::Value::Object(o) => stack.extend(o.values().map(|x| (x, d + 1))),
            _ => {}
        }
    }
    deepest
}

/// Pasted or opened plain text: import never panics, and what it gives back is a document the
/// store accepts, not much larger than the input (headings are marked, nothing is invented).
pub fn import_text(data: &[u8]) {
    let text = text_of(data);
    if let Ok(imported) = recap_core::import::import_text(&text, Lang::ZhHans) {
        assert!(
            imported.markdown.len() <= text.len() * 4 + 1024,
            "import grew {} bytes into {}",
            text.len(),
            imported.markdown.len()
        );
        let _ = document_of(&imported.markdown);
    }
}

/// A .docx (or anything claiming to be one): import returns a result, never panics past its
/// own guard, and a result is a document the store accepts.
pub fn import_docx(data: &[u8]) {
    if let Ok(imported) = recap_core::import::import_bytes("fuzz.docx", data, Lang::ZhHans) {
        let _ = document_of(&imported.markdown);
    }
}
