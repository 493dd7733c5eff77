//! Fuzzes the mapping file: arbitrary text parsed as a mapping and, when it parses, used to read
//! a small fixed Kobo-style export (so the mapping's values reach the reader, not just serde).
#![no_main]

const EXPORT: &[u8] = "_id;xa;group_a/thon_ban;cau_1;cau_2;cau_chung;y_kien_khac\n\
1;Chiềng Mung;Bản Nà Sản;1;0;1;\n\
2;Chiềng Mung;Bản Nà Sản;hai_long;n/a;1;tốt\n"
    .as_bytes();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(m) = hailong::ingest::mapping::Mapping::parse(text, "fuzz.toml") {
        hailong_fuzz::read_as("kobo.csv", EXPORT, Some(&m));
    }
});
