//! The command-line grammar.

use clap::{Args, Parser, Subcommand};
use recap_core::Lang;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "recap", version, about = "Recap 复盘 — write work summaries, export DOCX/PDF/HTML", long_about = None)]
pub struct Cli {
    /// The data folder holding the store (default: the app's data folder, or $RECAP_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Language of messages and templates: zh-Hans, zh-Hant or en (default: from LANG).
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The template gallery.
    #[command(subcommand)]
    Templates(TemplatesCmd),
    /// Write a new document from a template.
    New(NewArgs),
    /// Count characters and words, per section and in total.
    Count {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Documents in the store.
    #[command(subcommand)]
    Docs(DocsCmd),
    /// Backups of the store.
    #[command(subcommand)]
    Backup(BackupCmd),
    /// Export Markdown to DOCX, PDF or HTML.
    Export(ExportArgs),
    /// Turn a .docx, .md or .txt file (or `-` for standard input) into Recap Markdown.
    /// Notes on what was left out (web clutter, images) go to standard error.
    Import {
        file: PathBuf,
        /// Write to FILE instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The 体检 check: unfilled placeholders, vague claims, empty or missing sections,
    /// results without numbers, plans without dates… Exits 0 whatever it finds (findings
    /// are advice, not failures); it fails only when the file cannot be read.
    Check(CheckArgs),
    /// Start the next period's summary from this one, with a review table of its plan.
    Carry {
        /// A Markdown file, or a stored document as `--doc ID`.
        file: Option<PathBuf>,
        #[arg(long, conflicts_with = "file")]
        doc: Option<i64>,
        /// Write to FILE instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Also add the new document to the store and print its id on standard error.
        #[arg(long)]
        add: bool,
    },
    /// The results table (指标 / 基线 / 目标 / 实际 / 完成率).
    #[command(subcommand)]
    Results(ResultsCmd),
    /// The work log (记录): add, list, search and import notes.
    #[command(subcommand)]
    Log(crate::log::LogCmd),
    /// Draft a period's summary in a template from the log and the stored reports.
    Draft(crate::log::DraftArgs),
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// A Markdown file, or a stored document as `--doc ID`.
    pub file: Option<PathBuf>,
    #[arg(long, conflicts_with = "file")]
    pub doc: Option<i64>,
    #[arg(long)]
    pub json: bool,
    /// The export style the document is for: gov (公文: dates must read 2026年11月22日),
    /// business or plain. The default is gov, as for `recap export`.
    #[arg(long, default_value = "gov")]
    pub style: String,
}

#[derive(Subcommand, Debug)]
pub enum ResultsCmd {
    /// Compute the 完成率 column of every results table in a Markdown file.
    Fill {
        file: PathBuf,
        /// Write to FILE instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print an empty results table to paste into a document.
    Table {
        #[arg(long, default_value_t = 3)]
        rows: usize,
    },
}

#[derive(Subcommand, Debug)]
pub enum TemplatesCmd {
    /// List the templates.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One template with its sections, tips and snippets.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Save a stored document's structure as a user template.
    Save {
        /// The document id.
        doc: i64,
        /// The new template's id (letters, digits and dashes).
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
    },
    /// Write templates (all user templates, or the ids given) to a pack file to share.
    ExportPack {
        ids: Vec<String>,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Add the templates of a pack file as user templates.
    ImportPack { file: PathBuf },
    /// Remove a user template.
    Remove { id: String },
}

#[derive(Args, Debug)]
pub struct NewArgs {
    #[arg(long)]
    pub template: String,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub author: Option<String>,
    #[arg(long)]
    pub department: Option<String>,
    #[arg(long)]
    pub position: Option<String>,
    /// e.g. 2026, 2026-Q3, 2026-03, 2026-W47, "2026-01-01 至 2026-12-31".
    #[arg(long)]
    pub period: Option<String>,
    /// Write to FILE instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Also add the new document to the store and print its id.
    #[arg(long)]
    pub add: bool,
}

#[derive(Subcommand, Debug)]
pub enum DocsCmd {
    /// Add a Markdown file to the store.
    Add {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// List documents, most recently changed first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Print a document's Markdown.
    Show { id: i64 },
    /// Replace a document's text with a file's (a new revision).
    Save { id: i64, file: PathBuf },
    /// Full-text search (Chinese substrings too).
    Search {
        query: String,
        #[arg(long)]
        json: bool,
    },
    /// A document's revisions.
    History {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Bring back an old revision (saved as a new revision; nothing is lost).
    Revert { id: i64, rev: u32 },
    /// Move a document to the trash.
    Delete { id: i64 },
    /// Documents in the trash.
    Trash {
        #[arg(long)]
        json: bool,
    },
    /// Take a document back out of the trash.
    Undelete { id: i64 },
}

#[derive(Subcommand, Debug)]
pub enum BackupCmd {
    /// Take a backup now.
    Create {
        #[arg(long)]
        json: bool,
    },
    /// List backups, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Restore a backup (the current store is kept aside first).
    Restore { file: PathBuf },
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// A Markdown file (front matter optional), or a stored document as `--doc ID`.
    pub file: Option<PathBuf>,
    #[arg(long, conflicts_with = "file")]
    pub doc: Option<i64>,
    #[arg(long, value_parser = ["docx", "pdf", "html"])]
    pub format: String,
    /// gov (公文, GB/T 9704), business (商务) or plain (简洁).
    #[arg(long, default_value = "gov")]
    pub style: String,
    #[arg(long)]
    pub cover: bool,
    #[arg(long)]
    pub toc: bool,
    #[arg(long, value_name = "TEXT")]
    pub header: Option<String>,
    #[arg(long)]
    pub no_page_numbers: bool,
    /// Leave out the name-and-date block at the end.
    #[arg(long)]
    pub no_signature: bool,
    /// The date for the signature and cover (YYYY-MM-DD; default today).
    #[arg(long)]
    pub date: Option<String>,
    /// List a draft's sources (its 依据 markers) as an appendix; by default they are left out.
    #[arg(long)]
    pub sources: bool,
    #[arg(short, long)]
    pub output: PathBuf,
}
