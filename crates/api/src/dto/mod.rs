//! The contract's types: what crosses from the engine to a front (the desktop window, the
//! development bridge, the command line's JSON), by area. TypeScript declarations are
//! generated from them (see `crate::contract`).

pub mod analysis;
pub mod app;
pub mod assistant;
pub mod common;
pub mod docs;
pub mod export;
pub mod log;
pub mod settings;
pub mod templates;
