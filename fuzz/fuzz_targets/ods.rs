//! Fuzzes the .ods reader: arbitrary bytes named `f.ods`, read as `hailong check` would.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| hailong_fuzz::read_as("f.ods", data, None));
