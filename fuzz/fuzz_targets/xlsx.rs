//! Fuzzes the .xlsx reader: arbitrary bytes named `f.xlsx`, read as `hailong check` would.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| hailong_fuzz::read_as("f.xlsx", data, None));
