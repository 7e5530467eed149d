//! The TypeScript side of the contract, generated: every type an operation takes or gives
//! (through ts-rs), the `Api` interface with one method per operation, and `bindApi`, which
//! makes an `Api` from any way of calling an operation by name (Tauri IPC in the app, HTTP to
//! the development bridge in a browser). The UI imports only this file's types; a test fails
//! when the committed `ui/src/lib/api/contract.ts` and this output differ.

use crate::ApiError;
use crate::ops::{self, Operation};
use std::any::TypeId;
use std::collections::BTreeMap;
use ts_rs::{Config, TS, TypeVisitor};

/// Where the generated file is committed, from the workspace root.
pub const PATH: &str = "ui/src/lib/api/contract.ts";

struct Collect<'a> {
    cfg: &'a Config,
    decls: BTreeMap<String, String>,
    /// Which Rust type took each TypeScript name: ts-rs names a type by its bare identifier,
    /// so two DTOs of one name in different modules would silently become one.
    owners: BTreeMap<String, (TypeId, &'static str)>,
    clashes: Vec<String>,
}

impl TypeVisitor for Collect<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // A type of its own (a struct or enum) is declared once; a built-in one (Vec,
        // Option, a number) is only looked through for the types inside it.
        if T::output_path().is_some() {
            let name = T::ident(self.cfg);
            // A generic type's instances (Named<StyleId>, Named<String>) are one declaration.
            let me = (
                TypeId::of::<T::WithoutGenerics>(),
                std::any::type_name::<T::WithoutGenerics>(),
            );
            if let Some(owner) = self.owners.get(&name) {
                if owner.0 != me.0 {
                    self.clashes
                        .push(format!("{name}: {} and {}", owner.1, me.1));
                }
                return;
            }
            self.owners.insert(name.clone(), me);
            self.decls.insert(name, T::decl(self.cfg));
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

fn config() -> Config {
    // Ids and sizes are JavaScript numbers (exact up to 2^53, far beyond any row id).
    Config::new().with_large_int("number")
}

fn doc_comment(doc: &str, indent: &str) -> String {
    let lines: Vec<&str> = doc
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    match lines.as_slice() {
        [] => String::new(),
        [one] => format!("{indent}/** {one} */\n"),
        many => {
            let mut s = format!("{indent}/**\n");
            for l in many {
                s.push_str(&format!("{indent} * {l}\n"));
            }
            s.push_str(&format!("{indent} */\n"));
            s
        }
    }
}

fn params(op: &Operation) -> String {
    op.args
        .iter()
        .map(|(n, t)| format!("{n}: {t}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn collect(cfg: &Config) -> Collect<'_> {
    let mut c = Collect {
        cfg,
        decls: BTreeMap::new(),
        owners: BTreeMap::new(),
        clashes: Vec::new(),
    };
    c.visit::<ApiError>();
    ops::visit_types(&mut c);
    c
}

/// Types of different Rust paths that would share one TypeScript name ("Name: a::Name and
/// b::Name"); the contract test requires none.
pub fn name_clashes() -> Vec<String> {
    collect(&config()).clashes
}

/// The whole `contract.ts`.
pub fn typescript() -> String {
    let cfg = config();
    let c = collect(&cfg);
    let table = ops::operations(&cfg);

    let mut out = String::from(
        "// The contract between the UI and the engine, generated from crates/api (the types from\n\
         // its dto module by ts-rs, the operations from its table in ops/mod.rs); do not edit.\n\
         // Regenerate: RECAP_BLESS=1 cargo test -p recap-api --test contract\n",
    );
    for decl in c.decls.values() {
        out.push_str("\nexport ");
        out.push_str(decl);
        out.push('\n');
    }

    out.push_str("\n/** Every operation of the engine, by the name it is called with. */\n");
    out.push_str("export interface Api {\n");
    for op in &table {
        out.push_str(&doc_comment(op.doc, "  "));
        out.push_str(&format!(
            "  {}({}): Promise<{}>;\n",
            op.name,
            params(op),
            op.result
        ));
    }
    out.push_str("}\n");

    // The engine's constants the editor needs (its link check lets source markers through).
    out.push_str(&format!(
        "\n/** The address scheme of a drafted item's source marker (recap_core::model). */\n\
         export const SOURCE_SCHEME = '{}';\n",
        recap_core::model::SOURCE_SCHEME
    ));

    out.push_str("\nexport const OPERATIONS = [\n");
    for op in &table {
        out.push_str(&format!("  '{}',\n", op.name));
    }
    out.push_str("] as const;\n\nexport type Operation = (typeof OPERATIONS)[number];\n");
    out.push_str(
        "\n/** How a front calls an operation: its name and its arguments by name. */\n\
         export type Call = (op: Operation, args: Record<string, unknown>) => Promise<unknown>;\n",
    );
    out.push_str(
        "\n/** An `Api` over `call`. */\nexport function bindApi(call: Call): Api {\n  return {\n",
    );
    for op in &table {
        let names: Vec<&str> = op.args.iter().map(|(n, _)| *n).collect();
        out.push_str(&format!(
            "    {}: ({}) => call('{}', {{ {} }}) as Promise<{}>,\n",
            op.name,
            params(op),
            op.name,
            names.join(", "),
            op.result
        ));
    }
    out.push_str("  };\n}\n");
    out.replace("{  }", "{}")
}
