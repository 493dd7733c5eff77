//! Fuzzes rule-pack / form / criteria TOML: arbitrary text added to the shipped library, as
//! `--rules FILE` does, then cross-checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut lib = hailong_fuzz::library().clone();
    if lib.add_text("fuzz.toml", text).is_ok() {
        let _ = lib.check();
    }
});
