#![no_main]
//! Fuzz target `readers`: see fuzz/checks.rs for what it asserts.

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::readers(data));
