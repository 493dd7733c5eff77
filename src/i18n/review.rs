//! The words of photographed ballots and their review queue (issue 25): why the reader left an
//! item or a page to a person, what `hailong review` says, and what a score or a dossier says
//! while items wait.

crate::catalogue! {
    /// Every text of the review queue, both languages side by side.
    pub enum ReviewText {
        // Why an item waits.
        /// Both boxes marked.
        BothMarked => ("đánh cả hai ô", "both boxes marked"),
        /// A faint mark.
        Faint => ("dấu quá mờ", "a faint mark"),
        /// Ink around the boxes (a circle).
        AroundBox => ("có nét quanh ô (khoanh tròn?)", "ink around the boxes (a circle?)"),
        /// A smudge or stray ink.
        Smudge => ("vết bẩn hoặc nét lạc trong ô", "a smudge or stray ink in a box"),
        /// Anything else not sure.
        Unsure => ("dấu không rõ", "an unclear mark"),
        // Why a page waits or was not read.
        /// Not an image at all.
        NotAnImage => ("không phải ảnh đọc được", "not a readable image"),
        /// No corner squares.
        NoFiducials => (
            "không thấy đủ bốn ô vuông đen ở góc phiếu",
            "the four black corner squares were not found",
        ),
        /// No QR code read.
        NoId => ("không đọc được mã QR của phiếu", "the ballot's QR code could not be read"),
        /// The id's check characters are wrong.
        IdCheckFailed => (
            "mã phiếu đọc được sai ký tự kiểm tra",
            "the ballot id read has wrong check characters",
        ),
        /// The id names a form this workspace does not know.
        UnknownForm => (
            "mã phiếu thuộc mẫu phiếu không có trong bộ quy tắc",
            "the ballot id names a form the rules do not have",
        ),
        /// No print run of this workspace issued the id.
        UnknownBallot => (
            "mã phiếu không thuộc đợt in phiếu nào của thư mục dữ liệu này (hailong ballot --data …)",
            "the ballot id belongs to no print run of this workspace (hailong ballot --data …)",
        ),
        /// The serial is beyond the forms issued to its area.
        SerialBeyondIssued => (
            "số thứ tự phiếu lớn hơn số phiếu phát ra cho khu dân cư",
            "the ballot's serial is beyond the forms issued to its area",
        ),
        /// A page of another commune than the file's other pages.
        OtherCommune => (
            "trang này là phiếu của xã hoặc đợt khác với các trang còn lại của tệp; nhập riêng",
            "this page is a ballot of another commune or round than the file's other pages; import it separately",
        ),
        /// A picture too large to be a photo of a ballot.
        TooLarge => ("ảnh quá lớn so với ảnh chụp một phiếu", "the picture is larger than any photo of a ballot"),
        /// A PDF without page pictures and no rasteriser.
        PdfWithoutImage => (
            "tệp PDF không chứa ảnh trang quét và máy chưa cài pdftoppm (poppler-utils) để vẽ trang",
            "the PDF holds no scanned page picture and pdftoppm (poppler-utils) is not installed to draw its pages",
        ),
        /// A reason code this version does not know.
        OtherReason => ("không đọc được", "unreadable"),

        // `hailong review`.
        /// Nothing waits.
        QueueEmpty => ("Không còn mục nào chờ xác nhận.", "Nothing waits for review."),
        /// Heading of the list.
        QueueHeading => (
            "{items} mục và {pages} trang chờ xác nhận (xấu nhất trước):",
            "{items} items and {pages} pages wait for review (worst first):",
        ),
        /// One item of the list.
        QueueItem => (
            "{file} › trang {page} › phiếu {id} › mục {item}: {reason} — ảnh: {image}",
            "{file} › page {page} › ballot {id} › item {item}: {reason} — picture: {image}",
        ),
        /// One page of the list.
        QueuePage => (
            "{file} › trang {page}: {reason} — ảnh: {image}",
            "{file} › page {page}: {reason} — picture: {image}",
        ),
        /// How to decide.
        HowToDecide => (
            "Xác nhận từng mục: hailong review --set \"MÃ_PHIẾU:MỤC=satisfied|dissatisfied|blank|invalid\"",
            "Decide each item: hailong review --set \"BALLOT_ID:ITEM=satisfied|dissatisfied|blank|invalid\"",
        ),
        /// Decisions recorded.
        Recorded => (
            "Đã ghi {count} quyết định; còn {left} mục chờ xác nhận.",
            "{count} decisions recorded; {left} items still wait.",
        ),
        /// A `--set` that does not read.
        BadSet => (
            "--set \"{spec}\" không đúng dạng MÃ_PHIẾU:MỤC=satisfied|dissatisfied|blank|invalid (ví dụ \"HL1/XA-NTM/04000/03/00127/2025-10/7K:3=satisfied\")",
            "--set \"{spec}\" is not BALLOT_ID:ITEM=satisfied|dissatisfied|blank|invalid (e.g. \"HL1/XA-NTM/04000/03/00127/2025-10/7K:3=satisfied\")",
        ),
        /// A decision for an item that is not in the queue.
        NotInQueue => (
            "mục {item} của phiếu {id} không có trong hàng chờ xác nhận{scope}: xem danh sách bằng hailong review",
            "item {item} of ballot {id} is not in the review queue{scope}: list it with hailong review",
        ),
        /// A typed id that does not check.
        BadTypedId => (
            "mã phiếu \"{id}\" không đúng (sai dạng hoặc sai ký tự kiểm tra): gõ lại đúng mã in dưới mã QR, ví dụ HL1/XA-NTM/04123/01/00002//BK",
            "ballot id \"{id}\" is wrong (its shape or check characters): type again the id printed under the QR code, e.g. HL1/XA-NTM/04123/01/00002//BK",
        ),
        /// A page not in the queue.
        PageNotInQueue => (
            "trang {page} của tệp {file} không có trong hàng chờ nhập mã: xem danh sách bằng hailong review",
            "page {page} of {file} is not waiting for its id: list the queue with hailong review",
        ),
        /// The typed id was used but the page still did not read.
        TypedUnread => (
            "Chưa đọc được trang với mã đã gõ; trang vẫn chờ. Chụp lại trang rồi nhập lại tệp.",
            "The page did not read with the typed id; it still waits. Photograph it again and import the file again.",
        ),
        /// The typed id read the page.
        TypedRead => (
            "Đã đọc trang với mã {id}; {left} mục chờ xác nhận.",
            "Read the page as ballot {id}; {left} items wait for review.",
        ),
        /// Scope of a commune account.
        OfCommune => (" của {commune}", " of {commune}"),

        // Scores and dossiers while items wait.
        /// The first line of a score.
        Provisional => (
            "{items} mục chờ xác nhận, {pages} trang chưa nhận ra (phiếu chụp ảnh) ở {commune}: kết quả là tạm tính, các mục này đang để trống. Xác nhận: hailong review --commune \"{commune}\"",
            "{items} items wait for review, {pages} pages not identified (photographed ballots) in {commune}: the result is provisional, those items count as blank. Decide them: hailong review --commune \"{commune}\"",
        ),
        /// A dossier refused while items wait.
        DossierWaits => (
            "Chưa lập hồ sơ cho {commune}: còn {count} mục phiếu chụp ảnh chờ xác nhận. Xác nhận hết (hailong review --commune \"{commune}\") rồi lập lại",
            "No dossier for {commune} yet: {count} items of photographed ballots wait for review. Decide them (hailong review --commune \"{commune}\") and export again",
        ),
    }
}

impl ReviewText {
    /// The words for a reason code the reader or the importer wrote.
    pub fn reason(code: &str) -> ReviewText {
        match code {
            "both_marked" => ReviewText::BothMarked,
            "faint" => ReviewText::Faint,
            "around_box" => ReviewText::AroundBox,
            "smudge" => ReviewText::Smudge,
            "unsure" => ReviewText::Unsure,
            "not_an_image" => ReviewText::NotAnImage,
            "no_fiducials" => ReviewText::NoFiducials,
            "no_id" => ReviewText::NoId,
            "id_check_failed" => ReviewText::IdCheckFailed,
            "unknown_form" => ReviewText::UnknownForm,
            "unknown_ballot" => ReviewText::UnknownBallot,
            "serial_beyond_issued" => ReviewText::SerialBeyondIssued,
            "other_commune" => ReviewText::OtherCommune,
            "too_large" => ReviewText::TooLarge,
            "pdf_without_image" => ReviewText::PdfWithoutImage,
            _ => ReviewText::OtherReason,
        }
    }
}
