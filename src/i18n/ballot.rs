//! The words of paper ballots: what `hailong ballot` prints on the sheet (always the
//! Vietnamese, the English exists for the catalogue's audit and `--lang en` messages), why a
//! ballot cannot be made, and what the command reports.

crate::catalogue! {
    /// Every text of paper ballots, both languages side by side.
    pub enum BallotText {
        // Printed on the sheet.
        /// The commune, area and round line.
        PlaceLine => (
            "Xã: {commune}    Khu dân cư: {area}",
            "Commune: {commune}    Residential area: {area}",
        ),
        /// The round, appended to the place line when there is one.
        RoundPart => ("    Đợt: {round}", "    Round: {round}"),
        /// How to mark; `{tick}` is where the drawn tick goes.
        HowToMark => (
            "Đánh dấu {tick} hoặc X vào một ô cho mỗi nội dung. Không viết, không đánh dấu ngoài ô.",
            "Put {tick} or X in one box for each statement. Do not write or mark outside the boxes.",
        ),
        /// The correction rule (a filled box is a cancelled mark).
        Correction => (
            "Nếu đánh nhầm: tô kín ô đã đánh nhầm rồi đánh dấu vào ô kia.",
            "To correct a mark: fill the wrong box completely, then mark the other box.",
        ),
        /// Column head: item number.
        NumberHead => ("TT", "No."),
        /// Column head: statement.
        StatementHead => ("Nội dung", "Statement"),
        /// Label of the reasons area.
        ReasonLabel => (
            "Lý do không hài lòng (ghi số nội dung):",
            "Reasons for dissatisfaction (give the statement number):",
        ),
        /// Label of the other opinions area.
        OtherLabel => ("Ý kiến khác:", "Other opinions:"),

        // Why a ballot cannot be made.
        /// The form does not fit one A4 page.
        DoesNotFit => (
            "Mẫu phiếu {form} có {items} nội dung, cần {needed} mm chiều cao nhưng trang A4 chỉ có {available} mm (đã thu nhỏ chữ tới 10 pt). Rút gọn lời văn các nội dung trong tệp mẫu phiếu.",
            "Form {form} has {items} items needing {needed} mm of height but the A4 page has only {available} mm (text already shrunk to 10 pt). Shorten the items' wording in the form file.",
        ),
        /// The title is too long.
        TitleTooLong => (
            "Tiêu đề của mẫu phiếu {form} dài quá hai dòng. Rút gọn tiêu đề trong tệp mẫu phiếu.",
            "The title of form {form} is longer than two lines. Shorten it in the form file.",
        ),
        /// An `--area` is not `NAME=COUNT`.
        BadArea => (
            "--area \"{spec}\" không đúng dạng \"Tên khu dân cư=Số phiếu phát ra\" (ví dụ \"Bản Mòng=120\"), số phiếu từ 1 đến 99999.",
            "--area \"{spec}\" is not \"Area name=forms issued\" (e.g. \"Bản Mòng=120\"), forms from 1 to 99999.",
        ),
        /// No `--area` given.
        NoArea => (
            "Chưa có khu dân cư nào: thêm --area \"Tên=Số phiếu\" cho mỗi khu dân cư.",
            "No residential area given: add --area \"Name=forms issued\" for each area.",
        ),
        /// Too many areas.
        TooManyAreas => (
            "Có {count} khu dân cư; một lần in tối đa 99 khu (số khu in trên mã phiếu có 2 chữ số).",
            "{count} residential areas given; one print run takes at most 99 (the area number in the id has 2 digits).",
        ),
        /// The same area twice.
        DuplicateArea => (
            "Khu dân cư \"{area}\" được nêu hai lần trong --area.",
            "Residential area \"{area}\" is given twice in --area.",
        ),
        /// The round cannot be printed in the id.
        BadRound => (
            "Đợt \"{round}\" không in được trên mã phiếu: chỉ dùng chữ cái không dấu, chữ số và dấu gạch ngang (ví dụ 2025-10), tối đa 16 ký tự.",
            "Round \"{round}\" cannot go in the ballot id: use only unaccented letters, digits and hyphens (e.g. 2025-10), at most 16 characters.",
        ),
        /// The form id cannot be printed in the id.
        BadFormId => (
            "Mã mẫu phiếu \"{form}\" không in được trên mã phiếu (chỉ chữ cái không dấu, chữ số, dấu gạch ngang; tối đa 24 ký tự).",
            "Form id \"{form}\" cannot go in the ballot id (only unaccented letters, digits, hyphens; at most 24 characters).",
        ),
        /// A ward is not surveyed.
        NotACommune => (
            "{unit} là phường, không khảo sát nông thôn mới: chọn một xã.",
            "{unit} is a ward, not surveyed for new-rural recognition: choose a commune.",
        ),
        /// The PDF could not be made.
        PdfFailed => (
            "Không tạo được tệp PDF: {message}",
            "Could not make the PDF: {message}",
        ),
        /// An issue record cannot be read.
        StoreUnreadable => (
            "Không đọc được sổ phiếu đã in {file}: {message}",
            "Cannot read the record of printed ballots {file}: {message}",
        ),

        /// Another print run under the same form, commune and round.
        IssueConflict => (
            "Phiếu mẫu {form} của {commune}, đợt \"{round}\" đã được in lúc {when} với các khu dân cư khác. Nếu phiếu cũ chưa phát, thêm --replace để thay; nếu đã phát, dùng đợt khác (--round).",
            "Ballots of form {form} for {commune}, round \"{round}\" were printed at {when} with other residential areas. If the earlier ones were not handed out, add --replace; if they were, use another round (--round).",
        ),

        // `IdError`: a text that is not a ballot id.
        /// Wrong shape.
        IdShape => (
            "Không phải mã phiếu (dạng HL1/MẪU/MÃ XÃ/KHU/SỐ/ĐỢT/KIỂM TRA).",
            "Not a ballot id (HL1/FORM/CODE/AREA/SERIAL/ROUND/CHECK).",
        ),
        /// A malformed field.
        IdField => (
            "Phần thứ {field} của mã phiếu sai dạng.",
            "Part {field} of the ballot id is malformed.",
        ),
        /// The check characters disagree.
        IdCheck => (
            "Hai ký tự kiểm tra của mã phiếu không khớp: mã bị đọc hoặc gõ sai.",
            "The ballot id's two check characters do not match: it was misread or mistyped.",
        ),
        /// A value that cannot be printed in an id.
        IdUnencodable => (
            "Không ghi được mã phiếu: giá trị \"{what}\" không hợp lệ.",
            "Cannot write the ballot id: the value \"{what}\" is invalid.",
        ),

        // What `hailong ballot` reports.
        /// Written.
        Wrote => (
            "Đã ghi {pages} phiếu ({areas} khu dân cư) của {commune}, mẫu {form} vào {pdf}; bố cục ô đánh dấu: {layout}.",
            "Wrote {pages} ballots ({areas} residential areas) of {commune}, form {form} to {pdf}; box layout: {layout}.",
        ),
        /// Recorded in the workspace.
        Recorded => (
            "Đã ghi nhận đợt in vào thư mục dữ liệu {data} (để đối chiếu khi nhập ảnh phiếu).",
            "Recorded the print run in workspace {data} (to match photographed ballots on import).",
        ),
        /// The form's wording is unverified.
        Unverified => (
            "Lưu ý: lời văn mẫu phiếu {form} chưa được đối chiếu văn bản gốc (verified = false); phiếu in cần Ủy ban MTTQ tỉnh chấp thuận trước khi phát.",
            "Note: the wording of form {form} is not checked against the original (verified = false); the printed ballot needs the province Fatherland Front's approval before it is handed out.",
        ),
    }
}
