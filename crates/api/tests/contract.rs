//! The committed TypeScript contract is what the engine's table generates: commands and types
//! cannot drift apart. `RECAP_BLESS=1 cargo test -p recap-api --test contract` rewrites it.

use std::path::Path;

#[test]
fn the_committed_contract_is_the_generated_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join(recap_api::contract::PATH);
    let generated = recap_api::contract::typescript();
    if std::env::var_os("RECAP_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date: run RECAP_BLESS=1 cargo test -p recap-api --test contract",
        path.display()
    );
}

#[test]
fn every_operation_is_in_the_contract_and_each_type_is_declared() {
    let ts = recap_api::contract::typescript();
    for op in recap_api::ops::OPERATIONS {
        assert!(
            ts.contains(&format!("\n  {op}(")),
            "{op} in the Api interface"
        );
        assert!(ts.contains(&format!("call('{op}'")), "{op} in bindApi");
    }
    for ty in [
        "DocView",
        "DocText",
        "Analysis",
        "Finding",
        "PeriodPicker",
        "Vocabulary",
        "ApiError",
        "SettingsChange",
    ] {
        assert!(ts.contains(&format!("export type {ty} ")), "{ty} declared");
    }
    // Row ids are numbers, not bigints.
    assert!(!ts.contains("bigint"));
}

#[test]
fn no_two_types_share_a_typescript_name() {
    assert_eq!(recap_api::contract::name_clashes(), Vec::<String>::new());
}
