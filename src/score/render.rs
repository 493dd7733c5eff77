//! The human-readable score of a commune: a plain-text table in Vietnamese (or English).
//!
//! Every rate shown comes from the exact value rounded half-up (`display`); this module only
//! lays out what [`super::CommuneScore`] already holds.

use super::CommuneScore;
use crate::i18n::{Lang, pick};
use crate::num::count;

fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

fn lpad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        s.to_string()
    } else {
        format!("{}{s}", " ".repeat(w - n))
    }
}

fn cut(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(w - 1).collect::<String>())
    }
}

/// The score as a text report.
pub fn text(s: &CommuneScore, lang: Lang) -> String {
    let t = |vi: &str, en: &str| pick(lang, vi, en);
    let mut o = String::new();
    let verdict = if s.verdict.passed {
        t("ĐẠT", "PASSED")
    } else {
        t("KHÔNG ĐẠT", "NOT PASSED")
    };
    o.push_str(&format!("{} — {}\n", s.commune, s.form_title));
    o.push_str(&format!(
        "{}: {} ({})\n",
        t("Bộ quy tắc", "Rule pack"),
        s.rule_pack_title,
        s.rule_pack
    ));
    if s.verdict.relies_on_unverified {
        o.push_str(&t(
            "LƯU Ý: kết luận dựa trên ngưỡng hoặc quy tắc chưa xác minh với văn bản gốc (các dòng ghi CHƯA XÁC MINH).\n",
            "NOTE: the verdict relies on thresholds or rules not verified against their source (lines marked NOT VERIFIED).\n",
        ));
    }
    o.push_str(&format!(
        "{}: {verdict} — {}\n\n",
        t("Kết luận", "Verdict"),
        summary(s, lang)
    ));
    o.push_str(&format!(
        "{}: {} / {} {} = {}%\n",
        t("Hộ tham gia", "Households surveyed"),
        count(s.households.surveyed),
        count(s.households.total),
        t("hộ", "households"),
        s.households.rate_display
    ));
    o.push_str(&format!(
        "{}: {} {}, {} {}, {} {}\n",
        t("Phiếu", "Forms"),
        count(s.forms.returned),
        t("thu về", "returned"),
        count(s.forms.counted),
        t("hợp lệ", "counted"),
        count(s.forms.invalid),
        t("không hợp lệ", "invalid")
    ));
    let grounds = s.forms.invalid_by_ground.listed();
    if !grounds.is_empty() {
        let parts: Vec<String> = grounds
            .iter()
            .map(|(vi, en, n)| format!("{}: {}", t(vi, en), count(*n)))
            .collect();
        o.push_str(&format!(
            "{}: {}\n",
            t("Phiếu không hợp lệ theo căn cứ", "Invalid forms by ground"),
            parts.join("; ")
        ));
    }
    o.push_str(&format!("{}\n\n", s.invalid_form_rule));

    o.push_str(&format!(
        "{} {} {} {} {} {} {}\n",
        lpad(&t("Câu", "Item"), 4),
        pad(&t("Nội dung", "Statement"), 44),
        lpad(&t("Hài lòng", "Satisfied"), 9),
        lpad("%", 7),
        lpad(&t("Không HL", "Not sat."), 9),
        lpad("%", 7),
        lpad(&t("Trống", "Blank"), 7)
    ));
    for it in &s.items {
        let label = if it.criterion.is_empty() {
            format!("{} {}", t("[Chung]", "[Overall]"), it.statement)
        } else {
            it.statement.clone()
        };
        o.push_str(&format!(
            "{} {} {} {} {} {} {}\n",
            lpad(&it.number.to_string(), 4),
            pad(&cut(&label, 44), 44),
            lpad(&count(it.satisfied), 9),
            lpad(&it.rate_display, 7),
            lpad(&count(it.dissatisfied), 9),
            lpad(&it.dissatisfied_display, 7),
            lpad(&count(it.blank + it.invalid), 7)
        ));
    }
    o.push_str(&format!(
        "\n{}: {}%   {}: {}%\n",
        t("Câu hỏi chung", "Overall item"),
        s.overall.rate_display,
        t("Bình quân các nội dung", "Mean of content items"),
        s.content_mean_display
    ));
    o.push_str(&format!("{}\n", pooled_line(s, lang)));
    o.push_str(&format!(
        "{}: {}   {}: {} ({}%)\n\n",
        t(
            "Phiếu có ít nhất một nội dung không hài lòng",
            "Forms with a content item not satisfied"
        ),
        count(s.forms_with_any_dissatisfied),
        t("Ý kiến khác", "Other opinions"),
        count(s.other_opinions),
        s.other_opinions_display
    ));

    o.push_str(&format!(
        "{} {} {} {} {}\n",
        pad(&t("Khu dân cư", "Residential area"), 28),
        lpad(&t("Số hộ", "Househ."), 8),
        lpad(&t("Tham gia", "Surveyed"), 9),
        lpad("%", 7),
        lpad(&t("HL chung %", "Overall %"), 11)
    ));
    for a in &s.areas {
        o.push_str(&format!(
            "{} {} {} {} {}\n",
            pad(&cut(&a.name, 28), 28),
            lpad(&count(a.households_total), 8),
            lpad(&count(a.surveyed), 9),
            lpad(&a.rate_display, 7),
            lpad(&a.overall_rate_display, 11)
        ));
    }

    o.push_str(&format!("\n{}\n", t("Điều kiện", "Checks")));
    for c in &s.verdict.checks {
        let label = if lang == Lang::En {
            c.check.label().1.to_string()
        } else {
            c.label.clone()
        };
        let subject = c
            .subject
            .as_ref()
            .map(|x| format!(" [{x}]"))
            .unwrap_or_default();
        o.push_str(&format!(
            "  {} {}{}: {}% {} {}% ({}) — {}{}\n",
            if c.passed { "✔" } else { "✘" },
            label,
            subject,
            c.value_display,
            if c.passed { "≥" } else { "<" },
            c.threshold_display,
            margin_text(c, lang),
            c.source,
            if c.verified {
                String::new()
            } else {
                t(" (CHƯA XÁC MINH)", " (NOT VERIFIED)")
            }
        ));
    }
    for c in &s.verdict.no_source {
        let label = if lang == Lang::En {
            c.check.label().1.to_string()
        } else {
            c.label.clone()
        };
        o.push_str(&format!(
            "  – {label}: {}% — {}: {}\n",
            c.threshold_display,
            t("KHÔNG CÓ NGUỒN, không áp dụng", "NO SOURCE, not applied"),
            c.source
        ));
    }
    if let Some(st) = &s.overall.statistics {
        o.push_str(&format!(
            "\n{}\n  {}: [{}%; {}%]   {}: {}%\n",
            t(
                "Thống kê tham khảo (không phải số liệu chính thức, không dùng để kết luận):",
                "Statistics for reference (not the official figure, not used in the verdict):"
            ),
            t(
                "Câu hỏi chung, khoảng tin cậy 95% (có hiệu chỉnh tổng thể hữu hạn)",
                "Overall item, 95% interval (finite population corrected)"
            ),
            fmt_f(st.ci95_low_pct),
            fmt_f(st.ci95_high_pct),
            t(
                "nếu mọi hộ chưa tham gia đều không hài lòng",
                "if every household not surveyed were not satisfied"
            ),
            fmt_f(st.worst_case_pct)
        ));
    }
    o.push_str(&criteria_text(s, lang));
    o
}

