//! The words of a commune's score report: the verdict, the text report `score --commune`
//! prints, and the criteria and readiness details a score carries.
//!
//! The verdict word lives here once ([`ReportText::verdict`]): every report, table and message
//! that says whether a commune passed takes it from here.

use super::Lang;
use std::fmt;

crate::catalogue! {
    /// Every text of the score report, both languages side by side.
    pub enum ReportText {
        // The verdict: one pair, the same word everywhere.
        /// A commune whose every check passes.
        Passed => ("ĐẠT", "PASSED"),
        /// A commune with a check that does not pass.
        NotPassed => ("KHÔNG ĐẠT", "NOT PASSED"),

        // The checks a rule pack can set.
        /// [`crate::rules::CheckKind::ParticipationCommune`].
        CheckParticipationCommune => ("Tỷ lệ hộ tham gia toàn xã", "Participation, whole commune"),
        /// [`crate::rules::CheckKind::ParticipationArea`].
        CheckParticipationArea => (
            "Tỷ lệ hộ tham gia thấp nhất của khu dân cư",
            "Lowest participation of an area",
        ),
        /// [`crate::rules::CheckKind::OverallMin`].
        CheckOverallMin => ("Tỷ lệ hài lòng câu hỏi chung", "Overall item satisfied"),
        /// [`crate::rules::CheckKind::ContentMeanMin`].
        CheckContentMeanMin => (
            "Bình quân tỷ lệ hài lòng các nội dung",
            "Mean of content items",
        ),
        /// [`crate::rules::CheckKind::ItemFloor`].
        CheckItemFloor => ("Nội dung có tỷ lệ hài lòng thấp nhất", "Lowest content item"),
        /// [`crate::rules::CheckKind::AreaItemFloor`].
        CheckAreaItemFloor => (
            "Tỷ lệ hài lòng thấp nhất của một câu ở một khu dân cư",
            "Lowest item rate in an area",
        ),
        /// [`crate::rules::CheckKind::PooledMin`].
        CheckPooledMin => (
            "Tỷ lệ hài lòng chung của mọi câu trả lời các nội dung",
            "Pooled rate of all content answers",
        ),

        // The grounds on which a pack counts a form invalid.
        /// Every item blank (a count of forms).
        GroundAllBlank => ("để trống tất cả các câu", "every item blank"),
        /// An invalid answer.
        GroundInvalidItem => ("có câu trả lời không hợp lệ", "an invalid answer"),
        /// Both options of an item marked.
        GroundDoubleMarked => ("có câu đánh dấu cả hai ô", "an item with both options marked"),
        /// Marked invalid by the commune.
        GroundMarked => ("xã ghi là không hợp lệ", "marked invalid by the commune"),
        /// The rule itself, for the report: which forms are invalid, on whose authority.
        InvalidFormRule => (
            "Phiếu không hợp lệ: {grounds} — nguồn: {source}{unverified}",
            "Invalid forms: {grounds} — source: {source}{unverified}",
        ),
        /// The grounds as that rule lists them.
        RuleAllBlank => ("phiếu để trống tất cả các câu", "forms with every item blank"),
        /// An invalid answer, in the rule.
        RuleInvalidItem => ("phiếu có câu trả lời không hợp lệ", "forms with an invalid answer"),
        /// Both options marked, in the rule.
        RuleDoubleMarked => (
            "phiếu có câu đánh dấu cả hai ô",
            "forms with an item whose two options are marked",
        ),
        /// Marked by the commune, in the rule.
        RuleMarked => ("phiếu xã ghi là không hợp lệ", "forms the commune marked invalid"),
        /// A pack that invalidates no form.
        NoFormInvalid => ("không loại phiếu nào", "no form is invalid"),
        /// Marks a rule not checked against its source.
        UnverifiedMark => (" (chưa xác minh)", " (not verified)"),

        // The head of the report.
        /// The rule pack the score follows.
        RulePackLine => ("Bộ quy tắc: {title} ({id})", "Rule pack: {title} ({id})"),
        /// Warns that the verdict rests on something unverified.
        UnverifiedVerdict => (
            "LƯU Ý: kết luận dựa trên ngưỡng hoặc quy tắc chưa xác minh với văn bản gốc (các dòng ghi CHƯA XÁC MINH).",
            "NOTE: the verdict relies on thresholds or rules not verified against their source (lines marked NOT VERIFIED).",
        ),
        /// The verdict and its one-line summary.
        VerdictLine => ("Kết luận: {verdict} — {summary}", "Verdict: {verdict} — {summary}"),
        /// Summary of a verdict whose checks all pass.
        AllChecksPassed => (
            "Đạt: {total}/{total} điều kiện",
            "Passed: {total}/{total} conditions",
        ),
        /// Summary of a verdict with failing checks, listed in `{checks}`.
        ChecksFailed => (
            "Không đạt {failing}/{total} điều kiện: {checks}",
            "{failing} of {total} conditions not met: {checks}",
        ),
        /// Participation.
        HouseholdsLine => (
            "Hộ tham gia: {surveyed} / {total} hộ = {rate}%",
            "Households surveyed: {surveyed} / {total} households = {rate}%",
        ),
        /// Forms returned, counted and invalid.
        FormsLine => (
            "Phiếu: {returned} thu về, {counted} hợp lệ, {invalid} không hợp lệ",
            "Forms: {returned} returned, {counted} counted, {invalid} invalid",
        ),
        /// The invalid forms by ground, listed in `{grounds}`.
        InvalidByGround => (
            "Phiếu không hợp lệ theo căn cứ: {grounds}",
            "Invalid forms by ground: {grounds}",
        ),

        // The table of items.
        /// Column: item number.
        ItemColumn => ("Câu", "Item"),
        /// Column: the item's statement.
        StatementColumn => ("Nội dung", "Statement"),
        /// Column: satisfied answers.
        SatisfiedColumn => ("Hài lòng", "Satisfied"),
        /// Column: not satisfied answers.
        NotSatisfiedColumn => ("Không HL", "Not sat."),
        /// Column: blank answers.
        BlankColumn => ("Trống", "Blank"),
        /// Marks the overall item in the table.
        OverallTag => ("[Chung]", "[Overall]"),
        /// The overall item and the mean of the content items.
        MeansLine => (
            "Câu hỏi chung: {overall}%   Bình quân các nội dung: {mean}%",
            "Overall item: {overall}%   Mean of content items: {mean}%",
        ),
        /// The pooled rate with what is outside its denominator.
        PooledLine => (
            "Tỷ lệ hài lòng chung của các câu trả lời nội dung: {satisfied} / {answers} = {rate}% (không tính {blank} câu để trống, {invalid} câu không hợp lệ)",
            "Pooled rate of content answers: {satisfied} / {answers} = {rate}% (leaving out {blank} blank and {invalid} invalid answers)",
        ),
        /// Forms with a dissatisfied content item, and other opinions.
        DissatisfiedLine => (
            "Phiếu có ít nhất một nội dung không hài lòng: {forms}   Ý kiến khác: {opinions} ({rate}%)",
            "Forms with a content item not satisfied: {forms}   Other opinions: {opinions} ({rate}%)",
        ),

        /// The participation line of a comparison of rounds.
        Participation => ("Tỷ lệ hộ tham gia", "Participation"),

        // The table of areas.
        /// Column: residential area.
        AreaColumn => ("Khu dân cư", "Residential area"),
        /// Column: households of the area.
        HouseholdsColumn => ("Số hộ", "Househ."),
        /// Column: households surveyed.
        SurveyedColumn => ("Tham gia", "Surveyed"),
        /// Column: the area's overall rate.
        AreaOverallColumn => ("HL chung %", "Overall %"),

        // The checks.
        /// Heading of the checks.
        Checks => ("Điều kiện", "Checks"),
        /// Marks a rule, target or condition not verified against its source.
        NotVerified => ("(CHƯA XÁC MINH)", "(NOT VERIFIED)"),
        /// A check no document sets, not applied.
        NoSourceLine => (
            "{label}: {threshold}% — KHÔNG CÓ NGUỒN, không áp dụng: {source}",
            "{label}: {threshold}% — NO SOURCE, not applied: {source}",
        ),
        /// A check's margin, when it passes.
        MarginSpare => ("dư {count} {unit}", "{count} {unit} to spare"),
        /// A check's margin, when it fails.
        MarginShort => ("thiếu {count} {unit}", "{count} {unit} short"),
        /// A check met with nothing to spare.
        MarginExact => ("vừa đủ", "just enough"),
        /// Unit of a margin.
        MarginHouseholds => ("hộ", "households"),
        /// Unit of a margin of one.
        MarginHousehold => ("hộ", "household"),
        /// Unit of a margin.
        MarginAnswers => ("câu trả lời", "answers"),
        /// Unit of a margin of one.
        MarginAnswer => ("câu trả lời", "answer"),

        // The statistics.
        /// Heading of the statistics.
        StatisticsHeading => (
            "Thống kê tham khảo (không phải số liệu chính thức, không dùng để kết luận):",
            "Statistics for reference (not the official figure, not used in the verdict):",
        ),
        /// The interval and the worst case of the overall item.
        StatisticsLine => (
            "Câu hỏi chung, khoảng tin cậy 95% (có hiệu chỉnh tổng thể hữu hạn): [{low}%; {high}%]   nếu mọi hộ chưa tham gia đều không hài lòng: {worst}%",
            "Overall item, 95% interval (finite population corrected): [{low}%; {high}%]   if every household not surveyed were not satisfied: {worst}%",
        ),

        // The criteria.
        /// No self-assessment imported.
        NoCriteria => (
            "Tiêu chí: chưa nhập bảng tự đánh giá (hailong template --criteria <bộ tiêu chí> --commune <xã>, điền rồi hailong import).",
            "Criteria: no self-assessment imported (hailong template --criteria <set> --commune <commune>, fill it in, then hailong import).",
        ),
        /// Heading of the criteria; `{group}` is " — group" or empty.
        CriteriaHeading => (
            "KẾT QUẢ THỰC HIỆN TIÊU CHÍ — {title} ({set}){group}",
            "CRITERIA RESULTS — {title} ({set}){group}",
        ),
        /// The criteria summary under the heading.
        CriteriaSummaryLine => ("Tổng hợp: {summary}", "Summary: {summary}"),
        /// Criteria and indicators met.
        CriteriaSummary => (
            "đạt {criteria_met}/{criteria_total} tiêu chí, {indicators_met}/{indicators_total} chỉ tiêu",
            "{criteria_met}/{criteria_total} criteria and {indicators_met}/{indicators_total} indicators met",
        ),
        /// The decision states more indicators than the data lists.
        IndicatorsStated => (
            "LƯU Ý: văn bản quy định {stated} chỉ tiêu; dữ liệu của hailong mới có {listed} dòng (tiêu chí chưa có chỉ tiêu được đánh giá theo cả tiêu chí).",
            "NOTE: the decision states {stated} indicators; hailong's data lists {listed} rows (criteria without indicators are assessed as a whole).",
        ),
        /// Some targets are unverified.
        UnverifiedTargets => (
            "LƯU Ý: có chỉ tiêu quy định chưa đối chiếu văn bản gốc (ghi CHƯA XÁC MINH).",
            "NOTE: some targets are not verified against the official text (marked NOT VERIFIED).",
        ),
        /// One indicator; `{code}` comes padded.
        IndicatorLine => (
            "{code} chỉ tiêu: {target} | kết quả: {result} | tự đánh giá: {own} | {agrees}{unverified}",
            "{code} target: {target} | result: {result} | self-assessed: {own} | {agrees}{unverified}",
        ),
        /// The commune assessed the indicator met.
        AssessedMet => ("Đạt", "met"),
        /// The commune assessed the indicator not met.
        AssessedNotMet => ("Chưa đạt", "not met"),
        /// The commune did not assess the indicator.
        NotAssessed => ("chưa đánh giá", "not assessed"),
        /// hailong's reading agrees with the self-assessment.
        Agrees => ("hailong đồng ý", "hailong agrees"),
        /// hailong's reading contradicts the self-assessment.
        Contradicted => ("MÂU THUẪN với kết quả", "CONTRADICTED by the result"),
        /// hailong cannot read the result.
        CannotRead => ("hailong không đọc được", "hailong cannot read it"),
        /// The result cell is blank.
        BlankResult => ("(trống)", "(blank)"),
        /// The indicator is missing from the workbook.
        MissingResult => ("(THIẾU trong tệp)", "(MISSING from the file)"),

        // Readiness.
        /// Heading of the readiness, with its short status.
        ReadinessHeading => (
            "SẴN SÀNG ĐỀ NGHỊ CÔNG NHẬN: {status}",
            "READY FOR RECOGNITION: {status}",
        ),
        /// Short status: ready.
        Ready => ("SẴN SÀNG", "READY"),
        /// Short status: not ready, with what is lacking.
        NotYet => ("CHƯA: thiếu {lacking}", "NOT YET: lacks {lacking}"),
        /// Condition detail: no self-assessment imported.
        NoSelfAssessment => (
            "chưa nhập bảng tự đánh giá kết quả thực hiện tiêu chí",
            "no self-assessment of the criteria imported",
        ),
        /// Condition detail: no self-assessment for the set the form needs, others imported.
        NoSelfAssessmentForSet => (
            "chưa nhập bảng tự đánh giá theo bộ tiêu chí {set} của mẫu phiếu {form} (đã nhập bộ {others})",
            "no self-assessment for criteria set {set} of form {form} (imported: {others})",
        ),
        /// Condition detail: the criteria summary and the criteria not met.
        CriteriaNotMet => (
            "{summary}; chưa đạt tiêu chí {unmet}",
            "{summary}; not met: criteria {unmet}",
        ),
        /// Condition detail: no survey yet.
        NoSurveyResults => (
            "chưa có kết quả khảo sát sự hài lòng",
            "no satisfaction survey results",
        ),
        /// Condition detail: the public postings found.
        Postings => (
            "{count} lần công khai trong {window} ngày{span}, cần ít nhất {min}; tổng số lần ghi: {recorded}{unread}",
            "{count} postings within {window} days{span}, at least {min} needed; postings recorded: {recorded}{unread}",
        ),
        /// The postings' window, in [`ReportText::Postings`].
        PostingSpan => (" (từ {first} đến {last})", " ({first} to {last})"),
        /// Postings whose date does not read, in [`ReportText::Postings`].
        PostingsUnread => (
            "; {count} lần không đọc được ngày",
            "; {count} without a readable date",
        ),
        /// Condition detail: not declared.
        NotDeclared => (
            "chưa kê khai trong bảng tự đánh giá",
            "not declared in the self-assessment",
        ),
        /// Condition detail: declared not met.
        DeclaredNotMet => ("xã kê khai: chưa đạt", "declared not met"),
        /// Condition detail: declared met without a document.
        DeclaredWithoutDocument => (
            "xã kê khai đạt nhưng chưa nêu văn bản xác nhận",
            "declared met, but no attesting document is named",
        ),
        /// Condition detail: declared met, with its document.
        DeclaredMet => (
            "xã kê khai đạt; văn bản: {document}",
            "declared met; document: {document}",
        ),
    }
}

impl ReportText {
    /// The verdict word: [`ReportText::Passed`] or [`ReportText::NotPassed`].
    pub fn verdict(passed: bool) -> ReportText {
        if passed {
            ReportText::Passed
        } else {
            ReportText::NotPassed
        }
    }

    /// The message filled in both languages, (Vietnamese, English), for results that carry
    /// both.
    pub fn both(self, values: &[(&str, &dyn fmt::Display)]) -> (String, String) {
        (self.say(Lang::Vi, values), self.say(Lang::En, values))
    }
}
