//! One function per command; each reads its input, calls recap-core, prints the result.

use crate::args::{
    BackupCmd, CheckArgs, Cli, Command, DocsCmd, ExportArgs, NewArgs, ResultsCmd, TemplatesCmd,
};
use crate::out;
use recap_core::count::count_with_template;
use recap_core::store::{SaveMode, Store};
use recap_core::style::Format;
use recap_core::template::{self, Pack, Template};
use recap_core::{Error, Lang, Metadata, Period, Result, fsio, markdown};
use std::path::Path;

pub fn run(cli: Cli) -> Result<()> {
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    // Whatever open had to repair (a damaged file kept aside, a backup restored) is told on
    // stderr before the command's own output.
    let open = || -> Result<Store> {
        let store = match &cli.data_dir {
            Some(dir) => Store::open(dir),
            None => Store::open_default(),
        }?;
        if let Some(report) = store.open_report() {
            eprintln!("recap: {}", report.message(lang));
        }
        Ok(store)
    };
    match cli.command {
        Command::Templates(cmd) => templates(cmd, lang, open),
        Command::New(args) => new_doc(args, lang, open),
        Command::Count { file, json } => count(&file, json, lang, open),
        Command::Docs(cmd) => docs(cmd, &open()?),
        Command::Backup(cmd) => backup(cmd, &mut open()?),
        Command::Export(args) => export(args, lang, cli.data_dir.as_deref(), open),
        Command::Import { file, output } => import(&file, output.as_deref(), lang),
        Command::Check(args) => check(args, lang, open),
        Command::Carry {
            file,
            doc,
            output,
            add,
        } => carry(file.as_deref(), doc, output.as_deref(), add, open),
        Command::Results(cmd) => results(cmd, lang),
        Command::Log(cmd) => crate::log::log(cmd, lang, &open()?),
        Command::Draft(args) => crate::log::draft_cmd(args, lang, &open()?),
    }
}

/// Text to a file, or to standard output.
fn emit(text: &str, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) => fsio::write_atomic(path, text.as_bytes()),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// A document's Markdown from a file or the store (`--doc ID`).
fn input_text(
    file: Option<&Path>,
    doc: Option<i64>,
    open: impl Fn() -> Result<Store>,
) -> Result<String> {
    match (file, doc) {
        (Some(f), _) => fsio::read_text(f),
        (None, Some(id)) => Ok(open()?.get(id)?.body),
        (None, None) => Err(Error::invalid("input", "give a FILE or --doc ID")),
    }
}

/// A template by id: the user's (when the store opens) or a built-in one.
fn find_template(id: &str, open: &impl Fn() -> Result<Store>) -> Result<Template> {
    match open() {
        Ok(store) => store.template(id),
        Err(_) => template::find(id),
    }
}

fn import(file: &Path, output: Option<&Path>, lang: Lang) -> Result<()> {
    let imported = if file == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin(), fsio::MAX_TEXT_BYTES + 1),
            &mut bytes,
        )
        .map_err(|e| Error::io("read", "-", e))?;
        recap_core::import::import_bytes("", &bytes, lang)?
    } else {
        recap_core::import::import_path(file, lang)?
    };
    for note in &imported.notes {
        eprintln!("{}", note.message);
    }
    emit(&imported.markdown, output)
}

fn check(a: CheckArgs, lang: Lang, open: impl Fn() -> Result<Store>) -> Result<()> {
    use recap_core::check::CheckOptions;
    let text = input_text(a.file.as_deref(), a.doc, &open)?;
    let user_templates = match open() {
        Ok(s) => s.user_templates()?,
        Err(_) => Vec::new(),
    };
    let opts = CheckOptions {
        lang,
        style: Some(a.style.parse()?),
        user_templates,
    };
    let report = recap_core::check::check(&text, &opts)?;
    if a.json {
        return out::json(&report);
    }
    let name = match (&a.file, a.doc) {
        (Some(f), _) => f.display().to_string(),
        (None, Some(id)) => format!("#{id}"),
        (None, None) => String::new(),
    };
    for f in &report.findings {
        let sev = f.severity.label(lang);
        println!(
            "{name}:{}  {}  {}  {}",
            f.line,
            out::pad(sev, 8),
            out::pad(f.rule, 24),
            f.message
        );
        if !f.excerpt.is_empty() {
            println!("    「{}」", f.excerpt);
        }
    }
    println!("{}", out::check_summary(&report, lang));
    Ok(())
}

fn carry(
    file: Option<&Path>,
    doc: Option<i64>,
    output: Option<&Path>,
    add: bool,
    open: impl Fn() -> Result<Store>,
) -> Result<()> {
    let text = input_text(file, doc, &open)?;
    let user_templates = match open() {
        Ok(s) => s.user_templates()?,
        Err(_) => Vec::new(),
    };
    let carried = recap_core::carry::carry_forward(&text, &user_templates)?;
    if add {
        eprintln!("{}", open()?.add(&carried.markdown)?.id);
    }
    emit(&carried.markdown, output)
}

