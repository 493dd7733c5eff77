//! The words of `hailong criteria` (template, import, diff): the problems of a province's
//! criteria table, what the commands print, and the line of the web page naming the set in force.

crate::catalogue! {
    /// Every text of the province's criteria table and its commands, both languages side by side.
    pub enum CriteriaText {
        // Problems of a province's criteria table (`ingest::criteria_table`).
        /// A problem and where it is.
        ProblemAt => ("{place}: {message}", "{place}: {message}"),
        /// A problem and where it is, with the value found.
        ProblemAtValue => ("{place}: {message} ({value})", "{place}: {message} ({value})"),
        /// No header row of a criteria table.
        NoTable => (
            "không tìm thấy bảng tiêu chí: cần một dòng tiêu đề có cột \"Nội dung chỉ tiêu\" và cột \"TT\" hoặc \"Mã chỉ tiêu\" trong 20 dòng đầu",
            "no criteria table found: a header row with a \"Nội dung chỉ tiêu\" (text) column and a \"TT\" or \"Mã chỉ tiêu\" (code) column is needed in the first 20 rows",
        ),
        /// No column of targets.
        NoTargetColumn => (
            "không tìm thấy cột mức chỉ tiêu (\"Chỉ tiêu\", \"Mức đạt\", \"Chỉ tiêu theo vùng\" hoặc cột của vùng \"{region}\")",
            "no column of targets (\"Chỉ tiêu\", \"Mức đạt\", \"Chỉ tiêu theo vùng\" or the column of the region \"{region}\")",
        ),
        /// A row with a text and no code.
        NoCode => (
            "dòng có nội dung nhưng không có mã chỉ tiêu: ghi mã (\"2.1\") ở cột \"Mã chỉ tiêu\" hoặc ở đầu nội dung",
            "a row with a text and no indicator code: write the code (\"2.1\") in the \"Mã chỉ tiêu\" column or at the start of the text",
        ),
        /// A code the set does not have.
        UnknownCode => (
            "mã chỉ tiêu \"{code}\" không có trong bộ tiêu chí {set}",
            "indicator code \"{code}\" is not in the criteria set {set}",
        ),
        /// A code read twice.
        DuplicateCode => (
            "mã chỉ tiêu \"{code}\" bị trùng: đã có ở ô {first}",
            "indicator code \"{code}\" is repeated: already in cell {first}",
        ),
        /// An indicator of the set the table lacks.
        MissingCode => (
            "thiếu chỉ tiêu {code} (bảng của tỉnh phải có đủ {total} chỉ tiêu của bộ tiêu chí {set}; chỉ sửa nội dung, mức chỉ tiêu và văn bản)",
            "indicator {code} is missing (the province's table must hold all {total} indicators of the criteria set {set}; only texts, targets and documents change)",
        ),
        /// The criterion number beside an indicator is another criterion's.
        CriterionMismatch => (
            "tiêu chí \"{criterion}\" không khớp mã chỉ tiêu {code}: chỉ tiêu {code} thuộc tiêu chí {expected}",
            "criterion \"{criterion}\" does not match indicator code {code}: indicator {code} belongs to criterion {expected}",
        ),
        /// An indicator without text.
        EmptyText => (
            "chỉ tiêu {code}: nội dung trống",
            "indicator {code}: the text is empty",
        ),
        /// An indicator without target.
        EmptyTarget => (
            "chỉ tiêu {code}: mức chỉ tiêu trống; ghi như văn bản (≥70%, 100%, ≤6%, Đạt)",
            "indicator {code}: the target is empty; write it as the document does (≥70%, 100%, ≤6%, \"Đạt\")",
        ),
        /// A target that is neither a figure hailong reads nor words.
        BadTarget => (
            "chỉ tiêu {code}: không đọc được mức chỉ tiêu; ghi như văn bản (≥70%, 100%, ≤6%, Đạt) hoặc bằng lời",
            "indicator {code}: the target cannot be read; write it as the document does (≥70%, 100%, ≤6%, \"Đạt\") or in words",
        ),
        /// No document cited.
        NoDocument => (
            "chưa ghi văn bản căn cứ: ghi \"Văn bản của tỉnh:\" với số, ngày, cơ quan ban hành ở đầu bảng, hoặc ghi ở cột \"Văn bản căn cứ\" của từng dòng",
            "no document cited: write \"Văn bản của tỉnh:\" with the number, date and issuing body above the table, or fill the \"Văn bản căn cứ\" column of each row",
        ),
        /// Nobody named as having imported it.
        NoImporter => (
            "chưa ghi người nhập: ghi \"Người nhập:\" và họ tên, chức vụ ở đầu bảng, hoặc dùng --by",
            "nobody is named as importing it: write \"Người nhập:\" with a name and title above the table, or pass --by",
        ),

        // `hailong criteria template`.
        /// The template was written.
        TemplateWritten => (
            "Đã ghi bảng tiêu chí {set} ({rows} chỉ tiêu, {from}) vào {path}. Sửa nội dung và mức chỉ tiêu cho đúng văn bản của tỉnh, ghi văn bản và người nhập, đánh dấu x ở cột \"Đã đối chiếu\", rồi nhập lại bằng: hailong criteria import {path}",
            "Wrote the criteria table of {set} ({rows} indicators, {from}) to {path}. Correct texts and targets to the province's document, fill in the document and your name, mark x in \"Đã đối chiếu\", then import it with: hailong criteria import {path}",
        ),
        /// Pre-filled from the shipped draft.
        FromDraft => ("điền sẵn theo bản dự thảo chưa đối chiếu", "pre-filled from the unverified draft"),
        /// Pre-filled from the province's table imported earlier.
        FromWorkspace => (
            "điền sẵn theo bảng của tỉnh đã nhập",
            "pre-filled from the province's table imported earlier",
        ),

        // `hailong criteria import`.
        /// The table was imported.
        Imported => (
            "Đã nhập bộ tiêu chí {set} theo {document}: {rows} chỉ tiêu, {checked} chỉ tiêu đã đối chiếu; người nhập: {by}; lúc {at}. Lưu tại {path}.",
            "Imported the criteria set {set} from {document}: {rows} indicators, {checked} checked; imported by {by} at {at}. Saved as {path}.",
        ),
        /// Rows not marked as checked.
        Unchecked => (
            "{count} chỉ tiêu chưa đánh dấu \"Đã đối chiếu\", vẫn ghi là chưa xác minh: {codes}",
            "{count} indicators are not marked \"Đã đối chiếu\" and stay unverified: {codes}",
        ),
        /// Targets stated in words.
        TextTargets => (
            "{count} chỉ tiêu ghi mức bằng lời; hailong không đọc kết quả số của xã theo các mức này: {codes}",
            "{count} targets are stated in words; hailong does not read a commune's figures against them: {codes}",
        ),
        /// How much differs from the draft.
        ChangedCount => (
            "So với bản dự thảo: {count} chỉ tiêu khác nội dung hoặc mức chỉ tiêu (xem: hailong criteria diff).",
            "Compared with the shipped draft: {count} indicators differ in text or target (see: hailong criteria diff).",
        ),
        /// The table was refused.
        Refused => (
            "KHÔNG NHẬP {file}: {count} lỗi; bộ tiêu chí của thư mục dữ liệu giữ nguyên.",
            "NOT IMPORTED {file}: {count} problems; the workspace's criteria set is unchanged.",
        ),

        // `hailong criteria diff`.
        /// The workspace uses the shipped draft.
        DraftInForce => (
            "Thư mục dữ liệu dùng bộ tiêu chí {set} theo bản dự thảo của hailong, chưa đối chiếu với văn bản của tỉnh ({verified}/{total} chỉ tiêu đã xác minh). Nhập bảng của tỉnh bằng: hailong criteria template, rồi hailong criteria import.",
            "The workspace uses hailong's draft of the criteria set {set}, not checked against the province's document ({verified}/{total} indicators verified). Bring in the province's table with: hailong criteria template, then hailong criteria import.",
        ),
        /// The workspace has its own set.
        WorkspaceInForce => (
            "Bộ tiêu chí {set} của thư mục dữ liệu theo {document} (người nhập: {by}; lúc {at}; từ tệp {file}); {count} chỉ tiêu khác bản dự thảo về nội dung hoặc mức chỉ tiêu.",
            "The workspace's criteria set {set} follows {document} (imported by {by} at {at} from {file}); {count} indicators differ from the shipped draft in text or target.",
        ),
        /// One difference.
        DiffLine => ("  {code} — {field}: {draft} → {now}", "  {code} — {field}: {draft} → {now}"),
        /// Field: the indicator's text.
        FieldText => ("nội dung", "text"),
        /// Field: the target.
        FieldTarget => ("mức chỉ tiêu", "target"),
        /// Field: verified.
        FieldVerified => ("đã xác minh", "verified"),
        /// Field: the source.
        FieldSource => ("văn bản căn cứ", "source"),
        /// Yes.
        Yes => ("có", "yes"),
        /// No.
        No => ("không", "no"),

        // The commune page.
        /// The set in force, checked against the province's document.
        InForceChecked => (
            "Bộ tiêu chí áp dụng: {title} — theo văn bản của tỉnh: {document}, đã đối chiếu.",
            "Criteria set in force: {title} — from the province's document: {document}, checked.",
        ),
        /// The set in force, imported with some rows not checked.
        InForcePartly => (
            "Bộ tiêu chí áp dụng: {title} — theo văn bản của tỉnh: {document}; {unverified} chỉ tiêu chưa đối chiếu.",
            "Criteria set in force: {title} — from the province's document: {document}; {unverified} indicators not checked.",
        ),
        /// The set in force is the shipped draft.
        InForceDraft => (
            "Bộ tiêu chí áp dụng: {title} — bản dự thảo, chưa đối chiếu với văn bản của tỉnh.",
            "Criteria set in force: {title} — unverified draft, not checked against the province's document.",
        ),
    }
}
