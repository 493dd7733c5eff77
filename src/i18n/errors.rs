//! The words of the errors a use case can fail on: the workspace, the settings, the rule packs,
//! the gazetteer, scoring and the application layer.
//!
//! Each error enum's `Localized::message` is a lookup here: variant → message, filled with the
//! values the variant carries. Lists arrive already joined (`{known}`, `{candidates}`).

crate::catalogue! {
    /// Every error message, both languages side by side, grouped by the enum that raises it.
    pub enum ErrorText {
        // `StoreError`: the workspace.
        /// A file or directory of the workspace could not be read or written.
        StoreIo => (
            "Không đọc/ghi được thư mục dữ liệu {path}: {message}. Kiểm tra đường dẫn --data, quyền ghi và dung lượng đĩa còn trống",
            "Cannot read/write the workspace {path}: {message}. Check --data, write permission and free disk space",
        ),
        /// The manifest is not valid JSON of the expected shape.
        StoreManifest => (
            "Tệp {path} bị hỏng: {message}. Chạy hailong repair (khôi phục bản trước đó của tệp), hoặc khôi phục từ bản sao lưu",
            "{path} is damaged: {message}. Run hailong repair (it restores the file's previous version), or restore a backup",
        ),
        /// A Parquet table could not be written or read.
        StoreTable => (
            "Lỗi bảng dữ liệu {path}: {message}",
            "Data table {path}: {message}",
        ),
        /// The test hook (named by `{hook}`) stopped the import before its final rename.
        StoreInjectedFailure => (
            "Dừng nhập dữ liệu trước bước ghi cuối (kiểm thử {hook})",
            "Import stopped before its final rename (test hook {hook})",
        ),
        /// Another process is importing into the workspace.
        StoreBusy => (
            "Thư mục dữ liệu {path} đang được nhập bởi tiến trình khác. Chạy lại sau khi lần nhập đó xong, hoặc bỏ --no-wait để chờ",
            "The workspace {path} is being imported into by another process. Run again when that import is done, or leave out --no-wait to wait",
        ),
        /// The manifest names `{count}` tables that are gone, listed in `{missing}`.
        StoreInconsistent => (
            "Thư mục dữ liệu {path} không nhất quán: manifest.json nhắc tới {count} bảng không còn: {missing}. Chạy `hailong repair` (hoặc nhập lại) để đưa về trạng thái nhất quán gần nhất; các nguồn thiếu bảng sẽ được liệt kê và cần nhập lại",
            "The workspace {path} is inconsistent: manifest.json names {count} tables that are gone: {missing}. Run `hailong repair` (or import again) to bring it back to the last consistent state; the sources without tables are listed and must be imported again",
        ),
        /// Neither manifest can be read.
        StoreUnrecoverable => (
            "Không khôi phục được {path}: cả manifest.json và manifest.prev.json đều hỏng hoặc không có. Hãy nhập lại các tệp vào một thư mục dữ liệu mới",
            "Cannot recover {path}: both manifest.json and manifest.prev.json are damaged or absent. Import the files again into a new workspace",
        ),

        // `SettingsError`: `hailong.toml` or a column mapping.
        /// The file cannot be read.
        SettingsRead => (
            "Không đọc được tệp {path}: {message}. Kiểm tra đường dẫn",
            "Cannot read {path}: {message}. Check the path",
        ),
        /// The file is not valid TOML of the expected shape.
        SettingsParse => (
            "Tệp {path} viết chưa đúng: {message}. Sửa dòng được chỉ ra (xem README)",
            "{path} is not written correctly: {message}. Fix the line it names (see README)",
        ),

        // `ScoreError`.
        /// The aggregation of a commune's forms failed.
        ScoreAggregate => (
            "Lỗi khi tổng hợp phiếu của {commune}: {message}",
            "Aggregating the forms of {commune} failed: {message}",
        ),

        // `LookupError`: the gazetteer.
        /// No unit has this name; `{suggestions}` are the closest.
        LookupUnknown => (
            "Không tìm thấy xã \"{name}\" trong danh mục đơn vị hành chính. Có phải: {suggestions}?",
            "No commune named \"{name}\" in the list of units. Did you mean: {suggestions}?",
        ),
        /// Several units fit the name.
        LookupAmbiguous => (
            "Tên \"{name}\" ứng với nhiều đơn vị: {candidates}. Hãy ghi rõ tên xã mới.",
            "\"{name}\" fits several units: {candidates}. Name the new commune.",
        ),

        // `RulesError`: a rule-pack file.
        /// The file could not be read.
        RulesIo => (
            "Không đọc được tệp quy tắc {file}: {message}",
            "Cannot read rule file {file}: {message}",
        ),
        /// The TOML is malformed or a key is invalid.
        RulesParse => (
            "Tệp quy tắc {file} sai cú pháp hoặc có khóa không hợp lệ: {message}",
            "Rule file {file} is malformed or has an invalid key: {message}",
        ),
        /// Two items of a form share a number.
        RulesDuplicateItem => (
            "{file}: câu số {number} xuất hiện hai lần (items.number)",
            "{file}: item number {number} appears twice (items.number)",
        ),
        /// Item numbers have a gap.
        RulesMissingItem => (
            "{file}: thiếu câu số {number} (items.number phải liên tục từ 1)",
            "{file}: item {number} is missing (items.number must run from 1 without gaps)",
        ),
        /// Not exactly one overall item.
        RulesOverallCount => (
            "{file}: phiếu phải có đúng một câu hỏi chung (items.overall = true), đang có {count}",
            "{file}: a form needs exactly one overall item (items.overall = true), found {count}",
        ),
        /// An item refers to a criterion its set lacks.
        RulesUnknownCriterion => (
            "{file}: câu {item} trỏ tới tiêu chí \"{code}\" không có trong bộ tiêu chí {set} (items.criteria)",
            "{file}: item {item} refers to criterion \"{code}\", which criteria set {set} lacks (items.criteria)",
        ),
        /// The overall item names criteria.
        RulesOverallWithCriteria => (
            "{file}: câu {item} là câu hỏi chung nên không được gắn tiêu chí (items.criteria)",
            "{file}: item {item}: a content item must name criteria and the overall item none (items.criteria)",
        ),
        /// A content item names no criterion.
        RulesItemWithoutCriteria => (
            "{file}: câu {item} chưa gắn tiêu chí nào (items.criteria)",
            "{file}: item {item}: a content item must name criteria and the overall item none (items.criteria)",
        ),
        /// A reference to a set, form or pack that does not exist.
        RulesUnknownRef => (
            "{file}: {key} = \"{id}\" không tồn tại",
            "{file}: {key} = \"{id}\" does not exist",
        ),
        /// A workspace's criteria set whose indicators differ from the set it replaces.
        RulesSetShape => (
            "{file}: bộ tiêu chí \"{set}\" của thư mục dữ liệu phải có đúng các chỉ tiêu của bộ mà nó thay thế (thiếu: {missing}; thừa: {extra}). Hãy nhập lại bảng tiêu chí của tỉnh (hailong criteria import)",
            "{file}: the workspace's criteria set \"{set}\" must hold exactly the indicators of the set it replaces (missing: {missing}; extra: {extra}). Import the province's criteria table again (hailong criteria import)",
        ),
        /// An id declared twice.
        RulesDuplicate => (
            "{file}: mã \"{id}\" bị trùng ({key})",
            "{file}: id \"{id}\" is repeated ({key})",
        ),
        /// A threshold that is not a percentage.
        RulesBadThreshold => (
            "{file}: {key} = \"{value}\" không phải tỷ lệ phần trăm từ 0 đến 100",
            "{file}: {key} = \"{value}\" is not a percentage between 0 and 100",
        ),
        /// A form without exactly its two answers.
        RulesAnswers => (
            "{file}: form.answers phải có đúng hai phương án (Hài lòng, Không hài lòng)",
            "{file}: form.answers needs exactly two options (satisfied, not satisfied)",
        ),
        /// `extends` loops.
        RulesCycle => (
            "{file}: pack.extends tạo vòng lặp qua \"{id}\"",
            "{file}: pack.extends loops through \"{id}\"",
        ),
        /// A threshold's source is a placeholder.
        RulesPlaceholderSource => (
            "{file}: {key}.source = \"{value}\" không nêu văn bản nào; ghi nguồn, hoặc ghi no_source = true (ngưỡng sẽ không được áp dụng)",
            "{file}: {key}.source = \"{value}\" names no document; write its source, or no_source = true (the threshold is then not applied)",
        ),
        /// `display_decimals` out of range.
        RulesBadDecimals => (
            "{file}: pack.display_decimals = {value} phải từ 0 đến 4",
            "{file}: pack.display_decimals = {value} must be between 0 and 4",
        ),
        /// Not exactly one default pack.
        RulesDefaultCount => (
            "Phải có đúng một bộ quy tắc mặc định (pack.default = true), đang có {count}",
            "Exactly one rule pack must say default = true; found {count}",
        ),

        // `AppError`: a use case.
        /// An upload not usable as sent.
        BadUpload => (
            "Tải lên không dùng được: {detail}",
            "The upload cannot be used: {detail}",
        ),
        /// An input file could not be read.
        Read => (
            "Không đọc được {path}: {message}",
            "Cannot read {path}: {message}",
        ),
        /// An output file could not be written.
        Write => (
            "Không ghi được {path}: {message}. Kiểm tra thư mục và đóng tệp nếu đang mở trong Excel",
            "Cannot write {path}: {message}. Check the folder, and close the file if Excel has it open",
        ),
        /// The paths given hold no spreadsheet.
        NoSpreadsheet => (
            "Không có bảng tính nào trong {paths} (hailong đọc .xlsx, .xlsm, .xls, .xlsb, .ods, .csv). Kiểm tra đường dẫn",
            "No spreadsheet in {paths} (hailong reads .xlsx, .xlsm, .xls, .xlsb, .ods, .csv). Check the path",
        ),
        /// The workspace holds no commune yet.
        EmptyWorkspace => (
            "Thư mục dữ liệu {dir} chưa có xã nào. Hãy chạy `hailong import` trước.",
            "The workspace {dir} holds no commune yet. Run `hailong import` first.",
        ),
        /// No commune of the workspace is the one asked for.
        UnknownCommune => (
            "Không xác định được xã \"{wanted}\" trong dữ liệu. Các xã gần đúng: {candidates}",
            "Cannot tell which commune \"{wanted}\" is. Closest in the workspace: {candidates}",
        ),
        /// The commune has no forms of the type asked for.
        FormNotImported => (
            "{commune} không có phiếu mẫu \"{form}\". Các mẫu đã nhập: {imported}",
            "{commune} has no forms of type \"{form}\". Imported: {imported}",
        ),
        /// The commune has no survey results yet.
        NoSurvey => (
            "{commune} chưa có kết quả lấy ý kiến sự hài lòng: nhập phiếu của các khu dân cư (hailong import) trước khi lập hồ sơ",
            "{commune} has no survey results yet: import the areas' forms (hailong import) before making its dossier",
        ),
        /// The commune has several forms and none was chosen.
        SeveralForms => (
            "{commune} có nhiều mẫu phiếu ({imported}): chọn một bằng --form",
            "{commune} has several forms ({imported}): choose one with --form",
        ),
        /// No form has this id.
        UnknownForm => (
            "Không có mẫu phiếu \"{form}\". Các mẫu có: {known}",
            "No form \"{form}\". Known forms: {known}",
        ),
        /// No criteria set has this id.
        UnknownCriteriaSet => (
            "Không có bộ tiêu chí \"{set}\". Các bộ có: {known}",
            "No criteria set \"{set}\". Known sets: {known}",
        ),
        /// The commune group is not one of the set's.
        UnknownCommuneGroup => (
            "Bộ tiêu chí {set} không có nhóm xã \"{group}\". Các nhóm: {groups}",
            "Criteria set {set} has no commune group \"{group}\". Its groups: {groups}",
        ),
        /// A round the commune does not have.
        UnknownRoundOf => (
            "{commune} không có đợt khảo sát \"{round}\". Các đợt đã nhập: {rounds}",
            "{commune} has no survey round \"{round}\". Rounds imported: {rounds}",
        ),
        /// A round the workspace does not have.
        UnknownRoundInWorkspace => (
            "Thư mục dữ liệu không có đợt khảo sát \"{round}\". Các đợt đã nhập: {rounds}",
            "The workspace has no survey round \"{round}\". Rounds imported: {rounds}",
        ),
        /// The round of a single-round import, in a list of rounds.
        UnnamedRound => ("(không đặt tên)", "(unnamed)"),
        /// A comparison asked for a commune surveyed once.
        SingleRound => (
            "{commune} chỉ có một đợt khảo sát; nhập đợt khác với --round",
            "{commune} has a single survey round; import another with --round",
        ),
        /// An `--area` not `NAME=HOUSEHOLDS`.
        BadAreaSpec => (
            "--area \"{spec}\" không đúng dạng TÊN=SỐ_HỘ, ví dụ \"Bản Mung=120\"",
            "--area \"{spec}\" is not NAME=HOUSEHOLDS, e.g. \"Bản Mung=120\"",
        ),
        /// A directory that is not a workspace.
        NotAWorkspace => (
            "{dir} không phải thư mục dữ liệu của hailong (không có manifest.json). Kiểm tra --data",
            "{dir} is not a hailong workspace (no manifest.json). Check --data",
        ),
    }
}