fn results(cmd: ResultsCmd, lang: Lang) -> Result<()> {
    match cmd {
        ResultsCmd::Fill { file, output } => {
            let (text, n) = recap_core::results::fill_document(&fsio::read_text(&file)?)?;
            eprintln!("{n}");
            emit(&text, output.as_deref())
        }
        ResultsCmd::Table { rows } => emit(&recap_core::results::empty_table(lang, rows), None),
    }
}

fn templates(cmd: TemplatesCmd, lang: Lang, open: impl Fn() -> Result<Store>) -> Result<()> {
    match cmd {
        TemplatesCmd::List { json } => {
            // The gallery works without a store; user templates join when one opens.
            let all = match open() {
                Ok(store) => store.all_templates()?,
                Err(_) => template::builtin()?.to_vec(),
            };
            let views: Vec<_> = all.iter().map(|t| t.view(lang)).collect();
            if json {
                return out::json(&views);
            }
            for v in views {
                println!(
                    "{}  {}  {}",
                    out::pad(&v.id, 26),
                    out::pad(v.kind.label(lang), 14),
                    v.name
                );
            }
        }
        TemplatesCmd::Show { id, json } => {
            let v = find_template(&id, &open)?.view(lang);
            if json {
                return out::json(&v);
            }
            println!("{}（{}）\n{}\n", v.name, v.kind.label(lang), v.description);
            for s in &v.sections {
                let indent = "  ".repeat(usize::from(s.level.saturating_sub(2)));
                let target = s
                    .target
                    .map(|t| format!("  [{}–{}]", t.min, t.max))
                    .unwrap_or_default();
                println!("{indent}■ {}{target}", s.title);
                for tip in &s.tips {
                    println!("{indent}    · {tip}");
                }
            }
        }
        TemplatesCmd::Save { doc, id, name } => {
            let store = open()?;
            let stored = store.get(doc)?;
            let parsed = markdown::parse(&stored.body)?;
            let kind = parsed.meta.kind.unwrap_or_default();
            let t = template::template_from_markdown(&id, &name, kind, lang, &parsed);
            store.save_user_template(&t)?;
            println!("{}", t.id);
        }
        TemplatesCmd::ExportPack { ids, output } => {
            let store = open()?;
            let chosen: Vec<Template> = if ids.is_empty() {
                store.user_templates()?
            } else {
                ids.iter()
                    .map(|id| store.template(id))
                    .collect::<Result<_>>()?
            };
            let pack = Pack::new(chosen);
            fsio::write_atomic(&output, pack.to_toml_string()?.as_bytes())?;
            println!("{}", output.display());
        }
        TemplatesCmd::ImportPack { file } => {
            let store = open()?;
            let pack: Pack = fsio::read_text(&file)?.parse()?;
            for t in &pack.templates {
                store.save_user_template(t)?;
                println!("{}", t.id);
            }
        }
        TemplatesCmd::Remove { id } => open()?.delete_user_template(&id)?,
    }
    Ok(())
}

