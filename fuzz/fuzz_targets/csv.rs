//! Fuzzes the .csv reader: arbitrary bytes named `f.csv`, read as `hailong check` would.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| hailong_fuzz::read_as("f.csv", data, None));