/// The criteria section and the readiness verdict of a commune's score.
pub fn criteria_text(s: &CommuneScore, lang: Lang) -> String {
    readiness_text(s.criteria.as_ref(), s.readiness.as_ref(), lang)
}

/// The criteria section and the readiness verdict, with or without a survey.
pub fn readiness_text(
    criteria: Option<&super::criteria::CriteriaReport>,
    readiness: Option<&super::criteria::Readiness>,
    lang: Lang,
) -> String {
    let t = |vi: &str, en: &str| pick(lang, vi, en);
    let unverified = || t(" (CHƯA XÁC MINH)", " (NOT VERIFIED)");
    let mut o = String::new();
    match criteria {
        None => o.push_str(&format!(
            "\n{}\n",
            t(
                "Tiêu chí: chưa nhập bảng tự đánh giá (hailong template --criteria <bộ tiêu chí> --commune <xã>, điền rồi hailong import).",
                "Criteria: no self-assessment imported (hailong template --criteria <set> --commune <commune>, fill it in, then hailong import)."
            )
        )),
        Some(c) => {
            let (vi, en) = c.summary_line();
            o.push_str(&format!(
                "\n{} — {} ({}){}\n{}: {}\n",
                t("KẾT QUẢ THỰC HIỆN TIÊU CHÍ", "CRITERIA RESULTS"),
                c.set_title,
                c.set,
                c.region_or_group
                    .as_ref()
                    .map(|g| format!(" — {g}"))
                    .unwrap_or_default(),
                t("Tổng hợp", "Summary"),
                pick(lang, vi, en)
            ));
            if let Some(n) = c.indicators_stated {
                o.push_str(&format!(
                    "{}\n",
                    pick(
                        lang,
                        format!("LƯU Ý: văn bản quy định {n} chỉ tiêu; dữ liệu của hailong mới có {} dòng (tiêu chí chưa có chỉ tiêu được đánh giá theo cả tiêu chí).", c.indicators_total),
                        format!("NOTE: the decision states {n} indicators; hailong's data lists {} rows (criteria without indicators are assessed as a whole).", c.indicators_total)
                    )
                ));
            }
            if c.any_unverified {
                o.push_str(&t(
                    "LƯU Ý: có chỉ tiêu quy định chưa đối chiếu văn bản gốc (ghi CHƯA XÁC MINH).\n",
                    "NOTE: some targets are not verified against the official text (marked NOT VERIFIED).\n",
                ));
            }
            for cr in &c.criteria {
                o.push_str(&format!(
                    "  {} {} {}\n",
                    if cr.met { "✔" } else { "✘" },
                    cr.code,
                    cr.name
                ));
                for i in &cr.indicators {
                    let own = match i.self_assessed {
                        Some(true) => t("Đạt", "met"),
                        Some(false) => t("Chưa đạt", "not met"),
                        None => t("chưa đánh giá", "not assessed"),
                    };
                    let agrees = match i.agrees {
                        Some(true) => t("hailong đồng ý", "hailong agrees"),
                        Some(false) => t("MÂU THUẪN với kết quả", "CONTRADICTED by the result"),
                        None => t("hailong không đọc được", "hailong cannot read it"),
                    };
                    let result = match &i.result {
                        Some(r) if !r.is_empty() => r.clone(),
                        Some(_) => t("(trống)", "(blank)"),
                        None => t("(THIẾU trong tệp)", "(MISSING from the file)"),
                    };
                    o.push_str(&format!(
                        "      {} {:<6} {}: {} | {}: {} | {}: {} | {}{}\n",
                        if i.met { "✔" } else { "✘" },
                        i.code,
                        t("chỉ tiêu", "target"),
                        i.target,
                        t("kết quả", "result"),
                        result,
                        t("tự đánh giá", "self-assessed"),
                        own,
                        agrees,
                        if i.verified { String::new() } else { unverified() }
                    ));
                }
            }
        }
    }
    if let Some(r) = readiness {
        let (vi, en) = r.short_text();
        o.push_str(&format!(
            "\n{}: {}\n",
            t("SẴN SÀNG ĐỀ NGHỊ CÔNG NHẬN", "READY FOR RECOGNITION"),
            pick(lang, vi, en)
        ));
        for c in &r.conditions {
            o.push_str(&format!(
                "  {} {}: {} — {}{}\n",
                if c.met { "✔" } else { "✘" },
                pick(lang, c.condition.as_str(), c.condition_en.as_str()),
                pick(lang, c.detail.as_str(), c.detail_en.as_str()),
                c.source,
                if c.verified {
                    String::new()
                } else {
                    unverified()
                }
            ));
        }
    }
    o
}