fn new_doc(a: NewArgs, lang: Lang, open: impl Fn() -> Result<Store>) -> Result<()> {
    let store = open().ok();
    let t = match &store {
        Some(s) => s.template(&a.template)?,
        None => template::find(&a.template)?,
    };
    let meta = Metadata {
        title: a.title,
        author: a.author,
        department: a.department,
        position: a.position,
        period: a.period.as_deref().map(Period::parse).transpose()?,
        ..Metadata::default()
    };
    let text = template::new_document_markdown(&t, lang, meta);
    if a.add {
        let info = match &store {
            Some(s) => s.add(&text)?,
            None => open()?.add(&text)?,
        };
        eprintln!("{}", info.id);
    }
    match a.output {
        Some(path) => fsio::write_atomic(&path, text.as_bytes()),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

fn count(file: &Path, json: bool, lang: Lang, open: impl Fn() -> Result<Store>) -> Result<()> {
    let doc = markdown::parse(&fsio::read_text(file)?)?;
    let user = match open() {
        Ok(s) => s.user_templates()?,
        Err(_) => Vec::new(),
    };
    let c = count_with_template(&doc, &user);
    if json {
        return out::json(&c);
    }
    let (han, word, words, pages) = (
        c.total.chinese_chars,
        c.total.word_compatible,
        c.total.words,
        c.pages,
    );
    println!(
        "{}",
        match lang {
            Lang::ZhHans => format!(
                "汉字 {han}  ·  字数（Word）{word}  ·  英文词 {words}  ·  约 {pages} 页（公文版心）"
            ),
            Lang::ZhHant => format!(
                "漢字 {han}  ·  字數（Word）{word}  ·  英文詞 {words}  ·  約 {pages} 頁（公文版心）"
            ),
            Lang::En => format!(
                "Chinese characters {han}  ·  Word count {word}  ·  Latin words {words}  ·  \
                 about {pages} pages (official-document grid)"
            ),
        }
    );
    for s in &c.sections {
        let indent = "  ".repeat(usize::from(s.level.saturating_sub(1)));
        let target = s
            .target
            .map(|t| format!("  / {}–{}", t.min, t.max))
            .unwrap_or_default();
        println!(
            "{indent}{}  {}{target}",
            out::pad(&s.title, 30),
            s.count.word_compatible
        );
    }
    Ok(())
}

fn docs(cmd: DocsCmd, store: &Store) -> Result<()> {
    match cmd {
        DocsCmd::Add { file, json } => {
            let info = store.add(&fsio::read_text(&file)?)?;
            if json {
                return out::json(&info);
            }
            println!("{}", info.id);
        }
        DocsCmd::List { json } => {
            let list = store.list()?;
            if json {
                return out::json(&list);
            }
            for d in list {
                println!(
                    "{:>5}  {}  {:>6}  {}",
                    d.id, &d.updated_at, d.chinese_chars, d.title
                );
            }
        }
        DocsCmd::Show { id } => print!("{}", store.get(id)?.body),
        DocsCmd::Save { id, file } => {
            let outcome = store.save(id, &fsio::read_text(&file)?, SaveMode::Manual)?;
            println!("{}", outcome.rev);
        }
        DocsCmd::Search { query, json } => {
            let hits = store.search(&query, 50)?;
            if json {
                return out::json(&hits);
            }
            for h in hits {
                println!("{:>5}  {}\n       {}", h.id, h.title, h.snippet);
            }
        }
        DocsCmd::History { id, json } => {
            let revs = store.history(id)?;
            if json {
                return out::json(&revs);
            }
            for r in revs {
                println!(
                    "{:>4}  {}  {:>6}{}",
                    r.rev,
                    r.saved_at,
                    r.chinese_chars,
                    if r.auto { "  (auto)" } else { "" }
                );
            }
        }
        DocsCmd::Revert { id, rev } => println!("{}", store.revert(id, rev)?.rev),
        DocsCmd::Delete { id } => store.delete(id)?,
        DocsCmd::Trash { json } => {
            let list = store.trash()?;
            if json {
                return out::json(&list);
            }
            for d in list {
                println!(
                    "{:>5}  {}  {}",
                    d.id,
                    d.deleted_at.as_deref().unwrap_or(""),
                    d.title
                );
            }
        }
        DocsCmd::Undelete { id } => store.undelete(id)?,
    }
    Ok(())
}

fn backup(cmd: BackupCmd, store: &mut Store) -> Result<()> {
    match cmd {
        BackupCmd::Create { json } => {
            let b = store.backup_now()?;
            if json {
                return out::json(&b);
            }
            println!("{}", b.path.display());
        }
        BackupCmd::List { json } => {
            let list = store.backups()?;
            if json {
                return out::json(&list);
            }
            for b in list {
                println!("{}  {:>10}  {}", b.created_at, b.size, b.path.display());
            }
        }
        BackupCmd::Restore { file } => {
            let r = store.restore(&file)?;
            println!("{}", r.kept_current_as.display());
        }
    }
    Ok(())
}

fn export(
    a: ExportArgs,
    lang: Lang,
    data_dir: Option<&Path>,
    open: impl Fn() -> Result<Store>,
) -> Result<()> {
    use recap_export::{ExportOptions, PdfFonts, fonts::FontLibrary};
    let text = match (&a.file, a.doc) {
        (Some(f), _) => fsio::read_text(f)?,
        (None, Some(id)) => open()?.get(id)?.body,
        (None, None) => return Err(Error::invalid("input", "give a FILE or --doc ID")),
    };
    // Front matter YAML cannot read is read leniently: say what was cleaned or left out, and
    // export (a deadline is no time to be stopped by a stray quote).
    for d in recap_core::meta::read_front_matter(&text).0.dropped {
        eprintln!("recap: {}", d.message(lang));
    }
    let doc = markdown::parse(&text)?;
    let format: Format = a.format.parse()?;
    let date = a
        .date
        .as_deref()
        .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d"))
        .transpose()
        .map_err(|_| Error::invalid("date", a.date.clone().unwrap_or_default()))?;
    let opts = ExportOptions {
        style: a.style.parse()?,
        cover: a.cover,
        toc: a.toc,
        header: a.header,
        page_numbers: !a.no_page_numbers,
        signature: !a.no_signature,
        date,
        // Generated words (目录, 第 X 页) follow the document, not the terminal.
        lang: recap_core::script::document_lang(&doc),
        sources: if a.sources {
            recap_core::sources::Handling::Appendix
        } else {
            recap_core::sources::Handling::Omit
        },
        ..ExportOptions::default()
    };
    // The font index lives in the data folder the store uses (none if there is none).
    let data_dir = data_dir
        .map(Path::to_path_buf)
        .or_else(|| recap_core::store::default_data_dir().ok());
    let fonts = FontLibrary::new(data_dir.as_deref());
    recap_export::export_to_file_with(&doc, format, &opts, PdfFonts::Library(&fonts), &a.output)
}
