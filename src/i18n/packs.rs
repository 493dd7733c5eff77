//! The words of survey packs (surveys on scales, `surveys/packs/*.toml`): what is wrong with a
//! pack file, why an index is absent, and what `template --pack`, `import --pack` and `index`
//! print.

crate::catalogue! {
    /// Every text of survey packs, both languages side by side.
    pub enum PackText {
        // `PackError`: a pack file.
        /// The file could not be read.
        Io => (
            "Không đọc được tệp bộ khảo sát {file}: {message}",
            "Cannot read survey pack {file}: {message}",
        ),
        /// Malformed TOML, unknown key, wrong type.
        Parse => (
            "Tệp bộ khảo sát {file} sai cú pháp hoặc có khóa không hợp lệ: {message}",
            "Survey pack {file} is malformed or has an invalid key: {message}",
        ),
        /// No shipped pack of this id.
        UnknownPack => (
            "Không có bộ khảo sát \"{id}\". Các bộ có sẵn: {known} (hoặc dùng --pack-file TỆP)",
            "No survey pack \"{id}\". Shipped packs: {known} (or use --pack-file FILE)",
        ),
        /// A value is wrong at a key and line.
        At => (
            "{file}, dòng {line}, khóa {key}: {problem}",
            "{file}, line {line}, key {key}: {problem}",
        ),
        /// Unknown scale.
        UnknownScale => (
            "thang đo \"{id}\" không có trong [[scales]]",
            "scale \"{id}\" is not among the [[scales]]",
        ),
        /// Unknown dimension.
        UnknownDimension => (
            "nhóm \"{id}\" không có trong [[dimensions]]",
            "dimension \"{id}\" is not among the [[dimensions]]",
        ),
        /// Unknown index.
        UnknownIndex => (
            "chỉ số \"{id}\" không có trong [[indices]]",
            "index \"{id}\" is not among the [[indices]]",
        ),
        /// Unknown item.
        UnknownItem => (
            "câu hỏi \"{id}\" không có trong [[items]]",
            "item \"{id}\" is not among the [[items]]",
        ),
        /// Item in no dimension.
        NoDimension => (
            "câu hỏi phải thuộc một nhóm (dimension = \"…\")",
            "an item must belong to a dimension (dimension = \"…\")",
        ),
        /// A weight or factor that is not a decimal.
        NotANumber => (
            "{value} không phải số thập phân không âm; ghi dạng chuỗi, ví dụ \"0.11\" hoặc \"1\"",
            "{value} is not a non-negative decimal; write it as a string, e.g. \"0.11\" or \"1\"",
        ),
        /// Indices depending on themselves.
        Cycle => (
            "các chỉ số phụ thuộc vòng tròn: {ids}",
            "indices depend on themselves: {ids}",
        ),
        /// A box outside the scale.
        OutsideScale => (
            "mã {code} không phải một mức được tính điểm của thang \"{scale}\"",
            "code {code} is not a scored point of scale \"{scale}\"",
        ),
        /// An id used twice.
        Duplicate => ("mã \"{id}\" bị trùng", "id \"{id}\" is repeated"),
        /// A scale that is neither points nor a range.
        BadScale => (
            "thang đo cần hoặc points = [...] hoặc min và max (min nhỏ hơn max), không cả hai",
            "a scale needs either points = [...] or min and max (min below max), not both",
        ),
        /// A code repeated in a scale.
        DuplicateCode => (
            "mã {code} xuất hiện hai lần trong thang đo",
            "code {code} appears twice in the scale",
        ),
        /// Items of an index on different scales.
        MixedScales => (
            "các câu {ids} không cùng một thang đo nên không gộp được",
            "items {ids} are not on one scale and cannot be pooled",
        ),
        /// A bad `of`.
        BadScope => (
            "khóa \"of\" = \"{value}\" phải là \"item:MÃ\", \"dimension:MÃ\" (có ít nhất một câu) hoặc danh sách mã chỉ số (chỉ với weighted_mean)",
            "of = \"{value}\" must be \"item:ID\", \"dimension:ID\" (with at least one item) or a list of index ids (weighted_mean only)",
        ),
        /// A key the method needs.
        MissingKey => (
            "phương pháp này cần khóa {key}",
            "this method needs the key {key}",
        ),
        /// Decimals out of range.
        BadDecimals => (
            "decimals = {value} phải từ 0 đến 4",
            "decimals = {value} must be between 0 and 4",
        ),
        /// Reverse on a non-mirroring scale.
        NoMirror => (
            "câu đảo chiều (reverse = true) cần thang đo có các mức đối xứng",
            "a reverse item needs a scale whose points mirror",
        ),
        /// Bad `weights`.
        BadWeights => (
            "weights = \"{value}\" phải là \"renormalise\" hoặc \"as_given\"",
            "weights = \"{value}\" must be \"renormalise\" or \"as_given\"",
        ),
        /// Empty pack.
        Empty => (
            "bộ khảo sát chưa có [[{key}]]",
            "the pack has no [[{key}]]",
        ),

        // Why an index is absent.
        /// Below `min_respondents`.
        BelowMinimum => (
            "chỉ có {respondents} người trả lời, dưới mức tối thiểu {min} của bộ khảo sát: không tính chỉ số",
            "only {respondents} respondents, below the pack's minimum of {min}: no index",
        ),
        /// No answers in scope.
        NoAnswers => (
            "không có câu trả lời nào được tính",
            "no answer counts",
        ),
        /// A component absent.
        ComponentAbsent => (
            "thiếu chỉ số thành phần \"{id}\"",
            "component index \"{id}\" is absent",
        ),
        /// Weights summing to zero.
        ZeroWeights => (
            "tổng trọng số bằng 0",
            "the weights sum to zero",
        ),

        // Reading a pack workbook (`ingest::pack`).
        /// A problem at a cell.
        ProblemAt => ("{cell}: {message}", "{cell}: {message}"),
        /// A problem at a cell with the value.
        ProblemAtValue => ("{cell}: {message} ({value})", "{cell}: {message} ({value})"),
        /// No header.
        NoHeader => (
            "không tìm thấy dòng tiêu đề có các câu hỏi của bộ khảo sát (\"Q1. …\") trong 20 dòng đầu của sheet nào",
            "no sheet has a header row naming the pack's items (\"Q1. …\") in its first 20 rows",
        ),
        /// Items missing from the header.
        MissingItems => (
            "dòng tiêu đề thiếu các câu: {ids}",
            "the header row lacks the items: {ids}",
        ),
        /// No commune.
        NoCommune => (
            "tệp không ghi xã (ô \"Xã:\"): dùng --commune",
            "the file names no commune (a \"Xã:\" cell): use --commune",
        ),
        /// An unknown answer.
        UnknownAnswer => (
            "câu {item}: câu trả lời không có trong thang đo (nhận: {accepted})",
            "item {item}: the answer is not on its scale (accepted: {accepted})",
        ),
        /// A number outside the scale.
        OutOfRange => (
            "câu {item}: số ngoài thang đo (nhận: {accepted})",
            "item {item}: the number is outside its scale (accepted: {accepted})",
        ),
        /// A weight that does not read.
        BadWeight => (
            "trọng số phải là số thập phân không âm (ví dụ 1,25), hoặc để trống cả cột",
            "a weight must be a non-negative decimal number (e.g. 1.25), or the whole column left blank",
        ),
        /// No rows.
        NoRows => (
            "tệp không có dòng người trả lời nào",
            "the file has no respondent's row",
        ),
        /// A row without its residential area, in a pack reported per area.
        NoArea => (
            "bộ khảo sát tính chỉ số theo thôn/bản: mỗi người trả lời phải ghi khu dân cư (cột \"Khu dân cư\", hoặc area_column / area trong tệp ánh xạ)",
            "the pack reports per residential area: every respondent needs an area (a \"Khu dân cư\" column, or area_column / area in the mapping)",
        ),
        /// A mapped column not in the export.
        MappingColumn => (
            "tệp ánh xạ, khóa {key}: không có cột \"{name}\" trong dòng tiêu đề; sửa tên cột trong tệp ánh xạ",
            "mapping key {key}: no column \"{name}\" in the header row; correct the column name in the mapping",
        ),
        /// A mapped column fitting several.
        MappingAmbiguous => (
            "tệp ánh xạ, khóa {key}: \"{name}\" khớp nhiều cột ({candidates}); ghi tên cột đầy đủ",
            "mapping key {key}: \"{name}\" fits several columns ({candidates}); write the full column name",
        ),
        /// Mapping keys that are no item or scale.
        MappingKeys => (
            "tệp ánh xạ có khóa không thuộc bộ khảo sát: {keys} (khóa [items] là mã câu hỏi, khóa [values] là mã thang đo)",
            "the mapping has keys that are not in the survey pack: {keys} ([items] keys are item ids, [values] keys are scale ids)",
        ),
        /// A mapping for another pack.
        MappingPack => (
            "tệp ánh xạ viết cho bộ khảo sát \"{id}\", không phải bộ đang nhập; dùng đúng tệp ánh xạ hoặc sửa mapping.pack",
            "the mapping is written for survey pack \"{id}\", not the one imported; use the right mapping or correct mapping.pack",
        ),
        /// A row of another commune.
        OtherCommune => (
            "dòng này thuộc xã khác: mỗi tệp chỉ gồm một xã; tách tệp theo xã",
            "this row belongs to another commune: one file holds one commune; split the export by commune",
        ),

        // The use cases (`app::pack`).
        /// No answers imported.
        NoAnswersImported => (
            "Thư mục dữ liệu chưa có câu trả lời nào của bộ khảo sát \"{pack}\": nhập tệp trước (hailong import --pack {pack} TỆP)",
            "The workspace holds no answers to survey pack \"{pack}\": import a file first (hailong import --pack {pack} FILE)",
        ),
        /// No answers in the round asked for.
        NoRound => (
            "Bộ khảo sát \"{pack}\" không có câu trả lời nào của đợt \"{round}\" ở đơn vị đã chọn. Các đợt đã nhập: {rounds}",
            "Survey pack \"{pack}\" has no answers of round \"{round}\" in the units asked for. Rounds imported: {rounds}",
        ),
        /// `--commune` with a province-wide pack.
        WholeProvince => (
            "Bộ khảo sát \"{pack}\" tính chỉ số cho cả tỉnh (unit = \"tinh\"): dùng --all thay cho --commune",
            "Survey pack \"{pack}\" reports the whole province (unit = \"tinh\"): use --all instead of --commune",
        ),

        /// A population below the respondents.
        PopulationBelow => (
            "--population: dân số {population} của {unit} nhỏ hơn số người đã trả lời ({respondents}); sửa số dân số",
            "--population: the population {population} of {unit} is below its respondents ({respondents}); correct it",
        ),
        /// A malformed `--population`.
        BadPopulation => (
            "--population \"{value}\" phải có dạng TÊN=SỐ, ví dụ \"Chiềng Mung=4200\"",
            "--population \"{value}\" must read NAME=NUMBER, e.g. \"Chiềng Mung=4200\"",
        ),
        /// The report workbook written.
        WroteReport => (
            "Đã ghi {path}: bảng chỉ số của bộ khảo sát {pack}, {units} đơn vị",
            "Wrote {path}: the index report of survey pack {pack}, {units} units",
        ),

        // The web pages of survey packs (`/khao-sat`).
        /// The list page's title.
        WebTitle => ("Khảo sát theo thang đo", "Surveys on scales"),
        /// Under the title.
        WebIntro => (
            "Chỉ số của các bộ khảo sát theo thang đo, tính từ câu trả lời đã nhập; chỉ để xem.",
            "The indices of the surveys on scales, computed from the answers imported; read-only.",
        ),
        /// A pack without answers.
        WebNoAnswers => ("Chưa có câu trả lời nào.", "No answers yet."),
        /// A province's own pack.
        WebNotShipped => (
            "Bộ khảo sát riêng của tỉnh: xem chỉ số bằng dòng lệnh (hailong index --pack-file TỆP).",
            "The province's own pack: see its indices on the command line (hailong index --pack-file FILE).",
        ),
        /// Respondents of a unit.
        WebRespondents => ("{count} người trả lời", "{count} respondents"),
        /// Column: index.
        WebIndex => ("Chỉ số", "Index"),
        /// Column: numerator.
        WebNumerator => ("Tử số", "Numerator"),
        /// Column: denominator.
        WebDenominator => ("Mẫu số", "Denominator"),
        /// Column: value.
        WebValue => ("Giá trị", "Value"),
        /// Column: interval.
        WebInterval => (
            "Khoảng tin cậy 95 % (ngoài cách tính chính thức)",
            "95 % interval (beyond the official arithmetic)",
        ),
        /// Column: weighted.
        WebWeighted => (
            "Có trọng số (ngoài cách tính chính thức)",
            "Weighted (beyond the official arithmetic)",
        ),
        /// Items heading.
        WebItems => ("Số người trả lời theo mức", "Respondents at each point"),
        /// Column: item.
        WebItem => ("Câu", "Item"),
        /// Column: answers counted.
        WebCounted => ("Được tính", "Counted"),
        /// Column: blank.
        WebBlank => ("Để trống", "Blank"),
        /// Column: counts.
        WebCounts => ("Mức: số người", "Point: respondents"),
        /// Not computed.
        WebAbsent => ("Không tính: {reason}", "Not computed: {reason}"),
        /// The workbook link.
        WebDownload => ("Tải bảng chỉ số (Excel, in được)", "Download the index report (Excel, ready to print)"),
        /// Back to the list.
        WebBack => ("Các bộ khảo sát", "All survey packs"),

        // What `template --pack`, `import --pack` and `index` print.
        /// The workbook written.
        WroteTemplate => (
            "Đã ghi {path}: sổ nhập của bộ khảo sát {pack} cho {commune}, {items} câu hỏi, mỗi dòng một người trả lời",
            "Wrote {path}: the entry workbook of survey pack {pack} for {commune}, {items} items, one row per respondent",
        ),
        /// One file of an import.
        FileLine => (
            "{file}: {commune}, bộ khảo sát {pack} — {respondents} người trả lời → {outcome}",
            "{file}: {commune}, survey pack {pack} — {respondents} respondents → {outcome}",
        ),
        /// Outcome: stored.
        OutcomeStored => ("đã lưu", "stored"),
        /// Outcome: replaced.
        OutcomeReplaced => ("đã thay bản nhập trước", "replaced the earlier import"),
        /// Outcome: unchanged.
        OutcomeUnchanged => ("không đổi (đã nhập trước đó)", "unchanged (imported before)"),
        /// Outcome: checked.
        OutcomeChecked => ("đã kiểm tra (chưa lưu)", "checked (not stored)"),
        /// Outcome: refused.
        OutcomeRefused => (
            "TỪ CHỐI, không lưu ({count} lỗi)",
            "REFUSED, not stored ({count} problems)",
        ),
        /// The unit when unknown.
        NoUnit => ("(chưa rõ xã)", "(commune unknown)"),
        /// A unit's heading.
        UnitHeading => (
            "{unit} — {title} (bộ {pack}): {respondents} người trả lời",
            "{unit} — {title} (pack {pack}): {respondents} respondents",
        ),
        /// The unverified note.
        Unverified => (
            "Lưu ý: bộ khảo sát chưa được đối chiếu với văn bản gốc (verified = false); chỉ số là thử nghiệm.",
            "Note: the survey pack is not checked against its sources (verified = false); the indices are a trial.",
        ),
        /// Indices heading.
        IndicesHeading => ("Chỉ số:", "Indices:"),
        /// An index with a value.
        IndexLine => (
            "  {id} ({method}): {display} = {formula}",
            "  {id} ({method}): {display} = {formula}",
        ),
        /// A unit's population, given.
        PopulationLine => (
            "Dân số {population}: khoảng tin cậy có hiệu chỉnh quần thể hữu hạn.",
            "Population {population}: intervals with the finite-population correction.",
        ),
        /// Weights used.
        WeightsUsed => (
            "Có cột trọng số: ước lượng có trọng số (tỷ số trong xã) in bên cạnh, ngoài cách tính chính thức.",
            "Weighted: the weighted estimates (ratio within the commune) shown beside, beyond the official arithmetic.",
        ),
        /// Weights not usable.
        WeightsUnusable => (
            "Cột trọng số thiếu hoặc bằng 0 ở {count} người trả lời: không tính ước lượng có trọng số.",
            "The weight column is blank or zero for {count} respondents: no weighted estimate.",
        ),
        /// Under an index: what is beyond the official arithmetic.
        BeyondLine => (
            "      (ngoài cách tính chính thức: {parts})",
            "      (beyond the official arithmetic: {parts})",
        ),
        /// The interval part of it.
        IntervalPart => (
            "khoảng tin cậy 95 % {low} – {high}",
            "95 % interval {low} – {high}",
        ),
        /// The weighted part of it.
        WeightedPart => ("có trọng số {value}", "weighted {value}"),
        /// An absent index.
        AbsentLine => (
            "  {id} ({method}): không có — {reason}",
            "  {id} ({method}): none — {reason}",
        ),
        /// Items heading.
        ItemsHeading => ("Câu hỏi (số người theo mã):", "Items (respondents per code):"),
        /// One item.
        ItemLine => (
            "  {id}: {answers} câu trả lời được tính, {blank} để trống; {counts}",
            "  {id}: {answers} answers counted, {blank} blank; {counts}",
        ),
    }
}