/// The pooled rate with what is outside its denominator: "2.216 / 2.256 = 98,23% (…)".
pub fn pooled_line(s: &CommuneScore, lang: Lang) -> String {
    let p = &s.pooled;
    pick(
        lang,
        format!(
            "Tỷ lệ hài lòng chung của các câu trả lời nội dung: {} / {} = {}% (không tính {} câu để trống, {} câu không hợp lệ)",
            count(p.satisfied),
            count(p.answers),
            p.rate_display,
            count(p.blank),
            count(p.invalid)
        ),
        format!(
            "Pooled rate of content answers: {} / {} = {}% (leaving out {} blank and {} invalid answers)",
            count(p.satisfied),
            count(p.answers),
            p.rate_display,
            count(p.blank),
            count(p.invalid)
        ),
    )
}

/// A float shown the Vietnamese way with two decimals (statistics only, never official rates).
fn fmt_f(x: f64) -> String {
    format!("{x:.2}").replace('.', ",")
}

/// "dư 12 hộ" / "thiếu 3 hộ" and the English equivalents.
pub fn margin_text(c: &super::CheckResult, lang: Lang) -> String {
    let unit = match (c.margin_unit, lang) {
        (super::verdict::MarginUnit::Households, Lang::Vi) => "hộ",
        (super::verdict::MarginUnit::Answers, Lang::Vi) => "câu trả lời",
        (super::verdict::MarginUnit::Households, Lang::En) => "households",
        (super::verdict::MarginUnit::Answers, Lang::En) => "answers",
    };
    let m = c.margin_households;
    match (m >= 0, lang) {
        (true, Lang::Vi) => format!("dư {} {unit}", count(m as u64)),
        (false, Lang::Vi) => format!("thiếu {} {unit}", count(m.unsigned_abs())),
        (true, Lang::En) => format!("{} {unit} to spare", m),
        (false, Lang::En) => format!("{} {unit} short", m.unsigned_abs()),
    }
}

/// "Đạt: 5/5 điều kiện" or the failing conditions and by how much.
pub fn summary(s: &CommuneScore, lang: Lang) -> String {
    let total = s.verdict.checks.len();
    let failing: Vec<&super::CheckResult> = s.verdict.checks.iter().filter(|c| !c.passed).collect();
    if failing.is_empty() {
        return pick(
            lang,
            format!("Đạt: {total}/{total} điều kiện"),
            format!("Passed: {total}/{total} conditions"),
        );
    }
    let parts: Vec<String> = failing
        .iter()
        .map(|c| {
            let label = if lang == Lang::En {
                c.check.label().1.to_string()
            } else {
                c.label.clone()
            };
            format!(
                "{label} {}% < {}% ({})",
                c.value_display,
                c.threshold_display,
                margin_text(c, lang)
            )
        })
        .collect();
    pick(
        lang,
        format!(
            "Không đạt {}/{total} điều kiện: {}",
            failing.len(),
            parts.join("; ")
        ),
        format!(
            "Failed {}/{total} conditions: {}",
            failing.len(),
            parts.join("; ")
        ),
    )
}
