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
        /// Link and title of the review page of photographed ballots.
        Review => ("Xác nhận phiếu ảnh", "Review photos"),
        /// What the review page is for.
        ReviewIntro => (
            "Máy đọc phiếu chụp ảnh không chắc các dấu dưới đây. Xem ảnh hai ô rồi chọn điều người dân đã đánh; mỗi quyết định ghi tên người xác nhận và thời điểm. Khi còn mục chờ, kết quả của xã là tạm tính và chưa lập được hồ sơ.",
            "The reader of photographed ballots was not sure of the marks below. Look at the two boxes and choose what the household marked; each decision records who made it and when. While items wait, the commune's result is provisional and no dossier is issued.",
        ),
        /// Nothing waits.
        ReviewNone => ("Không còn mục nào chờ xác nhận.", "Nothing waits for review."),
        /// How many wait.
        ReviewCount => (
            "{items} mục và {pages} trang chờ xác nhận (xấu nhất trước; hiện {shown} mục đầu).",
            "{items} items and {pages} pages wait (worst first; the first {shown} shown).",
        ),
        /// One item's caption.
        ReviewItem => (
            "{commune} · {file} › trang {page} · phiếu {id} · mục {item}: {reason}",
            "{commune} · {file} › page {page} · ballot {id} · item {item}: {reason}",
        ),
        /// A page's caption.
        ReviewPage => (
            "{commune} · {file} › trang {page}: {reason}. Gõ mã phiếu in dưới mã QR, hoặc chụp lại trang rồi nhập lại tệp.",
            "{commune} · {file} › page {page}: {reason}. Type the ballot id printed under the QR code, or photograph the page again and upload the file again.",
        ),
        /// Label of the typed id of a page.
        TypeBallotId => ("Mã phiếu in dưới mã QR:", "Ballot id printed under the QR code:"),
        /// Button reading a page with its typed id.
        ReadWithId => ("Đọc trang với mã này", "Read the page with this id"),
        /// Key: satisfied.
        KeySatisfied => ("Hài lòng", "Satisfied"),
        /// Key: dissatisfied.
        KeyDissatisfied => ("Không hài lòng", "Dissatisfied"),
        /// Key: blank.
        KeyBlank => ("Trống", "Blank"),
        /// Key: invalid.
        KeyInvalid => ("Không hợp lệ", "Invalid"),
        /// Alternative text of an item's picture.
        BoxesPicture => ("Ảnh hai ô của mục", "Picture of the item's two boxes"),
        /// Alternative text of a page's picture.
        PagePicture => ("Ảnh cả trang", "Picture of the whole page"),
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
        /// Some verdict relies on a rule not checked against its source.
        SomeUnverified => (
            "Lưu ý: có ngưỡng hoặc quy tắc chưa xác minh với văn bản gốc.",
            "Note: some thresholds or rules are not verified against their source.",
        ),
        /// Column: the item with the lowest rate.
        LowestItem => ("Câu thấp nhất", "Lowest item"),
        /// The lowest item's cell.
        LowestItemRate => ("Câu {number}: {rate}%", "Item {number}: {rate}%"),
        /// Column: the margin of the check closest to failing.
        TightestMargin => ("Điều kiện sát ngưỡng nhất", "Closest to its threshold"),
        /// The check closest to its threshold: its margin in words and its name.
        TightestCheck => ("{margin} — {check}", "{margin} — {check}"),
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
        Margin => ("Còn dư / thiếu", "To spare / short"),
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
            "Xã chưa gửi bảng tự đánh giá kết quả thực hiện tiêu chí.",
            "The commune has not sent its self-assessment of the criteria.",
        ),
        /// Link to the self-assessment workbook, after [`WebText::NoSelfAssessment`].
        GetSelfAssessment => ("Tải bảng tự đánh giá", "Download the self-assessment workbook"),
        /// Between the two links of the missing self-assessment.
        ThenUpload => (", điền rồi gửi ở trang", ", fill it in and send it on the page"),
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
            "Tệp xuất từ {tools}? Thêm tệp ánh xạ cột",
            "Exported from {tools}? Add a column mapping file",
        ),
        /// The mapping file's field.
        MappingFileField => ("Tệp ánh xạ cột (.toml)", "Column mapping file (.toml)"),
        /// The round field.
        SurveyRound => (
            "Đợt khảo sát (để trống nếu chỉ một đợt)",
            "Survey round (blank for a single round)",
        ),
        /// The box that stores a doubtful reading.
        AcceptPartial => (
            "Lưu cả tệp có cách đọc đáng ngờ: tôi đã xem kỹ cách đọc và thấy đúng",
            "Store the files whose reading looks doubtful too: I checked the reading and it is right",
        ),
        /// The button that downloads the problems.
        DownloadProblems => ("Tải danh sách lỗi (Excel)", "Download the problems (Excel)"),
        /// The help under the form.
        UploadHelp => (
            "Mỗi lỗi được chỉ rõ tệp › trang tính › ô. Tệp đã nhập trước đó không bị tính hai lần; gửi lại một tệp đã sửa, cùng tên, thì bản mới thay bản cũ.",
            "Every problem names its file › sheet › cell. A file imported before is never counted twice; a corrected file sent again under the same name replaces the earlier one.",
        ),
        /// An upload interrupted.
        Stopped => ("Đã dừng: không lưu gì.", "Stopped: nothing stored."),
        /// The report's total.
        UploadTotal => (
            "Tổng: đọc {read} dòng = nhận {accepted} + loại {rejected}.",
            "Total: read {read} rows = accepted {accepted} + rejected {rejected}.",
        ),

        // The template page.
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
        CommuneGroup => (
            "Nhóm xã (chỉ bộ tiêu chí giai đoạn 2026 - 2030)",
            "Commune group (the 2026 - 2030 criteria only)",
        ),
        /// The self-assessment button.
        DownloadSelfAssessment => ("Tải bảng tự đánh giá", "Download the self-assessment"),

        // Words every page shares.
        /// The date printed at the top of a printed page.
        PrintedOn => ("In ngày {date}", "Printed on {date}"),
        /// Link back to the province page.
        BackToProvince => ("Về trang toàn tỉnh", "Back to the province page"),
        /// Column, header: a rate in per cent.
        RatePct => ("Tỷ lệ %", "Rate %"),
        /// An item's number ("Câu 3").
        ItemNumber => ("Câu {number}", "Item {number}"),
        /// A filter's choice: no filter.
        AllChoice => ("Tất cả", "All"),

        // The province page's list and filters.
        /// What the province holds, in one sentence.
        ProvinceOverview => (
            "{units} đơn vị: {surveyed} có kết quả khảo sát ({failing} không đạt), {assessed} mới gửi bảng tự đánh giá, {nothing} chưa gửi dữ liệu.",
            "{units} units: {surveyed} with survey results ({failing} not passing), {assessed} with a self-assessment only, {nothing} that sent nothing yet.",
        ),
        /// How many rows the filters keep.
        ShownCount => ("Đang hiện {shown} / {total} đơn vị", "Showing {shown} of {total} units"),
        /// The search box.
        Search => ("Tìm xã", "Find a commune"),
        /// What the search box takes.
        SearchPlaceholder => ("Tên xã, cả tên cũ", "Its name, or a former name"),
        /// Verdict filter: passing.
        PassedChoice => ("Đạt", "Passing"),
        /// Verdict filter: not passing.
        FailedChoice => ("Không đạt", "Not passing"),
        /// A unit that sent nothing yet (verdict, readiness, filter).
        NothingSent => ("Chưa gửi dữ liệu", "Nothing sent yet"),
        /// No survey results yet (verdict, readiness, filter).
        NoSurveyShort => ("Chưa có kết quả khảo sát", "No survey results yet"),
        /// Readiness: every condition met.
        ReadyShort => ("Sẵn sàng", "Ready"),
        /// Readiness: no self-assessment imported (the one reason, said once).
        NoSelfAssessmentShort => ("Chưa nhập bảng tự đánh giá", "No self-assessment imported"),
        /// Readiness: criteria not met, and which (indicator codes, or criteria codes).
        MissingCriteria => ("Thiếu {count} tiêu chí: {codes}", "{count} criteria not met: {codes}"),
        /// Readiness filter: criteria not met.
        MissingCriteriaChoice => ("Thiếu tiêu chí", "Criteria not met"),
        /// Readiness filter: only other conditions lacking.
        OtherConditionsChoice => ("Còn điều kiện khác", "Other conditions lacking"),
        /// Readiness: the survey does not pass.
        SurveyNotPassed => ("Khảo sát chưa đạt", "Survey not passing"),
        /// Readiness: too few public postings of the report.
        PostingsLacking => ("Chưa đủ số lần công khai báo cáo", "Report not posted often enough"),
        /// Readiness: conditions the commune has not declared met.
        NotDeclared => ("Chưa kê khai: {conditions}", "Not declared: {conditions}"),
        /// Legend of the chart: a bar at or above its threshold.
        BarReaches => ("Đạt ngưỡng", "At or above the threshold"),
        /// Legend of the chart: a bar below its threshold.
        BarBelow => ("Dưới ngưỡng", "Below the threshold"),

        // The commune page.
        /// A commune surveyed with several forms, asked for without one.
        SeveralFormsChoose => (
            "Xã có kết quả khảo sát theo nhiều mẫu phiếu: chọn một.",
            "The commune was surveyed with several forms: choose one.",
        ),
        /// The commune page's list of its sections.
        OnThisPage => ("Trên trang này", "On this page"),
        /// Fact: forms returned.
        FormsReturned => ("Phiếu nhận", "Forms returned"),
        /// Heading and fact: other opinions ("Ý kiến khác").
        OtherOpinions => ("Ý kiến khác", "Other opinions"),
        /// No other opinion written.
        NoOpinion => ("Không có.", "None."),
        /// Column: the opinions of an area, each with its count.
        OpinionsCounted => ("Ý kiến (số phiếu)", "Opinions (forms)"),
        /// Column: the reasons given for an item, each with its count.
        ReasonsCounted => ("Lý do (số phiếu)", "Reasons (forms)"),
        /// How many forms wrote a text.
        FormsWrote => ("{count} phiếu", "{count} forms"),
        /// The rules the verdict applies, in words.
        RulesInForce => ("Bộ quy tắc áp dụng: {rules}", "Rules applied: {rules}"),
        /// Heading of the indicators not met.
        UnmetIndicators => ("Chỉ tiêu chưa đạt", "Indicators not met"),
        /// The summary that opens the table of every indicator.
        ShowIndicators => ("Xem tất cả các chỉ tiêu", "Show every indicator"),
        /// A request for a commune the asker may not see.
        NotYourCommune => (
            "Tài khoản này không được xem hay nhập dữ liệu của {commune}.",
            "This account may not see or change the data of {commune}.",
        ),
        /// A request for the whole province from an account of one commune.
        NotProvince => (
            "Tài khoản này chỉ xem được dữ liệu của xã mình.",
            "This account may only see its own commune's data.",
        ),

        // The upload form.
        /// What the upload does, before the form.
        UploadIntro => (
            "Gửi tệp phiếu: hailong đọc từng tệp và cho xem cách đọc trước. Chưa lưu gì cho đến khi bạn bấm “Lưu”.",
            "Send the survey files: hailong reads each one and shows you how it read it first. Nothing is stored until you press “Store”.",
        ),
        /// The server's limits.
        Limits => (
            "Tối đa {file} MB mỗi tệp, {upload} MB mỗi lần gửi.",
            "At most {file} MB a file, {upload} MB a sending.",
        ),
        /// The button that sends the files to be read.
        ReadFiles => ("Đọc tệp", "Read the files"),
        /// No file chosen.
        NoFileChosen => ("Chưa chọn tệp nào: bấm “Chọn tệp” hoặc kéo thả tệp vào ô.", "No file chosen: press the file button or drop files on the box."),
        /// While sending.
        Sending => ("Đang gửi tệp…", "Sending the files…"),
        /// While the server reads.
        ReadingFiles => ("Đã gửi xong, đang đọc tệp…", "Sent; reading the files…"),
        /// The connection dropped while sending (no figure changed).
        ConnectionLost => (
            "Mất kết nối với máy chủ khi đang gửi: chưa lưu gì. Kiểm tra mạng rồi bấm “Đọc tệp” lần nữa.",
            "The connection to the server dropped while sending: nothing was stored. Check the network and press “Read the files” again.",
        ),
        /// The server answered something unexpected.
        UploadFailed => (
            "Máy chủ không đọc được tệp (mã {status}): chưa lưu gì. Thử lại, hoặc gửi từng tệp một.",
            "The server could not read the files (code {status}): nothing was stored. Try again, or send one file at a time.",
        ),
        /// A file over the limit, said in the page before sending.
        FileTooLargeClient => (
            "Tệp {name} nặng {size} MB, quá giới hạn {limit} MB mỗi tệp: chưa gửi gì. Hãy chia tệp thành nhiều tệp nhỏ hơn (ví dụ mỗi bản một tệp).",
            "{name} is {size} MB, over the limit of {limit} MB a file: nothing was sent. Split it into smaller files (one per area, for instance).",
        ),
        /// The files together over the limit, said in the page before sending.
        UploadTooLargeClient => (
            "Các tệp đã chọn nặng {size} MB, quá giới hạn {limit} MB mỗi lần gửi: chưa gửi gì. Hãy gửi ít tệp hơn mỗi lần.",
            "The files chosen weigh {size} MB, over the limit of {limit} MB a sending: nothing was sent. Send fewer files at a time.",
        ),
        /// The form again, after an upload that could not be read.
        ChooseAgain => ("Chọn tệp lại", "Choose the files again"),
        /// An upload no longer kept (expired, or the server restarted).
        UploadExpired => (
            "Không còn bản đọc này (quá 2 giờ, hoặc máy chủ đã khởi động lại): chưa lưu gì từ lần gửi đó. Hãy chọn tệp và gửi lại.",
            "This reading is no longer kept (over 2 hours, or the server restarted): nothing of that sending was stored. Choose the files and send them again.",
        ),

        // The reading of an upload.
        /// Heading of an upload's reading.
        UploadReading => ("Cách đọc các tệp — chưa lưu", "How the files were read — not stored yet"),
        /// Heading of an upload stored.
        UploadStored => ("Đã lưu", "Stored"),
        /// Nothing is stored until "Lưu".
        NothingStoredYet => (
            "Chưa lưu gì. Xem cách đọc từng tệp dưới đây; nếu đúng, bấm “Lưu” để lưu {storable} / {files} tệp. Tệp không lưu được ghi rõ lý do và cách sửa.",
            "Nothing is stored yet. Check how each file below was read; if it is right, press “Store” to store {storable} of {files} files. A file that cannot be stored says why and what to do.",
        ),
        /// No file of the upload can be stored.
        NothingToStore => (
            "Không có tệp nào lưu được: xem lý do của từng tệp dưới đây, sửa tệp rồi gửi lại.",
            "No file can be stored: see each file's reason below, correct the files and send them again.",
        ),
        /// Every file of the upload was stored before.
        AllAlreadyStored => (
            "Các tệp này đã được lưu từ trước: không có gì thay đổi.",
            "These files were stored before: nothing changes.",
        ),
        /// What was stored.
        StoredSummary => (
            "Đã lưu {stored} / {files} tệp ({accepted} dòng). Kết quả các xã đã được tính lại.",
            "Stored {stored} of {files} files ({accepted} rows). The communes' results are up to date.",
        ),
        /// The store button.
        Store => ("Lưu", "Store"),
        /// While storing.
        Storing => ("Đang lưu…", "Storing…"),
        /// The cancel button.
        Cancel => ("Huỷ, không lưu", "Cancel, store nothing"),
        /// Link to the form after storing.
        UploadMore => ("Gửi tệp khác", "Send other files"),
        /// A file that will be stored on "Lưu".
        WillStore => ("Sẽ lưu khi bấm “Lưu”: {accepted} dòng", "Will be stored on “Store”: {accepted} rows"),
        /// A self-assessment that will be stored on "Lưu".
        WillStoreAssessment => (
            "Sẽ lưu khi bấm “Lưu”: bảng tự đánh giá, {accepted} chỉ tiêu",
            "Will be stored on “Store”: the self-assessment, {accepted} indicators",
        ),
        /// A file stored.
        StoredNow => ("Đã lưu {accepted} dòng", "Stored {accepted} rows"),
        /// A file stored in place of an earlier one.
        ReplacedNow => ("Đã lưu {accepted} dòng, thay bản nhập trước", "Stored {accepted} rows in place of the earlier import"),
        /// The same file was stored before.
        AlreadyStored => ("Đã có từ trước, không thay đổi gì", "Stored before: nothing changes"),
        /// A file that will not be stored.
        WillNotStore => ("Không lưu được tệp này", "This file cannot be stored"),
        /// Every row rejected.
        AllRowsRejected => ("Không lưu: mọi dòng đều bị loại", "Not stored: every row was rejected"),
        /// The reading looks wrong.
        ReadingDoubtful => ("Chưa lưu: cách đọc có vẻ sai", "Not stored: the reading looks wrong"),
        /// What to do: an area already has forms from another file.
        TodoSecondBatch => (
            "Cách sửa: khu dân cư \"{area}\" đã có phiếu từ tệp {other}. Để bổ sung đợt phiếu thứ hai cho khu này, thêm các phiếu mới vào tệp {other} rồi gửi lại tệp đó, giữ nguyên tên tệp: bản mới thay bản cũ. Nếu đây là một đợt khảo sát khác, ghi tên đợt vào ô “Đợt khảo sát” khi gửi.",
            "What to do: area \"{area}\" already has forms from {other}. To add a second batch of forms for it, add the new forms to {other} and send that file again under the same name: the new version replaces the old one. If this is another survey round, type the round's name in the round field when sending.",
        ),
        /// What to do: the reading looks wrong.
        TodoDoubtful => (
            "Cách sửa: xem phần “Cách đọc tệp” dưới đây. Nếu hailong đọc đúng, đánh dấu ô “Lưu cả tệp có cách đọc đáng ngờ” rồi bấm “Lưu”; nếu đọc sai, sửa tệp rồi gửi lại.",
            "What to do: see how the file was read below. If hailong read it right, tick the box to store doubtful files too and press “Store”; if not, correct the file and send it again.",
        ),
        /// What to do: the reading looked wrong and the file was left out of what was stored.
        TodoDoubtfulAfter => (
            "Cách sửa: xem phần “Cách đọc tệp” dưới đây. Nếu hailong đọc đúng, gửi lại tệp này và đánh dấu ô “Lưu cả tệp có cách đọc đáng ngờ” trước khi bấm “Lưu”; nếu đọc sai, sửa tệp rồi gửi lại.",
            "What to do: see how the file was read below. If hailong read it right, send it again and tick the box to store doubtful files too before pressing “Store”; if not, correct the file and send it again.",
        ),
        /// What to do: every row rejected.
        TodoAllRejected => (
            "Cách sửa: mọi dòng đều có lỗi. Sửa các lỗi kê dưới đây (hoặc tải danh sách lỗi dạng Excel) rồi gửi lại tệp.",
            "What to do: every row has a problem. Correct the problems listed below (or download them as a workbook) and send the file again.",
        ),
        /// What to do: any other refusal.
        TodoFix => (
            "Cách sửa: sửa tệp theo lỗi trên rồi gửi lại; danh sách lỗi cũng tải được dạng Excel.",
            "What to do: correct the file as the problem above says and send it again; the problems can also be downloaded as a workbook.",
        ),
        /// Count: rows read.
        RowsRead => ("Đọc {count} dòng", "{count} rows read"),
        /// Count: rows accepted.
        RowsAccepted => ("nhận {count}", "{count} accepted"),
        /// Count: rows rejected.
        RowsRejected => ("loại {count}", "{count} rejected"),
        /// Count: rows left out as duplicates.
        RowsDuplicate => ("trùng {count}", "{count} duplicates"),
        /// Count: submissions not counted by their review.
        RowsNotCounted => ("không tính {count}", "{count} not counted"),
        /// What a self-assessment is of.
        SelfAssessmentOf => ("Bảng tự đánh giá", "Self-assessment"),
        /// Areas in the file's register.
        AreasInRegister => ("{count} khu dân cư", "{count} residential areas"),
        /// The summary that opens a file's reading.
        HowRead => ("Cách đọc tệp", "How the file was read"),
        /// The summary that opens a file's problems.
        ProblemsCount => ("Lỗi và cảnh báo ({count})", "Problems and warnings ({count})"),
        /// Problems not listed.
        MoreProblems => ("… và {count} lỗi khác (xem danh sách lỗi dạng Excel)", "… and {count} more (see the problems workbook)"),
        /// The reading of the file as a whole (not of one sheet).
        WholeFile => ("Cả tệp", "The whole file"),
        /// A sheet's reading.
        SheetNamed => ("Trang tính “{sheet}”", "Sheet “{sheet}”"),

        // The template page.
        /// What the entry workbook is, before its form.
        EntryIntro => (
            "Sổ nhập phiếu của một xã: danh sách khu dân cư và một dòng cho mỗi phiếu thu về, có sẵn lựa chọn Hài lòng / Không hài lòng cho từng câu.",
            "A commune's entry workbook: its residential areas, and a row per returned form with a choice of answers for every item.",
        ),
        /// The fields have errors.
        FixFields => ("Chưa tải được: sửa các ô ghi lỗi dưới đây.", "Not downloaded: correct the fields marked below."),
        /// The commune list's first choice.
        ChooseCommune => ("— Chọn xã —", "— Choose a commune —"),
        /// The box that narrows the commune list.
        FindCommune => ("Tìm theo tên mới hoặc tên cũ", "Find by its name or a former name"),
        /// A commune with the former communes it was formed from.
        FormedFrom => ("{name} (gồm xã cũ: {former})", "{name} (formed from: {former})"),
        /// A former commune's name resolved.
        FormerNameResolved => (
            "{old} là tên cũ: nay thuộc {name}.",
            "{old} is a former name: it is now part of {name}.",
        ),
        /// No commune chosen.
        ChooseCommuneError => ("Chọn xã trong danh sách.", "Choose a commune from the list."),
        /// An unknown form.
        UnknownFormError => ("Chọn mẫu phiếu trong danh sách.", "Choose a form from the list."),
        /// An unknown criteria set.
        UnknownSetError => ("Chọn bộ tiêu chí trong danh sách.", "Choose a criteria set from the list."),
        /// A group the set does not have.
        GroupNotOfSet => (
            "Nhóm xã này không thuộc {set}; các nhóm: {groups}.",
            "This group is not one of {set}; its groups: {groups}.",
        ),
        /// The group left for the commune to choose.
        GroupLeftOpen => ("Chưa chọn (xã tự chọn trong bảng)", "Not chosen (the commune chooses in the workbook)"),
        /// The areas' fieldset.
        AreasLegend => ("Khu dân cư (bản, thôn, tổ dân phố)", "Residential areas (villages, hamlets, neighbourhoods)"),
        /// How to fill the areas.
        AreasHint => (
            "Mỗi dòng một khu: tên ở ô “Tên bản”, số hộ ở ô “Số hộ”. Có thể để trống và điền sau trong sổ.",
            "One area a row: its name in the first field, its households in the second. They may be left blank and filled in the workbook.",
        ),
        /// One area's name field.
        AreaName => ("Tên bản {number}", "Area name {number}"),
        /// The button that adds an area's row.
        AddArea => ("Thêm bản", "Add an area"),
        /// An area's households without a name.
        AreaNameMissing => ("Ghi tên bản cho số hộ này.", "Type the area's name for these households."),
        /// An area's name with "=".
        AreaNameWithEquals => (
            "Tên bản không ghi dấu “=”: tên ở ô này, số hộ ở ô “Số hộ” bên cạnh.",
            "No “=” in an area's name: its name here, its households in the next field.",
        ),
        /// An area typed twice.
        AreaRepeated => ("Bản này đã ghi ở dòng {row}.", "This area is already on row {row}."),
        /// An area without households.
        HouseholdsMissing => ("Ghi số hộ của bản (một số, ví dụ 120).", "Type the area's households (a number, e.g. 120)."),
        /// A name ending with what looks like the households.
        NumberInName => (
            "Có phải {number} là số hộ? Ghi số hộ vào ô “Số hộ”, không ghi vào tên bản.",
            "Is {number} the households? Type it in the households field, not in the name.",
        ),
        /// Households that are not a whole number.
        HouseholdsNotNumber => (
            "Số hộ phải là một số nguyên, ví dụ 120 hoặc 1.200.",
            "Households must be a whole number, e.g. 120 or 1,200.",
        ),
        /// No households.
        HouseholdsZero => ("Số hộ phải lớn hơn 0.", "Households must be more than 0."),
        /// While a workbook is built.
        Building => ("Đang tạo tệp Excel…", "Building the workbook…"),
        /// What the self-assessment workbook is.
        SelfAssessmentIntro => (
            "Bảng để xã tự đánh giá từng chỉ tiêu (Đạt / Chưa đạt), ghi các lần công khai báo cáo và các điều kiện công nhận, rồi gửi ở trang “Nhập phiếu”.",
            "The workbook in which a commune assesses each indicator, records the postings of its report and the conditions of recognition, then sends it on the upload page.",
        ),

        // The server.
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
        /// An upload over the request limit, on a page (no setting named).
        TooLargePage => (
            "Các tệp gửi lần này quá lớn: tối đa {mb} MB mỗi lần gửi. Chưa lưu gì. Hãy gửi ít tệp hơn mỗi lần, hoặc chia tệp lớn thành nhiều tệp nhỏ.",
            "The files sent are too large: at most {mb} MB a sending. Nothing was stored. Send fewer files at a time, or split a large file into smaller ones.",
        ),
        /// A file over the per-file limit, on a page (no setting named).
        FileTooLargePage => (
            "Tệp {name} nặng {size} MB, quá giới hạn {limit} MB mỗi tệp. Chưa lưu gì. Hãy chia tệp thành nhiều tệp nhỏ hơn (ví dụ mỗi bản một tệp).",
            "{name} is {size} MB, over the limit of {limit} MB a file. Nothing was stored. Split it into smaller files (one per area, for instance).",
        ),
        /// A request body that could not be read (the connection dropped).
        BodyUnread => (
            "Không nhận hết được nội dung gửi lên (mất kết nối?): chưa lưu gì. Hãy gửi lại.",
            "The request did not arrive whole (connection dropped?): nothing was stored. Send it again.",
        ),
        /// An address without a page.
        NoSuchPage => ("Không có trang này.", "No such page."),
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
