//! `recap`: the command-line front of the Recap engine. Every command is a few lines over
//! recap-core; output is plain text, or JSON with `--json` (a stable contract).

mod args;
mod commands;
mod log;
mod out;

use clap::Parser;
use recap_core::Lang;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("recap: {}", e.message(lang));
            ExitCode::FAILURE
        }
    }
}
