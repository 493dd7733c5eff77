//! The messages of the problems found while reading a file (`ingest::Problem`).

crate::catalogue! {
    /// One message per problem, or per alternative of a problem where its wording depends on a
    /// condition (`ingest::Problem::message` picks the variant and gives the values). Lists of
    /// cells, items and names come filled in, already joined.
    pub enum ProblemText {
        /// Not a spreadsheet (the reader's own words stay in the JSON only).
        NotSpreadsheet => (
            "không phải bảng tính đọc được (.xlsx, .xlsm, .xls, .ods, .csv) hoặc tệp đã bị hỏng. Hãy mở tệp bằng Excel và lưu lại dạng Excel .xlsx",
            "not a readable spreadsheet (.xlsx, .xlsm, .xls, .ods, .csv), or the file is damaged. Open it in Excel and save it as Excel .xlsx",
        ),
        /// A size bound passed.
        TooLarge => (
            "tệp hoặc sheet quá lớn để là một bảng phiếu ({detail}); hãy tách tệp hoặc xóa các ô thừa",
            "the file or sheet is too large to be a survey sheet ({detail}); split it or clear stray cells",
        ),
        /// A decompression bomb.
        Bomb => (
            "tệp nén giải ra dung lượng bất thường ({detail}): từ chối để bảo vệ máy",
            "the archive inflates to an abnormal size ({detail}): refused to protect the machine",
        ),
        /// Formulas without a cached value.
        FormulaWithoutValue => (
            "{count} ô có công thức nhưng chưa có giá trị tính sẵn ({cells}): mở tệp bằng Excel, tính lại và lưu",
            "{count} formula cells have no cached value ({cells}): open the file in Excel, recalculate and save",
        ),
        /// Text converted to Unicode.
        Converted => (
            "đã chuyển {count} ô từ mã {encoding} sang Unicode: {cells}",
            "converted {count} cells from {encoding} to Unicode: {cells}",
        ),
        /// Among the cells converted: the sheet's name.
        SheetName => ("(tên sheet)", "(sheet name)"),
        /// The file could not be opened.
        Unreadable => ("không mở được tệp: {detail}", "cannot open the file: {detail}"),
        /// A sheet the layout needs.
        MissingSheet => (
            "thiếu sheet \"{wanted}\" (tệp có: {found}). Hãy dùng mẫu do `hailong template` tạo",
            "sheet \"{wanted}\" is missing (the file has: {found}). Use the workbook `hailong template` writes",
        ),
        /// No header row with a column.
        MissingHeader => (
            "không tìm thấy dòng tiêu đề có cột \"{column}\" trong 20 dòng đầu",
            "no header row with a \"{column}\" column in the first 20 rows",
        ),
        /// The commune is not said.
        NoCommune => (
            "không rõ tệp của xã nào: ghi \"Xã:\" và tên xã ở đầu sheet \"Khu dân cư\", hoặc dùng --commune",
            "which commune the file is for is not said: write \"Xã:\" and the name at the top of the register sheet, or pass --commune",
        ),
        /// The gazetteer's own message, already in the language asked for.
        CommuneLookup => ("{message}", "{message}"),
        /// A ward.
        Ward => (
            "{name} là phường: hộ dân ở phường không thuộc diện lấy ý kiến về xây dựng nông thôn mới",
            "{name} is a ward: households of wards are not surveyed for new-rural recognition",
        ),
        /// A commune merged into another.
        OldCommune => (
            "tệp ghi tên xã cũ \"{old}\"; từ 01/7/2025 thuộc {new}: số liệu được tính cho {new}",
            "the file names the former commune \"{old}\"; since 1 July 2025 it is part of {new}: counted for {new}",
        ),
        /// No form could be told from the header.
        FormNotRecognised => (
            "không nhận ra mẫu phiếu: dòng tiêu đề không ghi đủ các câu của một mẫu nào (Câu 1 … Câu N, câu cuối là câu hỏi chung). Hãy kiểm tra dòng tiêu đề, hoặc ghi ô \"Mẫu phiếu:\" / dùng --form với một trong: {known}",
            "the form is not recognised: no header row names every item of one form (\"Câu 1\" … \"Câu N\", the last being the overall question). Check the header row, or write the \"Mẫu phiếu:\" cell / pass --form with one of: {known}",
        ),
        /// A form id written that hailong does not know.
        UnknownForm => (
            "không rõ mẫu phiếu \"{id}\"; ghi ô \"Mẫu phiếu:\" là một trong: {known} hoặc dùng --form",
            "unknown form \"{id}\"; write one of {known} in the \"Mẫu phiếu:\" cell or pass --form",
        ),
        /// Item columns missing.
        MissingItems => (
            "thiếu cột của câu {items} theo mẫu phiếu",
            "columns for items {items} of the form are missing",
        ),
        /// A column for an item the form does not have.
        ExtraItem => (
            "có cột câu {item} nhưng mẫu phiếu không có câu này",
            "a column for item {item}, which the form does not have",
        ),
        /// An answer that is neither option.
        BadAnswer => (
            "câu {item}: câu trả lời không phải \"Hài lòng\" hay \"Không hài lòng\"; câu này của phiếu được tính là không hợp lệ",
            "item {item}: the answer is neither \"Hài lòng\" nor \"Không hài lòng\"; the item counts as invalid for this form",
        ),
        /// A form without an area.
        MissingArea => (
            "phiếu không ghi khu dân cư: dòng bị loại, hãy điền khu dân cư",
            "the form names no residential area: row rejected, fill in the area",
        ),
        /// An area not in the register.
        UnknownArea => (
            "khu dân cư không có trong sheet \"Khu dân cư\": dòng bị loại. Có phải: {suggestions}?",
            "residential area not in the register sheet: row rejected. Did you mean: {suggestions}?",
        ),
        /// One form number, two households.
        DuplicateFormNo => (
            "số phiếu trùng với dòng {first_row} của cùng khu dân cư nhưng câu trả lời khác: hai hộ được ghi cùng một số, cả hai phiếu đều được tính; hãy sửa số phiếu",
            "form number repeats row {first_row} of the same area with other answers: two households given one number, both forms counted; correct the number",
        ),
        /// A household count that is not a whole number.
        BadCount => (
            "số hộ phải là số nguyên không âm: khu dân cư bị loại",
            "households must be a whole number ≥ 0: area rejected",
        ),
        /// An area listed twice.
        DuplicateArea => (
            "khu dân cư đã có ở dòng {first_row}: dòng bị loại",
            "the area is already listed in row {first_row}: row rejected",
        ),
        /// More forms than households.
        TooManyBallots => (
            "khu dân cư \"{area}\" có {ballots} phiếu nhưng chỉ có {households} hộ: toàn bộ phiếu của khu bị loại, hãy kiểm tra số hộ hoặc phiếu nhập trùng",
            "area \"{area}\" has {ballots} forms but only {households} households: all its forms are rejected; check the household count or duplicated forms",
        ),
        /// More forms returned than issued.
        MoreThanIssued => (
            "khu dân cư \"{area}\" có {ballots} phiếu thu về nhưng chỉ phát ra {issued}: toàn bộ phiếu của khu bị loại",
            "area \"{area}\" returned {ballots} forms but only {issued} were issued: all its forms are rejected",
        ),
        /// Both markers of an item.
        BothMarked => (
            "câu {item}: đánh dấu cả \"Hài lòng\" và \"Không hài lòng\"; câu này của phiếu được tính là không hợp lệ",
            "item {item}: both \"Hài lòng\" and \"Không hài lòng\" are marked; the item counts as invalid for this form",
        ),
        /// A household twice.
        DuplicateHousehold => (
            "hộ này đã có phiếu ở dòng {first_row} của cùng khu dân cư: dòng bị loại",
            "this household already has a form in row {first_row} of the same area: row rejected",
        ),
        /// A tally over its forms returned.
        TallyOverReturned => (
            "câu {item}: hài lòng {satisfied} + không hài lòng {dissatisfied} lớn hơn số phiếu thu về {returned}: dòng bị loại",
            "item {item}: satisfied {satisfied} + not satisfied {dissatisfied} exceeds the {returned} forms returned: row rejected",
        ),
        /// A tally without pairs of columns.
        TallyNeedsPairs => (
            "bảng tổng hợp phải có hai cột cho mỗi câu (Hài lòng | Không hài lòng)",
            "a tally sheet needs two columns per item (\"Hài lòng\" | \"Không hài lòng\")",
        ),
        /// A tally and forms for one area.
        TallyAndBallots => (
            "khu dân cư \"{area}\" có cả bảng tổng hợp và phiếu từng hộ: chỉ được gửi một nguồn cho mỗi khu, tệp bị từ chối",
            "area \"{area}\" has both a tally and household forms: one source per area, file refused",
        ),
        /// A mapped column not in the header.
        MappingColumn => (
            "không có cột \"{name}\" ({key} trong tệp ánh xạ) ở dòng tiêu đề {header_row}; dòng này có: {found}",
            "no column \"{name}\" ({key} in the mapping file) in header row {header_row}; that row has: {found}",
        ),
        /// A mapped name fitting several columns.
        MappingAmbiguous => (
            "{key} = \"{name}\" khớp nhiều cột ({candidates}): ghi tên cột đầy đủ trong tệp ánh xạ",
            "{key} = \"{name}\" fits several columns ({candidates}): write the full column name in the mapping file",
        ),
        /// Columns found under a group prefix.
        ColumnsMatched => (
            "cột tìm theo phần cuối tên, bỏ tiền tố nhóm {pairs}",
            "columns found by the last part of their name, ignoring the group prefix {pairs}",
        ),
        /// An `[items]` key that is not an item.
        MappingItemKey => (
            "khóa items.{key} trong tệp ánh xạ không phải số câu: mẫu {form} có câu 1 đến {max}",
            "key items.{key} of the mapping file is not an item number: form {form} has items 1 to {max}",
        ),
        /// Items without a key in `[items]`.
        MappingItemsMissing => (
            "bảng [items] của tệp ánh xạ thiếu khóa của câu {items} (mẫu {form}): thêm dòng như `{first} = \"tên_cột\"`",
            "the mapping's [items] table lacks keys for items {items} (form {form}): add lines like `{first} = \"column_name\"`",
        ),
        /// A row of another commune.
        OtherCommuneRow => (
            "dòng của xã khác: mỗi lần nhập một xã (dùng --commune): dòng bị loại",
            "a row of another commune: import one commune at a time (use --commune): row rejected",
        ),
        /// A value `[values]` does not list.
        BadMappedAnswer => (
            "câu {item}: giá trị không có trong [values] của tệp ánh xạ (nhận: {accepted}); câu này của phiếu được tính là không hợp lệ",
            "item {item}: a value the mapping's [values] does not list (accepted: {accepted}); the item counts as invalid for this form",
        ),
        /// An area neither a name nor a code.
        UnknownAreaCode => (
            "khu dân cư không có trong danh sách của xã ({register}) và không có trong bảng [areas] của tệp ánh xạ: dòng bị loại",
            "residential area neither in the commune's register ({register}) nor in the mapping's [areas] table: row rejected",
        ),
        /// Codes matched to names by folding.
        AreasMatched => (
            "mã khu dân cư được khớp với tên trong danh sách (bỏ dấu): {pairs}. Nếu sai, ghi bảng [areas] trong tệp ánh xạ",
            "area codes matched to register names (accents folded): {pairs}. If wrong, write an [areas] table in the mapping file",
        ),
        /// An `[areas]` code naming no area.
        AreaCodeTarget => (
            "[areas] \"{choice}\" trỏ tới khu dân cư không có trong danh sách của xã ({register})",
            "[areas] \"{choice}\" names an area that is not in the commune's register ({register})",
        ),
        /// A `[register]` area written as a code.
        RegisterCode => (
            "[register] \"{name}\" là mã lựa chọn, không phải tên khu dân cư: ghi tên thật (\"Bản Nà Sản\") và đặt mã vào bảng [areas]",
            "[register] \"{name}\" is a choice code, not an area's name: write the real name (\"Bản Nà Sản\") and put the code in an [areas] table",
        ),
        /// One submission twice.
        DuplicateSubmission => (
            "bản nộp trùng mã với dòng {kept_row}: chỉ tính một lần, giữ bản mới nhất (dòng {kept_row})",
            "the same submission as row {kept_row}: counted once, the latest version (row {kept_row}) is kept",
        ),
        /// Rejected by review.
        ReviewExcluded => (
            "bản nộp bị người duyệt từ chối: không tính",
            "submission rejected by the reviewer: not counted",
        ),
        /// Held or flagged by review.
        ReviewWarning => (
            "bản nộp đang chờ duyệt hoặc có vấn đề: vẫn tính, hãy xem lại",
            "submission on hold or flagged by the reviewer: counted, have a look",
        ),
        /// A ballots sheet without an area column.
        NoAreaColumn => (
            "sheet phiếu không có cột khu dân cư (thôn, bản, tổ dân phố, …) ở dòng tiêu đề {header_row} (nhận ra: {recognised}), và tên sheet hay ô tiêu đề \"Bản: …\" không phải khu dân cư nào trong danh sách: sheet bị loại. Thêm cột \"Khu dân cư\"",
            "the ballots sheet has no residential-area column (\"thôn\", \"bản\", \"tổ dân phố\", …) in header row {header_row} (recognised: {recognised}), and neither its name nor a \"Bản: …\" title cell is an area of the register: sheet rejected. Add a \"Khu dân cư\" column",
        ),
        /// One form typed twice.
        DuplicateFormTyped => (
            "số phiếu và mọi câu trả lời trùng với dòng {first_row}: một phiếu nhập hai lần, chỉ tính một lần",
            "form number and every answer repeat row {first_row}: one form typed twice, counted once",
        ),
        /// A form assumed among several.
        FormAssumed => (
            "tệp không ghi mẫu phiếu; các mẫu {candidates} đều khớp số câu, đã lấy mẫu \"{id}\". Nếu sai, ghi ô \"Mẫu phiếu:\" hoặc dùng --form",
            "the file does not name its form; {candidates} all fit, \"{id}\" was taken. If wrong, fill the \"Mẫu phiếu:\" cell or pass --form",
        ),
        /// No register anywhere.
        EmptyRegister => (
            "không có danh sách khu dân cư và số hộ, và thư mục dữ liệu chưa có danh sách của xã này: hãy nhập trước sổ phiếu chuẩn có sheet \"Khu dân cư\" (`hailong template … --area …` tạo sổ này), hoặc thêm bảng [register] vào tệp ánh xạ",
            "no register of areas and households in the file, and none for this commune in the workspace: first import the canonical workbook with its register sheet (`hailong template … --area …` writes one), or add a [register] table to the mapping file",
        ),
        /// Submissions stored from an earlier export.
        SupersedesEarlier => (
            "{count} bản nộp đã có từ lần xuất trước ({files}): mỗi bản chỉ tính một lần, bản mới nhất được dùng",
            "{count} submissions were already stored from an earlier export ({files}): each counted once, the latest version is used",
        ),
        /// An area with forms from another file.
        AreaInOtherFile => (
            "khu dân cư \"{area}\" đã có phiếu từ tệp {other}: một khu dân cư chỉ nhận một nguồn, tệp bị từ chối",
            "area \"{area}\" already has forms from {other}: one source per area, file refused",
        ),
        /// A file moved to another commune.
        MovedFromCommune => (
            "tệp này đã được nhập cho xã {from}; nay chỉ tính cho xã của lần nhập này (một tệp không tính cho hai xã)",
            "this file was stored for {from}; it now counts for this import's commune only (one file never counts for two communes)",
        ),
        /// A commune account's file for another commune.
        NotYourCommune => (
            "tệp này là của {commune}, nhưng tài khoản đang đăng nhập chỉ nhập được phiếu của {allowed}: không lưu gì. Hãy để {commune} hoặc tài khoản cấp tỉnh nhập tệp này",
            "this file is for {commune}, but the account signed in may only upload for {allowed}: nothing stored. Let {commune} or a province account upload it",
        ),
        /// A page of photos that is no ballot hailong can read.
        PageUnread => (
            "trang {page}: {reason}; trang này không được tính. Chụp lại trang (đủ bốn góc, rõ mã QR) rồi nhập lại, hoặc nhập mã phiếu trên trang xác nhận",
            "page {page}: {reason}; this page is not counted. Photograph it again (all four corners, the QR code sharp) and import again, or type its id on the review page",
        ),
        /// The same ballot photographed twice.
        BallotTwice => (
            "phiếu {id} được chụp nhiều lần ({seen}): chỉ tính một lần",
            "ballot {id} was photographed more than once ({seen}): counted once",
        ),
        /// Items and pages waiting for a person.
        AwaitingReview => (
            "{items} mục và {pages} trang chờ người xác nhận: kết quả của xã là tạm tính cho tới khi xác nhận xong (hailong review)",
            "{items} items and {pages} pages wait for a person: the commune's result is provisional until they are decided (hailong review)",
        ),
        /// An indicator code not in the set.
        UnknownIndicator => (
            "mã chỉ tiêu không có trong bộ tiêu chí {set}: dòng bị loại; sửa mã theo mẫu (hailong template --criteria {set})",
            "this indicator code is not in criteria set {set}: row rejected; correct the code as in the template (hailong template --criteria {set})",
        ),
        /// An indicator twice.
        DuplicateIndicator => (
            "chỉ tiêu đã có ở dòng {first_row}: dòng sau bị loại; giữ một dòng cho mỗi chỉ tiêu",
            "the indicator is already in row {first_row}: the later row is rejected; keep one row per indicator",
        ),
        /// A self-assessment neither "Đạt" nor "Chưa đạt".
        BadSelfAssessment => (
            "tự đánh giá phải là \"Đạt\" hoặc \"Chưa đạt\": chỉ tiêu được tính là chưa đạt; chọn trong danh sách",
            "the self-assessment must be \"Đạt\" or \"Chưa đạt\": counted as not met; pick from the list",
        ),
        /// A result below 1 under a percentage target.
        AmbiguousFraction => (
            "kết quả nhỏ hơn 1 với chỉ tiêu {target}: không rõ là phần trăm hay phân số (ô định dạng %?); hailong không so với chỉ tiêu; ghi rõ, ví dụ \"93%\"",
            "a result below 1 under target {target}: a percentage or a fraction (a cell formatted as %?); hailong does not read it against the target; write it plainly, e.g. \"93%\"",
        ),
        /// The figure contradicts a self-assessment of "Đạt".
        ContradictsMet => (
            "chỉ tiêu {code}: kết quả mâu thuẫn với tự đánh giá \"Đạt\" (chỉ tiêu quy định {target}); tính là chưa đạt; sửa kết quả hoặc tự đánh giá",
            "indicator {code}: the result contradicts the self-assessment \"met\" (target {target}); counted as not met; correct the result or the assessment",
        ),
        /// The figure contradicts a self-assessment of "Chưa đạt".
        ContradictsNotMet => (
            "chỉ tiêu {code}: kết quả mâu thuẫn với tự đánh giá \"Chưa đạt\" (chỉ tiêu quy định {target}); tính là chưa đạt; sửa kết quả hoặc tự đánh giá",
            "indicator {code}: the result contradicts the self-assessment \"not met\" (target {target}); counted as not met; correct the result or the assessment",
        ),
        /// Indicators missing from the workbook.
        MissingIndicators => (
            "thiếu {count} chỉ tiêu của bộ {set}: {codes}; các chỉ tiêu này được tính là chưa đạt; thêm dòng theo mẫu",
            "{count} indicators of set {set} are missing: {codes}; they count as not met; add their rows as in the template",
        ),
        /// The criteria set cannot be told.
        CriteriaSetUnknown => (
            "không xác định được bộ tiêu chí của bảng tự đánh giá; ghi dòng \"Bộ tiêu chí: <mã>\" ở đầu trang, mã là một trong: {known}",
            "cannot tell the self-assessment's criteria set; write a line \"Bộ tiêu chí: <id>\" at the top, the id one of: {known}",
        ),
        /// No valid commune group.
        CommuneGroupMissing => (
            "bộ tiêu chí này có chỉ tiêu theo nhóm xã nhưng tệp không ghi nhóm xã hợp lệ; ghi \"Nhóm xã: …\" là một trong: {groups}",
            "this set's targets depend on the commune group but the file names no valid group; write \"Nhóm xã: …\" as one of: {groups}",
        ),
        /// A date that cannot be read.
        BadDate => (
            "không đọc được ngày (ghi ngày/tháng/năm, ví dụ 12/03/2025): lần công khai này không được tính",
            "cannot read the date (write day/month/year, e.g. 12/03/2025): this posting is not counted",
        ),
        /// Indicators without a self-assessment.
        NotAssessed => (
            "{count} chỉ tiêu chưa tự đánh giá (Đạt / Chưa đạt): {codes}; được tính là chưa đạt",
            "{count} indicators have no self-assessment (\"Đạt\" / \"Chưa đạt\"): {codes}; counted as not met",
        ),
        /// Several columns could be the one read.
        AmbiguousColumn => (
            "có nhiều cột có thể là \"{column}\" ({cells}): không đoán; đặt tên cột cần đọc là \"{column}\" hoặc xóa cột thừa",
            "several columns could be \"{column}\" ({cells}): not guessed; name the one to read \"{column}\" or remove the others",
        ),
        /// Two sheets of the same indicators.
        IndicatorSheets => (
            "các sheet {sheets} cùng ghi các chỉ tiêu này: giữ một sheet (xóa hoặc chuyển bản cũ ra tệp khác)",
            "sheets {sheets} both hold these indicators: keep one sheet (delete the old copy or move it to another file)",
        ),
        /// The postings sheet is absent.
        MissingPostings => (
            "tệp không có sheet \"Công khai\": điều kiện công khai báo cáo được tính là chưa đạt; dùng mẫu có đủ các sheet (tệp CSV chỉ giữ một sheet)",
            "the file has no sheet \"Công khai (postings)\": the posting condition count as not met; use a workbook with every sheet (a CSV keeps only one)",
        ),
        /// The declared conditions sheet is absent.
        MissingConditions => (
            "tệp không có sheet \"Điều kiện công nhận\": các điều kiện xã kê khai được tính là chưa đạt; dùng mẫu có đủ các sheet (tệp CSV chỉ giữ một sheet)",
            "the file has no sheet \"Điều kiện công nhận (declared conditions)\": the declared conditions count as not met; use a workbook with every sheet (a CSV keeps only one)",
        ),
        /// A condition no rule pack knows.
        UnknownCondition => (
            "điều kiện không có trong quy tắc công nhận: dòng bị bỏ qua; dùng mã điều kiện như trong mẫu",
            "no recognition rule has this condition: row left out; use the condition codes of the template",
        ),
        /// No sheet names the form's items.
        NoItemHeader => (
            "không sheet nào có dòng tiêu đề ghi các câu của phiếu (Câu 1 … Câu {items}, hoặc \"1. Quy hoạch\" …) trong 20 dòng đầu; đã xem: {sheets}. Hãy thêm dòng tiêu đề, hoặc dùng mẫu do `hailong template` tạo",
            "no sheet has a header row naming the form's items (\"Câu 1\" … \"Câu {items}\", or \"1. Quy hoạch\" …) in its first 20 rows; looked at: {sheets}. Add a header row, or use the workbook `hailong template` writes",
        ),
        /// What a sheet showed: the register, its header at a row.
        SeenRegister => (
            "\"{sheet}\": danh sách khu dân cư (dòng {row})",
            "\"{sheet}\": the register of areas (row {row})",
        ),
        /// What a sheet showed: the row naming the most items.
        SeenItems => (
            "\"{sheet}\": dòng {row} có {found}/{items} câu",
            "\"{sheet}\": row {row} has {found}/{items} items",
        ),
        /// What a sheet showed: no row naming an item.
        SeenNoItems => ("\"{sheet}\": không có câu nào", "\"{sheet}\": no items"),
        /// A column of codes without a legend.
        CodesWithoutLegend => (
            "cột {column} (câu {item}) ghi mã ({values}) nhưng tệp không có chú thích mã: không đoán. Hãy thêm một dòng chú thích phía trên bảng, ví dụ \"Cách ghi: 1 - Hài lòng; 2 - Không hài lòng\", hoặc ghi bằng chữ. Tệp không được lưu",
            "column {column} (item {item}) holds codes ({values}) but the file has no legend for them: not guessed. Add a legend line above the table, e.g. \"Cách ghi: 1 - Hài lòng; 2 - Không hài lòng\", or write the answers out. The file was not stored",
        ),
        /// A column mostly not answers.
        NotAnswers => (
            "cột {column} (câu {item}) phần lớn không phải câu trả lời ({values}): có thể cột bị đọc sai. Tệp không được lưu; hãy ghi \"Hài lòng\" / \"Không hài lòng\" hoặc kiểm tra dòng tiêu đề",
            "column {column} (item {item}) mostly holds values that are not answers ({values}): the column may be misread. The file was not stored; write \"Hài lòng\" / \"Không hài lòng\" or check the header row",
        ),
        /// A register's or tally's totals row that does not add up: the file is refused.
        TotalsRefused => (
            "dòng tổng ghi {written} {what} nhưng cộng các dòng trên được {computed}: số liệu không khớp, tệp không được lưu. Hãy kiểm tra lại các dòng hoặc dòng tổng",
            "the totals row says {written} {what} but the rows above add up to {computed}: the figures do not reconcile, the file was not stored. Check the rows or the totals row",
        ),
        /// A forms sheet's totals row that does not add up: only a warning.
        TotalsIgnored => (
            "dòng tổng ghi {written} {what}, không khớp với các dòng phiếu phía trên ({computed} hài lòng): dòng tổng không được tính, hãy kiểm tra lại",
            "the totals row says {written} {what}, which does not match the forms above ({computed} satisfied): the totals row is not counted, check it",
        ),
        /// What a totals row counts: households.
        TotalHouseholds => ("hộ", "households"),
        /// What a totals row counts: forms issued.
        TotalIssued => ("phiếu phát ra", "forms issued"),
        /// What a totals row counts: forms returned.
        TotalReturned => ("phiếu thu về", "forms returned"),
        /// What a totals row counts: answers.
        TotalAnswers => ("câu trả lời", "answers"),
        /// The reading looks wrong.
        Doubtful => (
            "KHÔNG LƯU: cách đọc có vẻ sai — {rejected}/{rows} dòng bị loại; lỗi gặp nhiều nhất: \"{cause}\" ({count} lần). Xem cách đọc bằng `hailong check TỆP`, sửa tệp rồi nhập lại; nếu đúng là chỉ lưu phần đọc được, nhập lại với --accept-partial",
            "NOT STORED: the reading looks wrong — {rejected}/{rows} rows rejected; the most frequent problem: \"{cause}\" ({count} times). See the reading with `hailong check FILE`, fix the file and import again; to store only what was read, import again with --accept-partial",
        ),
        /// A name that may be several communes.
        CommuneNameAmbiguous => (
            "tên tệp hoặc sheet có thể là nhiều xã ({candidates}): không đoán. Hãy ghi dòng \"Xã: …\" trong tệp hoặc dùng --commune",
            "the file or sheet name may name several communes ({candidates}): not guessed. Write a \"Xã: …\" line in the file or pass --commune",
        ),
        /// Stored in part.
        PartialAccepted => (
            "đã lưu MỘT PHẦN theo --accept-partial: {rejected}/{rows} dòng bị loại không được tính",
            "stored IN PART as --accept-partial asked: {rejected}/{rows} rejected rows are not counted",
        ),
        /// No bytes.
        EmptyFile => (
            "tệp rỗng: không có dữ liệu nào; hãy gửi lại tệp bảng tính",
            "the file is empty: it holds no data; send the spreadsheet again",
        ),
        /// A password to open.
        Encrypted => (
            "tệp có mật khẩu: mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu) rồi lưu lại",
            "the workbook is password-protected: open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, clear it) and save it again",
        ),
        /// A PDF sent instead of the spreadsheet.
        PdfDocument => (
            "đây là tệp PDF, không phải bảng tính: hailong đọc bảng tính (.xlsx, .xls, .ods, .csv); hãy gửi tệp Excel gốc",
            "this is a PDF file, not a spreadsheet: hailong reads spreadsheets (.xlsx, .xls, .ods, .csv); send the original Excel file",
        ),
        /// A Word document sent instead of the spreadsheet.
        WordDocument => (
            "đây là văn bản Word, không phải bảng tính: hailong đọc bảng tính (.xlsx, .xls, .ods, .csv); hãy gửi tệp Excel gốc",
            "this is a Word document, not a spreadsheet: hailong reads spreadsheets (.xlsx, .xls, .ods, .csv); send the original Excel file",
        ),
        /// A web page without a table sent instead of the spreadsheet.
        WebPage => (
            "đây là trang web (HTML) không có bảng, không phải bảng tính: hailong đọc bảng tính (.xlsx, .xls, .ods, .csv); hãy gửi tệp Excel gốc",
            "this is a web page (HTML) without a table, not a spreadsheet: hailong reads spreadsheets (.xlsx, .xls, .ods, .csv); send the original Excel file",
        ),
        /// A zip of CSV files, its main CSV read.
        ZipOfCsv => (
            "tệp nén (zip) chứa các tệp CSV (như ODK Central xuất): đã đọc {read}",
            "a zip of CSV files (as ODK Central exports): read {read}",
        ),
        /// The same, with other entries left aside.
        ZipOfCsvIgnoring => (
            "tệp nén (zip) chứa các tệp CSV (như ODK Central xuất): đã đọc {read}; bỏ qua: {ignored}",
            "a zip of CSV files (as ODK Central exports): read {read}; ignored: {ignored}",
        ),
        /// A zip without a main CSV.
        ZipWithoutMainCsv => (
            "tệp nén (zip) không có tệp CSV chính nào (tệp có cột PARENT_KEY là nhóm câu hỏi lặp): hãy giải nén và nhập tệp bảng phiếu",
            "the zip holds no main CSV file (a file with a PARENT_KEY column is a repeat group): unzip it and import the survey file",
        ),
        /// A zip with several CSVs that could be the main one.
        ZipOfCsvChoice => (
            "tệp nén (zip) có nhiều tệp CSV có thể là bảng phiếu ({candidates}): không đoán; hãy giải nén và nhập tệp cần dùng",
            "the zip holds several CSV files that could be the survey ({candidates}): not guessed; unzip it and import the one you mean",
        ),
        /// Only a register.
        RegisterOnly => (
            "tệp chỉ có danh sách khu dân cư ({areas} khu), không có sheet phiếu: đã lưu danh sách để dùng cho các tệp phiếu nhập sau",
            "the file holds only the register of areas ({areas} areas) and no forms sheet: the register was stored for forms imported later",
        ),
        /// A web page saved as Excel.
        HtmlTable => (
            "tệp là trang web (HTML) được lưu với tên Excel: đã đọc {tables} bảng của trang như bảng tính; nên mở bằng Excel và lưu lại dạng .xlsx",
            "the file is a web page (HTML) saved as Excel: its {tables} table(s) were read as sheets; better open it in Excel and save it as .xlsx",
        ),
        /// Unit of a size bound, given in both languages in the bound's detail: cells.
        UnitCells => ("ô", "cells"),
        /// Unit of a size bound: text.
        UnitText => ("chữ", "text"),
        /// Unit of a size bound: CSV fields.
        UnitFields => ("ô", "fields"),
    }
}
