//! The words of a file's reading (`ingest::Reading`): what `hailong check` prints, the import's
//! summary paragraph and the errors workbook's "reading" sheet.

crate::catalogue! {
    /// The lines and words of a reading. Lines take their values filled in; the codes of the
    /// reading (a column's role, a sheet's status, …) each have their words here, and
    /// `ingest::reading` maps a code to its variant.
    pub enum ReadingText {
        /// Where the commune came from.
        CommuneFrom => ("Xã lấy từ {origin}", "Commune taken from {origin}"),
        /// Where the form came from.
        FormFrom => ("Mẫu phiếu lấy từ {origin}", "Form taken from {origin}"),
        /// A legend of answer codes and the codes it defines.
        LegendAt => ("Chú thích mã tại {place}: {codes}", "Legend at {place}: {codes}"),
        /// A sheet's line.
        Sheet => ("Sheet \"{name}\": {status}", "Sheet \"{name}\": {status}"),
        /// Where a one-row header is.
        HeaderAtRow => ("tiêu đề ở dòng {row}", "header at row {row}"),
        /// Where a header band is.
        HeaderAtRows => (
            "tiêu đề ở dòng {first}–{last}",
            "header at rows {first}–{last}",
        ),
        /// How many rows were read as data.
        DataRows => ("{count} dòng dữ liệu", "{count} data rows"),
        /// The columns recognised.
        Columns => ("Cột: {columns}", "Columns: {columns}"),
        /// The item columns, as one range.
        ItemColumns => (
            "{first}–{last} = câu 1–{count}",
            "{first}–{last} = items 1–{count}",
        ),
        /// Cells given the value of their merged range.
        MergedFilled => (
            "{count} ô thuộc ô gộp được điền giá trị của ô gộp",
            "{count} cells of merged ranges took the merged value",
        ),
        /// A sheet with an AutoFilter.
        Filtered => (
            "Sheet có bộ lọc (Filter): mọi dòng, kể cả dòng đang bị lọc ẩn, đều được đọc",
            "The sheet has a filter: every row is read, rows the filter hides too",
        ),
        /// Forms whose blank area cell took the area above.
        AreasCarried => (
            "{count} phiếu để trống ô khu dân cư được tính vào khu ghi phía trên (mỗi khu chỉ ghi một lần ở đầu khối)",
            "{count} forms with a blank area cell were counted in the area written above them (each area written once, atop its block)",
        ),
        /// An empty answer value, as shown.
        BlankValue => ("(trống)", "(blank)"),
        /// An answer read by the file's legend.
        ByLegend => ("theo chú thích", "by the legend"),
        /// An answer read as a yes/no question's.
        ByYesNo => ("(câu hỏi có/không)", "(yes/no question)"),
        /// One item.
        Item => ("câu {item}", "item {item}"),
        /// The answer values of a sheet.
        AnswerValues => ("Giá trị trả lời: {values}", "Answer values: {values}"),
        /// A row left out and why.
        RowLeftOut => ("Dòng {row}: {why} ({text})", "Row {row}: {why} ({text})"),
        /// A sheet read, in the summary.
        SheetRead => (
            "\"{name}\" ({role}, {count} dòng)",
            "\"{name}\" ({role}, {count} rows)",
        ),
        /// The summary's first words.
        Read => ("Đọc: {sheets}", "Read: {sheets}"),
        /// Sheets skipped, in the summary.
        Skipped => (
            "bỏ qua sheet ẩn hoặc bản sao: {sheets}",
            "hidden or copied sheets skipped: {sheets}",
        ),
        /// Rows left out, in the summary.
        NotForms => ("không phải phiếu: {rows}", "not forms: {rows}"),
        /// Codes read by a legend, in the summary.
        CodesByLegend => ("đọc mã theo chú thích", "codes read by the legend"),
        /// Where the commune came from, in the summary.
        CommuneFromShort => ("xã lấy từ {origin}", "commune from {origin}"),
        /// The summary's last words.
        InFull => (
            "Xem đầy đủ: hailong check TỆP.",
            "In full: hailong check FILE.",
        ),
        /// Workbook row: the commune.
        WhatCommune => ("Xã", "Commune"),
        /// Workbook row: the form.
        WhatForm => ("Mẫu phiếu", "Form"),
        /// Workbook row: a legend.
        WhatLegend => ("Chú thích mã", "Legend"),
        /// Workbook row: a sheet.
        WhatSheet => ("Sheet", "Sheet"),
        /// Workbook row: a column.
        WhatColumn => ("Cột", "Column"),
        /// Workbook row: merged cells.
        WhatMerged => ("Ô gộp", "Merged cells"),
        /// Workbook row: areas written once per block.
        WhatAreaOnce => ("Khu dân cư ghi một lần", "Area written once"),
        /// Workbook row: an answer value.
        WhatAnswer => ("Giá trị trả lời", "Answer value"),
        /// Workbook row: a row that is not a form.
        WhatNotForm => ("Không phải phiếu", "Not a form"),
        /// Workbook place: a one-row header.
        PlaceHeaderRow => ("tiêu đề dòng {row}", "header row {row}"),
        /// Workbook place: a header band.
        PlaceHeaderRows => (
            "tiêu đề dòng {first}–{last}",
            "header rows {first}–{last}",
        ),
        /// Workbook place: a row.
        PlaceRow => ("dòng {row}", "row {row}"),
        /// Workbook detail: merged cells.
        MergedTook => (
            "{count} ô được điền giá trị của ô gộp",
            "{count} cells took the merged value",
        ),
        /// Workbook detail: areas written once.
        AreasTook => (
            "{count} phiếu lấy khu dân cư ghi phía trên",
            "{count} forms took the area written above",
        ),
        /// Origin: the command line.
        OriginFlag => ("tham số dòng lệnh", "the command line"),
        /// Origin: a cell.
        OriginCell => ("ô", "cell"),
        /// Origin: the sheet's name.
        OriginSheetName => ("tên sheet", "the sheet name"),
        /// Origin: the file's name.
        OriginFileName => ("tên tệp", "the file name"),
        /// Origin: a title line.
        OriginTitle => ("dòng tiêu đề", "the title line"),
        /// Origin: the items the header names.
        OriginHeaders => ("các câu ở dòng tiêu đề", "the items of the header"),
        /// Sheet status: read.
        StatusRead => ("đã đọc", "read"),
        /// Sheet status: hidden.
        StatusHidden => ("sheet ẩn: không đọc", "hidden sheet: not read"),
        /// Sheet status: very hidden.
        StatusVeryHidden => ("sheet ẩn sâu: không đọc", "very hidden sheet: not read"),
        /// Sheet status: a copy of an earlier sheet.
        StatusCopy => (
            "bản sao, giống hệt từng ô một sheet trước: không đọc lần nữa",
            "a copy, cell for cell, of an earlier sheet: not read twice",
        ),
        /// Sheet status: no table.
        StatusNoTable => (
            "không có bảng phiếu (không thấy dòng tiêu đề): không đọc",
            "no survey table (no header row found): not read",
        ),
        /// Sheet role: the register.
        SheetRegister => ("danh sách khu dân cư", "register of areas"),
        /// Sheet role: household forms.
        SheetBallots => ("phiếu từng hộ", "household forms"),
        /// Sheet role: area tallies.
        SheetTally => ("bảng tổng hợp theo khu", "area tallies"),
        /// Column role.
        RoleArea => ("khu dân cư", "residential area"),
        /// Column role.
        RoleFormNo => ("số phiếu", "form number"),
        /// Column role.
        RoleItem => ("câu", "item"),
        /// Column role.
        RoleSatisfiedMark => ("ô đánh dấu Hài lòng", "satisfied mark"),
        /// Column role.
        RoleDissatisfiedMark => ("ô đánh dấu Không hài lòng", "not satisfied mark"),
        /// Column role.
        RoleReason => ("lý do", "reason"),
        /// Column role.
        RoleOtherOpinion => ("ý kiến khác", "other opinion"),
        /// Column role.
        RoleHouseholds => ("số hộ", "households"),
        /// Column role.
        RoleIssued => ("số phiếu phát ra", "forms issued"),
        /// Column role.
        RoleReturned => ("số phiếu thu về", "forms returned"),
        /// Column role.
        RoleHouseholdId => ("mã hộ (chỉ để tìm trùng)", "household id (duplicates only)"),
        /// Column role.
        RoleStt => ("số thứ tự", "row number"),
        /// Column role: personal data, never read.
        RoleName => (
            "họ tên (dữ liệu cá nhân: không đọc)",
            "name (personal data: not read)",
        ),
        /// Column role.
        RoleMarkedInvalid => ("phiếu không hợp lệ", "form marked invalid"),
        /// Column role the reading does not name.
        RoleUnknown => ("?", "?"),
        /// An answer read as satisfied.
        ReadSatisfied => ("Hài lòng", "satisfied"),
        /// An answer read as not satisfied.
        ReadDissatisfied => ("Không hài lòng", "not satisfied"),
        /// An answer left blank.
        ReadBlank => ("bỏ trống", "blank"),
        /// A marker set.
        ReadMark => ("có đánh dấu", "marked"),
        /// A marker not set.
        ReadNoMark => ("không đánh dấu", "not marked"),
        /// A value that is no answer.
        ReadNotAnswer => ("KHÔNG PHẢI câu trả lời", "NOT an answer"),
        /// Row left out: totals.
        WhyTotals => ("dòng cộng/tổng", "totals row"),
        /// Row left out: totals by their arithmetic.
        WhyTotalsByArithmetic => (
            "dòng tổng (số bằng tổng các dòng trên)",
            "totals row (its numbers sum the rows above)",
        ),
        /// Row left out: the header again.
        WhyRepeatedHeader => ("dòng tiêu đề lặp lại", "repeated header"),
        /// Row left out: column numbering.
        WhyNumbering => ("dòng đánh số cột", "column numbering row"),
        /// Row left out: blank.
        WhyBlank => (
            "dòng trống (chỉ có số thứ tự)",
            "blank row (only a row number)",
        ),
        /// Row left out: a date line.
        WhyDateLine => ("dòng ngày tháng", "date line"),
        /// Row left out: signatures.
        WhySignature => ("khối chữ ký", "signature block"),
        /// Row left out: notes.
        WhyNotes => ("ghi chú", "notes"),
        /// Row left out: after the table.
        WhyAfterTable => ("sau cuối bảng", "after the end of the table"),
        /// Row left out: a legend.
        WhyLegend => ("chú thích mã trả lời", "legend of answer codes"),
    }
}
