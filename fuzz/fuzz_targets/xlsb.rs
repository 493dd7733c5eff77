//! Fuzzes the .xlsb reader: arbitrary bytes named `f.xlsb`, read as `hailong check` would.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| hailong_fuzz::read_as("f.xlsb", data, None));
