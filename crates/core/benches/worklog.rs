//! Work-log benchmarks (in progress).
fn main() {}
