//! The command line's help, in both languages: the text of every subcommand and option.
//!
//! Keys name what a text describes: `""` the program, `"import"` a subcommand, `"import --json"`
//! an option of it, `"criteria import <file>"` a positional argument. A key `"--form@import"`
//! serves the option of that name in every subcommand under `import` and the commands sharing
//! its arguments (`check` shares `import`'s, `export` `score`'s, see `cli::help`). Every option
//! of the command line must have its text here: a test walks clap's definition and fails on a
//! missing one, and the catalogue audit checks the two languages as it does every message.
//! This module holds words only.

/// (key, Vietnamese, English).
pub const HELP: &[(&str, &str, &str)] = &[
    (
        "",
        "Chấm điểm phiếu lấy ý kiến sự hài lòng của người dân về kết quả xây dựng nông thôn mới và lập phụ lục hồ sơ công nhận (Excel).",
        "Scores the residents' satisfaction surveys of Vietnam's new-rural programme (NTM) and writes the recognition dossier's Excel appendices.",
    ),
    (
        "--lang",
        "Ngôn ngữ thông báo và trợ giúp: vi (mặc định) hoặc en; cũng đặt được bằng biến HAILONG_LANG",
        "Language of messages and help: vi (default) or en; also set by the HAILONG_LANG variable",
    ),
    (
        "--data",
        "Thư mục dữ liệu (mặc định hailong-data; cũng đặt được bằng biến HAILONG_DATA; demo dùng --out)",
        "Workspace directory (default hailong-data; also set by the HAILONG_DATA variable; demo uses --out)",
    ),
    ("--help", "In trợ giúp", "Print help"),
    ("--version", "In phiên bản", "Print version"),
    (
        "ballot",
        "In phiếu lấy ý kiến trên giấy (PDF, mỗi trang một phiếu có mã QR) để đọc lại từ ảnh chụp hoặc bản quét",
        "Print paper ballots (PDF, one ballot per page with QR ids) that hailong can read back from photos or scans",
    ),
    (
        "ballot --form",
        "Mẫu phiếu (xa-ntm, xa-ntm-nang-cao, xa-ntm-kieu-mau, xa-ntm-2026-2030)",
        "Form (xa-ntm, xa-ntm-nang-cao, xa-ntm-kieu-mau, xa-ntm-2026-2030)",
    ),
    ("ballot --commune", "Tên xã", "Commune"),
    (
        "ballot --area",
        "Khu dân cư và số phiếu phát ra, dạng \"Bản Mòng=120\" (lặp lại được; số thứ tự khu trên mã phiếu theo thứ tự này)",
        "A residential area and the forms issued there, as \"Bản Mòng=120\" (repeatable; areas are numbered in the ids in this order)",
    ),
    (
        "ballot --round",
        "Đợt khảo sát in trên mã phiếu (chữ không dấu, số, gạch ngang, ví dụ 2025-10)",
        "Survey round printed in the ids (unaccented letters, digits, hyphens, e.g. 2025-10)",
    ),
    (
        "ballot --out",
        "Tệp PDF cần ghi (in đúng 100 %, không chọn \"vừa trang\")",
        "PDF file to write (print at 100 %, never \"fit to page\")",
    ),
    (
        "ballot --layout",
        "Tệp JSON cần ghi: vị trí hai ô đánh dấu của từng nội dung trên từng trang, tính bằng mm",
        "JSON file to write: where each item's two boxes are on every page, in mm",
    ),
    (
        "ballot --replace",
        "Thay đợt in đã ghi nhận cho cùng mẫu, xã và đợt nhưng khác khu dân cư (chỉ khi phiếu cũ chưa phát)",
        "Replace a recorded print run of the same form, commune and round with other areas (only if the earlier ballots were not handed out)",
    ),
    (
        "template",
        "Tạo sổ nhập phiếu (Excel) cho một xã, hoặc bảng tự đánh giá tiêu chí",
        "Write the entry workbook for a commune, or its criteria self-assessment workbook",
    ),
    (
        "template --form",
        "Mẫu phiếu (xa-ntm, xa-ntm-nang-cao, xa-ntm-kieu-mau, xa-ntm-2026-2030)",
        "Form (xa-ntm, xa-ntm-nang-cao, xa-ntm-kieu-mau, xa-ntm-2026-2030)",
    ),
    ("template --commune", "Tên xã", "Commune"),
    (
        "template --area",
        "Khu dân cư và số hộ, dạng \"Bản Mung=120\" (lặp lại được)",
        "A residential area and its households, as \"Bản Mung=120\" (repeatable)",
    ),
    (
        "template --rows",
        "Số dòng phiếu có sẵn danh sách chọn",
        "Number of form rows with drop-down lists ready",
    ),
    ("template --out", "Tệp Excel cần ghi", "Excel file to write"),
    (
        "template --criteria",
        "Lập bảng tự đánh giá kết quả thực hiện tiêu chí theo bộ tiêu chí này (xa-ntm-2021-2025, xa-ntm-2026-2030) thay cho sổ nhập phiếu",
        "Write the criteria self-assessment workbook of this set (xa-ntm-2021-2025, xa-ntm-2026-2030) instead of the entry workbook",
    ),
    (
        "template --group",
        "Nhóm xã theo bộ tiêu chí 2026-2030: 1, 2 hoặc 3",
        "Commune group of the 2026-2030 set: 1, 2 or 3",
    ),
    (
        "import",
        "Nhập các tệp phiếu vào thư mục dữ liệu",
        "Import survey workbooks into the workspace",
    ),
    (
        "check",
        "Kiểm tra tệp phiếu mà không lưu",
        "Check survey workbooks without storing them",
    ),
    (
        "--commune@import",
        "Tên xã (khi tệp không ghi, hoặc để ghi đè)",
        "Commune (when the file does not say, or to override it)",
    ),
    (
        "--form@import",
        "Mẫu phiếu (khi tệp không ghi, hoặc để ghi đè)",
        "Form (when the file does not say, or to override it)",
    ),
    (
        "--round@import",
        "Đợt khảo sát (khi một xã được lấy ý kiến nhiều lần), ví dụ \"2025-10\"; nhãn xếp theo thời gian; dùng cả với --pack",
        "Survey round (when a commune is surveyed more than once), e.g. \"2025-10\"; labels sort in time order; also with --pack",
    ),
    (
        "--mapping@import",
        "Tệp ánh xạ cột cho dữ liệu xuất từ KoboToolbox, ODK, \"Google Forms\" (phiếu NTM, hoặc bộ khảo sát với --pack)",
        "Column mapping for exports of KoboToolbox, ODK or \"Google Forms\" (NTM forms, or a survey pack with --pack)",
    ),
    (
        "--json@import",
        "In kết quả dạng JSON",
        "Print the result as JSON",
    ),
    (
        "--errors-xlsx@import",
        "Ghi danh sách lỗi ra tệp Excel để sửa",
        "Write the problems to an Excel file to fix from",
    ),
    (
        "--accept-partial@import",
        "Vẫn lưu tệp có cách đọc đáng ngờ (quá 5% dòng bị loại, hoặc một lỗi lặp lại quá 10 dòng)",
        "Store a file even when its reading looks doubtful (over 5% of rows refused, or one problem on more than 10 rows)",
    ),
    (
        "--no-wait@import",
        "Không chờ khi một lần nhập khác đang ghi vào thư mục dữ liệu: dừng ngay (mã thoát 2); chỉ với import",
        "Do not wait while another import writes to the workspace: stop at once (exit code 2); import only",
    ),
    (
        "<files>@import",
        "Tệp hoặc thư mục bảng tính (.xlsx, .xlsm, .xls, .xlsb, .ods, .csv)",
        "Spreadsheet files or directories (.xlsx, .xlsm, .xls, .xlsb, .ods, .csv)",
    ),
    (
        "score",
        "Tính kết quả và kết luận của một xã hoặc toàn tỉnh",
        "Score a commune or the whole province",
    ),
    (
        "export",
        "Xuất phụ lục hồ sơ (Excel) của một xã hoặc bản tổng hợp toàn tỉnh",
        "Write a commune's dossier appendices or the province synthesis (Excel)",
    ),
    (
        "--commune@score",
        "Tên xã (không cần dấu, không phân biệt hoa thường: \"chieng mung\")",
        "Commune (diacritics and case optional: \"chieng mung\")",
    ),
    (
        "--all@score",
        "Mọi xã trong thư mục dữ liệu (toàn tỉnh)",
        "Every commune of the workspace (the province)",
    ),
    (
        "--form@score",
        "Mẫu phiếu (khi xã có nhiều mẫu; với --all: chỉ mẫu này)",
        "Form (when the commune has several; with --all: only this form)",
    ),
    (
        "--round@score",
        "Đợt khảo sát (mặc định: đợt mới nhất)",
        "Survey round (default: the latest)",
    ),
    (
        "--rules@score",
        "Tệp quy tắc riêng của tỉnh (mở rộng bộ quy tắc mặc định)",
        "The province's own rule pack file (extends the default rules)",
    ),
    (
        "score --failing",
        "Chỉ các xã không đạt (với --all)",
        "Only the communes that do not pass (with --all)",
    ),
    (
        "score --compare",
        "So sánh với một đợt trước (mặc định: đợt liền trước)",
        "Compare with an earlier round (default: the one before)",
    ),
    (
        "score --json",
        "In kết quả dạng JSON",
        "Print the result as JSON",
    ),
    (
        "export --include-names",
        "Ghi kèm số thứ tự phiếu (định danh hộ) ở các biểu lý do và ý kiến",
        "Include the form numbers (household identifiers) in the reasons and opinions sheets",
    ),
    ("export --out", "Tệp Excel cần ghi", "Excel file to write"),
    (
        "demo",
        "Chạy thử trên dữ liệu mẫu",
        "Run on the bundled sample data",
    ),
    (
        "demo --out",
        "Thư mục ghi dữ liệu và kết quả chạy thử (mặc định: một thư mục tạm mới)",
        "Where to write the demo's workspace and reports (default: a new temporary directory)",
    ),
    (
        "repair",
        "Kiểm tra và sửa thư mục dữ liệu không nhất quán",
        "Check and repair an inconsistent workspace",
    ),
    (
        "repair --no-wait",
        "Không chờ khi một lần nhập khác đang ghi vào thư mục dữ liệu",
        "Do not wait while another import writes to the workspace",
    ),
    (
        "repair --json",
        "In kết quả dạng JSON",
        "Print the result as JSON",
    ),
    (
        "serve",
        "Mở trang web cho thư mục dữ liệu",
        "Serve the workspace as a web page",
    ),
    (
        "serve --listen",
        "Địa chỉ nghe (mặc định chỉ máy này)",
        "Listen address (default: this computer only)",
    ),
    (
        "serve --open",
        "Mở trình duyệt",
        "Open the page in a browser",
    ),
    (
        "serve --token",
        "Mã truy cập, bắt buộc khi nghe ngoài máy này mà không có tài khoản",
        "Access code, needed to listen beyond this computer without accounts",
    ),
    (
        "serve --max-upload-mb",
        "Dung lượng tối đa một lần tải lên, MB",
        "Largest upload at once, MB",
    ),
    (
        "serve --max-file-mb",
        "Dung lượng tối đa một tệp tải lên, MB",
        "Largest uploaded file, MB",
    ),
    (
        "serve --secure-cookies",
        "Cookie đăng nhập chỉ gửi qua https",
        "Send sign-in cookies over https only",
    ),
    (
        "serve --behind-proxy",
        "Chạy sau proxy ngược: tin X-Forwarded-Proto và X-Forwarded-For",
        "Behind a reverse proxy: trust X-Forwarded-Proto and X-Forwarded-For",
    ),
    (
        "criteria",
        "Bộ tiêu chí theo văn bản của tỉnh: bảng mẫu, nhập, so sánh",
        "The province's criteria table: template, import, diff",
    ),
    (
        "criteria template",
        "Ghi bảng tiêu chí (Excel) điền sẵn để đối chiếu với văn bản của tỉnh",
        "Write the criteria table, filled in, to check against the province's document",
    ),
    (
        "--set@criteria",
        "Bộ tiêu chí (mặc định xa-ntm-2021-2025)",
        "Criteria set (default xa-ntm-2021-2025)",
    ),
    (
        "criteria template --out",
        "Tệp Excel cần ghi",
        "Excel file to write",
    ),
    (
        "criteria import",
        "Nhập bảng tiêu chí của tỉnh vào thư mục dữ liệu",
        "Import the province's criteria table into the workspace",
    ),
    (
        "criteria import <file>",
        "Tệp bảng tiêu chí (.xlsx, .xls, .ods, .csv)",
        "The criteria table (.xlsx, .xls, .ods, .csv)",
    ),
    (
        "criteria import --by",
        "Người nhập (họ tên, chức vụ), khi bảng không ghi \"Người nhập:\"",
        "Who imports it (name, position), when the table has no \"Người nhập:\" line",
    ),
    (
        "criteria diff",
        "Liệt kê chỗ khác giữa bộ tiêu chí của thư mục dữ liệu và bản dự thảo",
        "List what differs between the workspace's criteria set and the shipped draft",
    ),
    ("criteria diff --json", "In dạng JSON", "Print as JSON"),
    (
        "users",
        "Tài khoản của trang web (mỗi xã một tài khoản)",
        "The web server's accounts (one per commune)",
    ),
    ("users add", "Tạo tài khoản", "Create an account"),
    (
        "<name>@users",
        "Tên tài khoản (chữ, số, dấu chấm, gạch ngang, gạch dưới)",
        "Account name (letters, digits, dot, hyphen, underscore)",
    ),
    (
        "users add --role",
        "Cấp: province (tỉnh) hoặc commune (xã)",
        "Level: province or commune",
    ),
    (
        "users add --commune",
        "Xã của tài khoản cấp xã (\"chieng mung\", \"Xã Chiềng Mung\")",
        "The commune of a commune account (\"chieng mung\", \"Xã Chiềng Mung\")",
    ),
    (
        "--password-stdin@users",
        "Đọc mật khẩu từ đầu vào chuẩn (dòng đầu)",
        "Read the password from standard input (its first line)",
    ),
    ("users list", "Liệt kê tài khoản", "List the accounts"),
    ("users list --json", "In dạng JSON", "Print as JSON"),
    ("users remove", "Xoá tài khoản", "Remove an account"),
    (
        "users passwd",
        "Đổi mật khẩu",
        "Change an account's password",
    ),
    (
        "--pack@template",
        "Sổ nhập của bộ khảo sát theo thang đo có sẵn (niem-tin-thu-nghiem), thay cho mẫu phiếu nông thôn mới",
        "The entry workbook of a shipped survey pack on scales (niem-tin-thu-nghiem), instead of an NTM form",
    ),
    (
        "--pack-file@template",
        "Tệp bộ khảo sát của tỉnh, thay cho --pack",
        "The province's own survey pack file, instead of --pack",
    ),
    (
        "--pack@import",
        "Bộ khảo sát theo thang đo mà các tệp trả lời (niem-tin-thu-nghiem)",
        "The survey pack the files answer (niem-tin-thu-nghiem)",
    ),
    (
        "--pack-file@import",
        "Tệp bộ khảo sát của tỉnh mà các tệp trả lời, thay cho --pack",
        "The province's own survey pack file the files answer, instead of --pack",
    ),
    (
        "index",
        "Chỉ số của một bộ khảo sát theo thang đo, cho một xã hoặc mọi xã",
        "A survey pack's indices, for a commune or every commune",
    ),
    (
        "--pack@index",
        "Bộ khảo sát có sẵn (niem-tin-thu-nghiem)",
        "A shipped survey pack (niem-tin-thu-nghiem)",
    ),
    (
        "--pack-file@index",
        "Tệp bộ khảo sát của tỉnh, thay cho --pack",
        "The province's own survey pack file, instead of --pack",
    ),
    (
        "index --commune",
        "Tên xã (không cần dấu, không phân biệt hoa thường)",
        "Commune (diacritics and case optional)",
    ),
    (
        "index --all",
        "Mọi xã có câu trả lời của bộ khảo sát",
        "Every commune with answers to the pack",
    ),
    (
        "index --round",
        "Đợt khảo sát (mặc định: đợt mới nhất của mỗi đơn vị)",
        "Survey round (default: each unit's latest)",
    ),
    (
        "index --json",
        "In kết quả dạng JSON",
        "Print the result as JSON",
    ),
    (
        "review",
        "Xác nhận các dấu của phiếu chụp ảnh mà máy chưa chắc, xấu nhất trước",
        "Decide the marks of photographed ballots the reader was not sure of, worst first",
    ),
    (
        "review --commune",
        "Chỉ xã này (không cần dấu, không phân biệt hoa thường)",
        "Only this commune (diacritics and case optional)",
    ),
    (
        "review --set",
        "Quyết định một mục: MÃ_PHIẾU:MỤC=satisfied|dissatisfied|blank|invalid (lặp lại được)",
        "Decide one item: BALLOT_ID:ITEM=satisfied|dissatisfied|blank|invalid (repeatable)",
    ),
    (
        "review --page",
        "Nhập mã phiếu cho một trang máy không nhận ra: TỆP:TRANG=MÃ_PHIẾU, mã in dưới mã QR (lặp lại được)",
        "Type the ballot id of a page the reader could not identify: FILE:PAGE=ID, the id printed under the QR code (repeatable)",
    ),
    (
        "review --no-wait",
        "Không chờ khi một lần nhập khác đang ghi vào thư mục dữ liệu",
        "Fail at once when another import is writing to the workspace",
    ),
    (
        "review --json",
        "In danh sách (hoặc kết quả) dạng JSON",
        "Print the list (or the result) as JSON",
    ),
    (
        "index --out",
        "Ghi bảng chỉ số (Excel, in được): chỉ số với tử số và mẫu số, số người trả lời theo từng mức, biểu đồ",
        "Write the index report workbook (Excel, ready to print): indices with numerators and denominators, respondents at each point, charts",
    ),
    (
        "index --population",
        "Dân số của một xã, dạng \"Chiềng Mung=4200\" (lặp lại được): khoảng tin cậy có hiệu chỉnh quần thể hữu hạn",
        "A commune's population, as \"Chiềng Mung=4200\" (repeatable): intervals with the finite-population correction",
    ),
];

/// The help text of `key` in `lang`, if the catalogue has it.
pub fn text(key: &str, lang: super::Lang) -> Option<&'static str> {
    HELP.iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, vi, en)| super::pick_static(lang, vi, en))
}

/// What is wrong with the help texts, as the catalogue audit says it of messages.
pub fn audit() -> Vec<String> {
    let mut bad: Vec<String> = HELP
        .iter()
        .flat_map(|(k, vi, en)| super::audit_pair(&format!("help {k:?}"), vi, en))
        .collect();
    let mut keys: Vec<&str> = HELP.iter().map(|(k, _, _)| *k).collect();
    keys.sort_unstable();
    for w in keys.windows(2) {
        if w[0] == w[1] {
            bad.push(format!("help {:?}: twice", w[0]));
        }
    }
    bad
}
