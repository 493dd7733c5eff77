//! The words of `hailong serve`: its pages, its refusals and why it does not start.
//!
//! Only words live here; the pages keep their HTML. Variants are grouped by where they show:
//! the frame every page shares, the words several tables share, the verdict, then each page
//! in the order it is drawn, then the server's own messages.

use super::Lang;

crate::catalogue! {
    /// Every text of the web pages and the web server, both languages side by side.
    pub enum WebText {
        // The frame of every page.
        /// The navigation's name for screen readers.
        Navigation => ("Điều hướng", "Navigation"),
        /// Link and title of the province page.
        Province => ("Toàn tỉnh", "Province"),
        /// Link and title of the upload page.
        Upload => ("Nhập phiếu", "Upload"),
        /// Link, title and heading of the template page.
        EntryWorkbook => ("Sổ nhập phiếu", "Entry workbook"),
        /// Title of an error page.
        Error => ("Lỗi", "Error"),
        /// Heading of an error page.
        CouldNotDoThat => ("Không thực hiện được", "Could not do that"),

        // Words several tables share.
        /// A commune (column, field).
        Commune => ("Xã", "Commune"),
        /// A survey item (column, prefix of its number).
        Item => ("Câu", "Item"),
        /// A survey form (filter, field).
        Form => ("Mẫu phiếu", "Form"),
        /// A survey round (filter, field).
        Round => ("Đợt", "Round"),
        /// Column: households surveyed over households, in per cent.
        ParticipationPct => ("Tham gia %", "Participation %"),
        /// Column: the overall satisfaction, in per cent.
        OverallPct => ("Hài lòng chung %", "Overall %"),
        /// Column: whether a commune may ask for recognition.
        ReadyForRecognition => ("Sẵn sàng công nhận", "Ready for recognition"),
        /// Column: the outcome of a check, a condition or an indicator.
        Result => ("Kết quả", "Result"),
        /// Column: the legal source of a rule.
        Source => ("Nguồn", "Source"),
        /// Column: whether a rule was checked against its source.
        Verified => ("Đã xác minh", "Verified"),
        /// A rule checked against its source.
        VerifiedYes => ("có", "yes"),
        /// A rule not checked against its source yet.
        VerifiedNo => ("CHƯA", "NO"),
        /// A condition or indicator met.
        Met => ("Đạt", "Met"),
        /// A condition or indicator not met.
        NotMet => ("Chưa đạt", "Not met"),

        // The verdict: one pair, the same word on every page.
        /// The verdict's label (column, and before the word on the commune page).
        Verdict => ("Kết luận", "Verdict"),

        // The province page.
        /// Its heading.
        ProvinceResults => ("Kết quả toàn tỉnh", "Province results"),
        /// Filter choice: every form.
        AllForms => ("Tất cả", "All"),
        /// Filter choice: the latest round.
        LatestRound => ("Mới nhất", "Latest"),
        /// The filter button.
        Filter => ("Lọc", "Filter"),
        /// A workspace without any commune scored.
        NoCommuneYet => (
            "Chưa có xã nào trong thư mục dữ liệu: hãy nhập phiếu.",
            "The workspace holds no commune yet: upload forms.",
        ),
        /// How many communes, how many failing.
        CommunesFailing => (
            "{communes} xã; {failing} xã không đạt.",
            "{communes} communes; {failing} not passing.",
        ),
        /// Some verdict relies on a rule not checked against its source.
        SomeUnverified => (
            "Lưu ý: có ngưỡng hoặc quy tắc chưa xác minh với văn bản gốc.",
            "Note: some thresholds or rules are not verified against their source.",
        ),
        /// Column: the form (short).
        FormColumn => ("Mẫu", "Form"),
        /// Column: the item with the lowest rate.
        LowestItem => ("Câu thấp nhất", "Lowest item"),
        /// The lowest item's cell.
        LowestItemRate => ("Câu {number}: {rate}%", "Item {number}: {rate}%"),
        /// Column: the margin of the check closest to failing.
        TightestMargin => ("Biên (điều kiện sát nhất)", "Margin (tightest check)"),
        /// Heading of the communes assessed and not surveyed.
        WithoutSurvey => (
            "Xã đã nhập bảng tự đánh giá, chưa có kết quả khảo sát",
            "Communes with a self-assessment and no survey results yet",
        ),
        /// Column: the criteria summary.
        Criteria => ("Tiêu chí", "Criteria"),
        /// Heading of the chart.
        Chart => ("Biểu đồ", "Chart"),
        /// The chart's title for screen readers.
        ChartTitle => (
            "Tỷ lệ hài lòng chung của các xã so với ngưỡng",
            "Overall satisfaction of each commune against the threshold",
        ),
        /// The chart's threshold line.
        Threshold => ("Ngưỡng", "Threshold"),
        /// Link to the province workbook.
        DownloadProvince => (
            "Tải bảng tổng hợp toàn tỉnh (Excel)",
            "Download the province synthesis (Excel)",
        ),

        // The commune page.
        /// The commune's verdict relies on a rule not checked against its source.
        VerdictUnverified => (
            "Lưu ý: kết luận dựa trên ngưỡng hoặc quy tắc chưa xác minh với văn bản gốc.",
            "Note: the verdict relies on thresholds or rules not verified against their source.",
        ),
        /// The commune's participation, forms and rules.
        Facts => (
            "Hộ tham gia: {surveyed} / {total} ({rate}%). Phiếu nhận: {returned} · Bộ quy tắc: {rules}",
            "Households surveyed: {surveyed} / {total} ({rate}%). Forms returned: {returned} · Rule pack: {rules}",
        ),
        /// The round, after the facts when there is one.
        FactsRound => (" · Đợt: {round}", " · Round: {round}"),
        /// Heading of the readiness table.
        ReadinessTitle => ("Sẵn sàng đề nghị công nhận", "Ready for recognition"),
        /// Column: a condition of recognition.
        Condition => ("Điều kiện", "Condition"),
        /// Column: what was found for a condition.
        Found => ("Nội dung kiểm tra", "Found"),
        /// Heading of the checks table.
        Checks => ("Các điều kiện", "Checks"),
        /// Column: a check of the verdict.
        Check => ("Điều kiện", "Check"),
        /// Column: the check's value, in per cent.
        ValuePct => ("Giá trị %", "Value %"),
        /// Column: the check's threshold, in per cent.
        ThresholdPct => ("Ngưỡng %", "Threshold %"),
        /// Column: the check's margin.
        Margin => ("Biên", "Margin"),
        /// Heading of the items table.
        Items => ("Kết quả theo nội dung", "Items"),
        /// Column: the item's statement.
        Statement => ("Nội dung", "Statement"),
        /// Column: satisfied answers.
        Satisfied => ("Hài lòng", "Satisfied"),
        /// Column: dissatisfied answers.
        NotSatisfied => ("Không hài lòng", "Not satisfied"),
        /// Column: blank answers.
        Blank => ("Để trống", "Blank"),
        /// Heading of the areas table.
        Areas => ("Theo khu dân cư", "Residential areas"),
        /// Column: an area.
        Area => ("Khu dân cư", "Area"),
        /// Column: an area's households.
        Households => ("Số hộ", "Households"),
        /// Column: an area's households surveyed.
        Surveyed => ("Hộ tham gia", "Surveyed"),
        /// Heading of the reasons table.
        Reasons => ("Lý do chưa hài lòng", "Reasons for not being satisfied"),
        /// No reason given.
        NoReason => ("Không có.", "None."),
        /// Column: a reason.
        Reason => ("Lý do", "Reason"),
        /// Column: how many forms give a reason.
        FormsCount => ("Số phiếu", "Forms"),
        /// Heading of the comparison of two rounds.
        RoundsCompared => (
            "So sánh đợt {base} → {round}",
            "Rounds compared {base} → {round}",
        ),
        /// Column: the change between rounds.
        Change => ("Thay đổi", "Change"),
        /// Link to the commune's dossier.
        DownloadDossier => (
            "Tải hồ sơ của xã (Excel)",
            "Download the commune's dossier (Excel)",
        ),
        /// A commune without a self-assessment of the criteria.
        NoSelfAssessment => (
            "Chưa nhập bảng tự đánh giá kết quả thực hiện tiêu chí: tải mẫu ở trang \"Sổ nhập phiếu\" hoặc dùng hailong template --criteria, điền rồi nhập.",
            "No self-assessment of the criteria imported: write one with hailong template --criteria, fill it in and import it.",
        ),
        /// Heading of the criteria table.
        CriteriaResults => ("Kết quả thực hiện tiêu chí", "Criteria results"),
        /// Column: an indicator's code.
        Code => ("Mã", "Code"),
        /// Column: an indicator.
        Indicator => ("Chỉ tiêu", "Indicator"),
        /// Column: an indicator's target.
        Target => ("Chỉ tiêu quy định", "Target"),
        /// Column: the commune's own assessment.
        SelfAssessed => ("Tự đánh giá", "Self-assessed"),
        /// Column: the assessment of the indicator.
        Assessed => ("Đánh giá", "Met"),
        /// An indicator whose figures contradict the commune's own assessment.
        Contradicted => ("(mâu thuẫn)", "(contradicted)"),
        /// The verdict of a commune not surveyed yet.
        NoSurveyYet => (
            "Chưa có kết quả lấy ý kiến sự hài lòng của người dân",
            "No results of the residents' satisfaction survey yet",
        ),

        // The upload page.
        /// Its heading.
        UploadForms => ("Nhập phiếu", "Upload forms"),
        /// The files field.
        ChooseFiles => ("Chọn tệp phiếu (một hoặc nhiều)", "Choose survey files (one or many)"),
        /// The drop zone.
        DropHere => ("…hoặc kéo thả tệp vào đây.", "…or drop files here."),
        /// The mapping field; `{tools}` names the exporting tools (product names, the same in
        /// both languages).
        MappingFile => (
            "Tệp ánh xạ cột ({tools}), nếu có",
            "Column mapping file ({tools}), if any",
        ),
        /// The round field.
        SurveyRound => (
            "Đợt khảo sát (để trống nếu chỉ một đợt)",
            "Survey round (blank for a single round)",
        ),
        /// The check-only box.
        CheckOnly => ("Chỉ kiểm tra, không lưu", "Check only, do not store"),
        /// The box that stores a doubtful reading.
        AcceptPartial => (
            "Lưu phần đọc được, kể cả khi cách đọc có vẻ sai (chỉ khi đã xem kỹ)",
            "Store what was read even when the reading looks wrong (only after checking it)",
        ),
        /// The upload button.
        Submit => ("Gửi", "Upload"),
        /// The button that downloads the problems.
        DownloadProblems => ("Tải danh sách lỗi (Excel)", "Download the problems (Excel)"),
        /// The help under the form.
        UploadHelp => (
            "Mỗi lỗi được chỉ rõ tệp › trang tính › ô. Tệp đã nhập trước đó không bị tính hai lần.",
            "Every problem names its file › sheet › cell. A file imported before is never counted twice.",
        ),
        /// An upload interrupted.
        Stopped => ("Đã dừng: không lưu gì.", "Stopped: nothing stored."),
        /// Column: a file.
        File => ("Tệp", "File"),
        /// Column: rows read.
        Read => ("Đọc", "Read"),
        /// Column: rows accepted.
        Accepted => ("Nhận", "Accepted"),
        /// Column: rows rejected.
        Rejected => ("Loại", "Rejected"),
        /// Column: what became of a file.
        Outcome => ("Kết quả", "Outcome"),
        /// The report's total.
        UploadTotal => (
            "Tổng: đọc {read} dòng = nhận {accepted} + loại {rejected}.",
            "Total: read {read} rows = accepted {accepted} + rejected {rejected}.",
        ),
        /// How to get the problems as a workbook.
        ProblemsWorkbook => (
            "Danh sách lỗi dạng Excel để sửa: chọn lại các tệp bên dưới và bấm \"Tải danh sách lỗi (Excel)\".",
            "The problems as a workbook to correct: choose the files again below and press \"Download the problems (Excel)\".",
        ),

        // The template page.
        /// The areas fieldset.
        AreasField => ("Khu dân cư: Tên=Số hộ", "Residential areas: Name=Households"),
        /// One area field.
        AreaNumber => ("Khu dân cư {number}", "Area {number}"),
        /// The entry workbook button.
        DownloadWorkbook => ("Tải sổ nhập phiếu", "Download the workbook"),
        /// Heading of the self-assessment form.
        SelfAssessmentWorkbook => (
            "Bảng tự đánh giá kết quả thực hiện tiêu chí",
            "Criteria self-assessment workbook",
        ),
        /// The criteria set field.
        CriteriaSet => ("Bộ tiêu chí", "Criteria set"),
        /// The commune group field.
        CommuneGroup => ("Nhóm xã (bộ 2026-2030)", "Commune group (2026-2030 set)"),
        /// The self-assessment button.
        DownloadSelfAssessment => ("Tải bảng tự đánh giá", "Download the self-assessment"),

        // The server.
        /// A request without the access token.
        TokenNeeded => (
            "Cần mã truy cập: mở trang với ?token=… hoặc gửi Authorization: Bearer …",
            "An access token is required: open the page with ?token=… or send Authorization: Bearer …",
        ),
        /// A POST from another site.
        OtherSite => (
            "Từ chối yêu cầu gửi từ trang khác.",
            "Refused: the request comes from another site.",
        ),
        /// An upload over the request limit.
        TooLarge => (
            "Tải lên quá lớn: tối đa {mb} MB mỗi lần (đặt bằng --max-upload-mb).",
            "Upload too large: at most {mb} MB per request (set with --max-upload-mb).",
        ),
        /// A method the address does not take.
        MethodNotAllowed => ("Phương thức không được phép.", "Method not allowed."),
        /// An address without a page.
        NoSuchPage => ("Không có trang này.", "No such page."),
        /// Listening beyond loopback without a token.
        TokenRequired => (
            "Không mở {addr} ra ngoài máy này khi chưa đặt mã truy cập: thêm --token (hoặc biến HAILONG_TOKEN), hoặc dùng 127.0.0.1",
            "Will not open {addr} beyond this machine without an access token: add --token (or HAILONG_TOKEN), or use 127.0.0.1",
        ),
        /// The address cannot be bound.
        CannotListen => (
            "Không mở được địa chỉ {addr}: {message}. Chọn cổng khác bằng --listen",
            "Cannot listen on {addr}: {message}. Choose another port with --listen",
        ),
        /// An upload whose content type names no multipart boundary.
        NoBoundary => (
            "yêu cầu không ghi ranh giới multipart trong Content-Type",
            "no multipart boundary in the content type",
        ),
        /// An upload whose body does not hold the parts its boundary announces.
        Malformed => (
            "nội dung không phải multipart/form-data với ranh giới {boundary}",
            "the body is not multipart/form-data with boundary {boundary}",
        ),
        /// A file over the server's size limit.
        FileTooLarge => (
            "{name}: {size} MB, quá giới hạn {limit} MB của máy chủ (--max-file-mb)",
            "{name}: {size} MB > {limit} MB (--max-file-mb)",
        ),
    }
}

/// The link to the other language: its code and its name written in itself (a language's own
/// name is not translated, so it is no pair of the catalogue).
pub fn other_language(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Vi => ("en", "English"),
        Lang::En => ("vi", "Tiếng Việt"),
    }
}

impl WebText {
    /// [`WebText::Met`] or [`WebText::NotMet`].
    pub fn met(met: bool) -> WebText {
        if met { WebText::Met } else { WebText::NotMet }
    }

    /// [`WebText::VerifiedYes`] or [`WebText::VerifiedNo`].
    pub fn verified(verified: bool) -> WebText {
        if verified {
            WebText::VerifiedYes
        } else {
            WebText::VerifiedNo
        }
    }
}
