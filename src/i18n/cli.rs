//! The words the command line prints around the reports: `score` tables, `import`, `repair`,
//! `export`, `template`, `demo` and `serve` messages. (The `--help` texts are not here yet.)

crate::catalogue! {
    /// Every text the commands print themselves, both languages side by side.
    pub enum CliText {
        // `score --all`.
        /// Column: commune.
        CommuneColumn => ("Xã", "Commune"),
        /// Column: form.
        FormColumn => ("Mẫu", "Form"),
        /// Column: participation, per cent.
        ParticipationColumn => ("Tham gia%", "Particip%"),
        /// Column: overall item, per cent.
        OverallColumn => ("HL chung%", "Overall%"),
        /// Column: the lowest content item.
        LowestItemColumn => ("Câu thấp nhất", "Lowest item"),
        /// Column: the verdict.
        VerdictColumn => ("Kết luận", "Verdict"),
        /// Column: the margin of the tightest check.
        MarginColumn => ("Biên (điều kiện sát nhất)", "Margin (tightest check)"),
        /// Column: readiness for recognition.
        ReadyColumn => ("Sẵn sàng công nhận", "Ready for recognition"),
        /// The lowest content item's cell.
        LowestItem => ("Câu {number}: {rate}%", "Item {number}: {rate}%"),
        /// Heading of the communes assessed and not surveyed.
        WithoutSurveyHeading => (
            "Xã đã nhập bảng tự đánh giá, chưa có kết quả khảo sát:",
            "Communes with a self-assessment and no survey results yet:",
        ),

        // `score --commune`.
        /// A commune assessed and not surveyed yet.
        NoSurveyYet => (
            "chưa có kết quả khảo sát sự hài lòng",
            "no satisfaction survey results yet",
        ),
        /// Heading of a comparison of rounds.
        CompareHeading => (
            "{commune} — so sánh đợt {base} → {round}",
            "{commune} — rounds {base} → {round}",
        ),

        // `import`, `check` and `repair`.
        /// Another process is importing; this one waits.
        Waiting => (
            "Đang chờ: thư mục dữ liệu {dir} đang được nhập bởi tiến trình khác…",
            "Waiting: the workspace {dir} is being imported into by another process…",
        ),
        /// `check --no-wait`: the flag is shared with `import` and means nothing to `check`.
        NoWaitOnCheck => (
            "--no-wait chỉ dùng với hailong import: hailong check không ghi gì nên không bao giờ phải chờ",
            "--no-wait is for hailong import only: hailong check writes nothing, so it never waits",
        ),
        /// `demo --data`: the demo writes its own workspace under `--out`.
        DemoTakesNoData => (
            "hailong demo không dùng --data: bản chạy thử ghi thư mục dữ liệu riêng vào --out (mặc định: một thư mục tạm mới)",
            "hailong demo takes no --data: the demo writes its own workspace into --out (default: a new temporary directory)",
        ),
        /// Ctrl-C pressed once during an import.
        Stopping => (
            "Đang dừng (Ctrl-C)… bấm lần nữa để thoát ngay.",
            "Stopping (Ctrl-C)… press again to quit at once.",
        ),
        /// The import stopped by Ctrl-C.
        Interrupted => (
            "Đã dừng theo yêu cầu (Ctrl-C): lần nhập này không lưu gì, thư mục dữ liệu giữ nguyên trạng thái trước.",
            "Stopped (Ctrl-C): this import stored nothing; the workspace is as it was before.",
        ),
        /// Marks the repair lines inside an import's report.
        RepairTag => ("[sửa]", "[repair]"),
        /// The damaged manifest was replaced by the previous one.
        RestoredPrevious => (
            "manifest.json hỏng: đã khôi phục bản trước đó (manifest.prev.json).",
            "manifest.json was damaged: restored the previous one (manifest.prev.json).",
        ),
        /// A source dropped for a missing table.
        DroppedSource => (
            "Đã bỏ nguồn {file} (xã {commune}, đợt \"{round}\"): thiếu hoặc hỏng bảng {table}. Hãy nhập lại tệp này.",
            "Dropped source {file} (commune {commune}, round \"{round}\"): table {table} is missing or damaged. Import this file again.",
        ),
        /// Nothing to repair.
        Consistent => (
            "Thư mục dữ liệu nhất quán: không có gì phải sửa ({removed} tệp thừa đã dọn).",
            "The workspace is consistent: nothing to repair ({removed} leftover files removed).",
        ),
        /// What a repair did.
        Repaired => (
            "Đã sửa: bỏ {sources} nguồn; {removed} tệp thừa đã dọn. Thư mục dữ liệu nay nhất quán.",
            "Repaired: {sources} sources dropped; {removed} leftover files removed. The workspace is consistent now.",
        ),

        // `export`.
        /// The province synthesis written.
        WroteSynthesis => (
            "Đã ghi tổng hợp toàn tỉnh ({count} xã) vào {path}.",
            "Wrote the province synthesis ({count} communes) to {path}.",
        ),
        /// A commune's dossier written, with its verdict.
        WroteDossier => (
            "Đã ghi hồ sơ của {commune} ({verdict}) vào {path}.",
            "Wrote the dossier of {commune} ({verdict}) to {path}.",
        ),

        // `template`.
        /// The commune group is left for the commune to choose.
        GroupLeftOpen => (
            "nhóm xã để xã tự chọn trong bảng",
            "commune group left for the commune to choose in the workbook",
        ),
        /// The set has one national set of targets.
        NationalTargets => ("chỉ tiêu chung toàn quốc", "one national set of targets"),
        /// The self-assessment workbook written.
        WroteAssessmentWorkbook => (
            "Đã ghi bảng tự đánh giá {path} cho {commune}: bộ tiêu chí {set}, {rows} chỉ tiêu, {region}.",
            "Wrote the self-assessment workbook {path} for {commune}: criteria set {set}, {rows} indicators, {region}.",
        ),
        /// The entry workbook written.
        WroteEntryWorkbook => (
            "Đã ghi sổ nhập phiếu {path} cho {commune} (mẫu {form}).",
            "Wrote the entry workbook {path} for {commune} (form {form}).",
        ),

        // `demo`.
        /// What the demo's data is.
        DemoBanner => (
            "hailong demo — DỮ LIỆU MẪU: ba xã có thật của tỉnh {province}, khu dân cư và câu trả lời là giả định.",
            "hailong demo — SAMPLE DATA: three real {province} communes, made-up residential areas and answers.",
        ),
        /// Heading of the demo's readiness lines.
        DemoReadyHeading => (
            "Sẵn sàng đề nghị công nhận (khảo sát + tiêu chí + điều kiện):",
            "Ready for recognition (survey + criteria + conditions):",
        ),
        /// The demo's survey on scales: its sample answers and index reports.
        DemoPacks => (
            "Khảo sát theo thang đo (bộ thử nghiệm {pack}, chưa xác minh): câu trả lời mẫu {inputs}; bảng chỉ số (Excel) {files}.\nThử tiếp: hailong --data {data} index --pack {pack} --all",
            "Survey on scales (trial pack {pack}, unverified): sample answers {inputs}; index reports (Excel) {files}.\nNext: hailong --data {data} index --pack {pack} --all",
        ),
        /// What the demo wrote and what to try next.
        /// What the paper-ballot step of the demo did.
        DemoPhotos => (
            "Phiếu giấy: đã in {printed} phiếu cho một bản của {commune}, đánh dấu và chụp ảnh giả lập ({folder}); máy đọc được {read} phiếu ({typed} trang không đọc được mã QR, đã gõ mã in trên phiếu), tự đọc {automatic} mục, {reviewed} mục chờ người xác nhận đã được xác nhận theo dấu đã đánh.",
            "Paper ballots: printed {printed} ballots for one area of {commune}, marked and photographed synthetically ({folder}); the reader read {read} ballots ({typed} pages whose QR code did not read, identified by typing the printed id), {automatic} items by itself; the {reviewed} items it left to a person were decided from the marks drawn.",
        ),
        DemoWrote => (
            "Đã ghi: sổ phiếu mẫu {inputs}, thư mục dữ liệu {data}, kết quả (txt, json, hồ sơ Excel từng xã, tổng hợp toàn tỉnh) {reports}.\nThử tiếp: hailong --data {data} score --commune \"chieng mung\"\nHoặc xem trên trình duyệt: hailong --data {data} serve --open",
            "Wrote: sample workbooks {inputs}, workspace {data}, results (txt, json, each commune's Excel dossier, province synthesis) {reports}.\nNext: hailong --data {data} score --commune \"chieng mung\"\nOr in a browser: hailong --data {data} serve --open",
        ),

        // `serve`.
        /// Where the server listens.
        Serving => (
            "hailong đang phục vụ thư mục dữ liệu {dir} tại {url} (Ctrl-C để dừng).",
            "hailong serves the workspace {dir} at {url} (Ctrl-C to stop).",
        ),
        /// The tag before an error that stops a command.
        ErrorTag => ("Lỗi", "Error"),
    }
}
