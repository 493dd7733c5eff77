//! Fuzzes the .xls reader: arbitrary bytes named `f.xls`, read as `hailong check` would.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| hailong_fuzz::read_as("f.xls", data, None));
