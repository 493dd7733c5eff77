//! The human-readable score of a commune: a plain-text table in Vietnamese (or English).
//!
//! Every rate shown comes from the exact value rounded half-up (`display`); this module only
//! lays out what [`super::CommuneScore`] already holds.

use super::CommuneScore;
use crate::i18n::{Lang, ReportText as R, pick};
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
    let mut o = awaiting_line(s, lang);
    o.push_str(&heading_text(s, lang));
    o.push_str(&items_text(s, lang));
    o.push_str(&means_text(s, lang));
    o.push_str(&areas_text(s, lang));
    o.push_str(&checks_text(s, lang));
    o.push_str(&criteria_text(s, lang));
    o
}

/// "N mục chờ xác nhận …": said before anything else while photographed ballots wait for a
/// person, since every figure after it is provisional; empty otherwise.
pub fn awaiting_line(s: &CommuneScore, lang: Lang) -> String {
    if !s.awaiting_review.any() {
        return String::new();
    }
    let w = s.awaiting_review;
    format!(
        "{}\n",
        crate::i18n::ReviewText::Provisional.say(
            lang,
            &[
                ("items", &w.items),
                ("pages", &w.pages),
                ("commune", &s.commune)
            ],
        )
    )
}

/// The report's opening: commune and form, rule pack, verdict, households and forms counted.
fn heading_text(s: &CommuneScore, lang: Lang) -> String {
    let t = |r: R| r.text(lang);
    let mut o = String::new();
    o.push_str(&format!("{} — {}\n", s.commune, s.form_title));
    o.push_str(&format!(
        "{}\n",
        R::RulePackLine.fill(lang, &[("title", &s.rule_pack_title), ("id", &s.rule_pack)])
    ));
    if s.verdict.relies_on_unverified {
        o.push_str(&format!("{}\n", t(R::UnverifiedVerdict)));
    }
    o.push_str(&format!(
        "{}\n\n",
        R::VerdictLine.fill(
            lang,
            &[
                ("verdict", t(R::verdict(s.verdict.passed))),
                ("summary", &summary(s, lang)),
            ],
        )
    ));
    o.push_str(&format!(
        "{}\n",
        R::HouseholdsLine.fill(
            lang,
            &[
                ("surveyed", &count(s.households.surveyed)),
                ("total", &count(s.households.total)),
                ("rate", &s.households.rate.to_string()),
            ],
        )
    ));
    o.push_str(&format!(
        "{}\n",
        R::FormsLine.fill(
            lang,
            &[
                ("returned", &count(s.forms.returned)),
                ("counted", &count(s.forms.counted)),
                ("invalid", &count(s.forms.invalid)),
            ],
        )
    ));
    let grounds = s.forms.invalid_by_ground.listed();
    if !grounds.is_empty() {
        let parts: Vec<String> = grounds
            .iter()
            .map(|(t, n)| format!("{}: {}", t.text(lang), count(*n)))
            .collect();
        o.push_str(&format!(
            "{}\n",
            R::InvalidByGround.fill(lang, &[("grounds", &parts.join("; "))])
        ));
    }
    o.push_str(&format!(
        "{}\n\n",
        super::invalid_form_rule(&s.invalid_form, lang)
    ));
    o
}

/// The table of items: counts and rates of satisfied, not satisfied and blank answers.
fn items_text(s: &CommuneScore, lang: Lang) -> String {
    let t = |r: R| r.text(lang);
    let mut o = format!(
        "{} {} {} {} {} {} {}\n",
        lpad(t(R::ItemColumn), 4),
        pad(t(R::StatementColumn), 44),
        lpad(t(R::SatisfiedColumn), 9),
        lpad("%", 7),
        lpad(t(R::NotSatisfiedColumn), 9),
        lpad("%", 7),
        lpad(t(R::BlankColumn), 7)
    );
    for it in &s.items {
        let label = if it.criterion.is_empty() {
            format!("{} {}", t(R::OverallTag), it.statement)
        } else {
            it.statement.clone()
        };
        o.push_str(&format!(
            "{} {} {} {} {} {} {}\n",
            lpad(&it.number.to_string(), 4),
            pad(&cut(&label, 44), 44),
            lpad(&count(it.satisfied), 9),
            lpad(&it.rate.to_string(), 7),
            lpad(&count(it.dissatisfied), 9),
            lpad(&it.dissatisfied_rate.to_string(), 7),
            lpad(&count(it.blank + it.invalid), 7)
        ));
    }
    o
}

/// The overall and mean rates, the pooled rate, and the dissatisfied forms and other opinions.
fn means_text(s: &CommuneScore, lang: Lang) -> String {
    let mut o = format!(
        "\n{}\n",
        R::MeansLine.fill(
            lang,
            &[
                ("overall", &s.overall.rate.to_string()),
                ("mean", &s.content_mean.to_string()),
            ],
        )
    );
    o.push_str(&format!("{}\n", pooled_line(s, lang)));
    o.push_str(&format!(
        "{}\n\n",
        R::DissatisfiedLine.fill(
            lang,
            &[
                ("forms", &count(s.forms_with_any_dissatisfied)),
                ("opinions", &count(s.other_opinions)),
                ("rate", &s.other_opinions_rate.to_string()),
            ],
        )
    ));
    o
}

/// The table of residential areas: households, surveyed, participation and overall rates.
fn areas_text(s: &CommuneScore, lang: Lang) -> String {
    let t = |r: R| r.text(lang);
    let mut o = format!(
        "{} {} {} {} {}\n",
        pad(t(R::AreaColumn), 28),
        lpad(t(R::HouseholdsColumn), 8),
        lpad(t(R::SurveyedColumn), 9),
        lpad("%", 7),
        lpad(t(R::AreaOverallColumn), 11)
    );
    for a in &s.areas {
        o.push_str(&format!(
            "{} {} {} {} {}\n",
            pad(&cut(&a.name, 28), 28),
            lpad(&count(a.households_total), 8),
            lpad(&count(a.surveyed), 9),
            lpad(&a.rate.to_string(), 7),
            lpad(&a.overall_rate.to_string(), 11)
        ));
    }
    o
}

/// Every check of the verdict, the thresholds no document sets, and the overall rate's
/// statistics when there are some.
fn checks_text(s: &CommuneScore, lang: Lang) -> String {
    let t = |r: R| r.text(lang);
    let mut o = format!("\n{}\n", t(R::Checks));
    for c in &s.verdict.checks {
        let label = c.check.name(lang).to_string();
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
            c.value,
            if c.passed { "≥" } else { "<" },
            c.threshold_display,
            margin_text(c, lang),
            c.source,
            not_verified(c.verified, lang)
        ));
    }
    for c in &s.verdict.no_source {
        let label = c.check.name(lang).to_string();
        o.push_str(&format!(
            "  – {}\n",
            R::NoSourceLine.fill(
                lang,
                &[
                    ("label", &label),
                    ("threshold", &c.threshold_display),
                    ("source", &c.source),
                ],
            )
        ));
    }
    if let Some(st) = &s.overall.statistics {
        o.push_str(&format!(
            "\n{}\n  {}\n",
            t(R::StatisticsHeading),
            R::StatisticsLine.fill(
                lang,
                &[
                    ("low", &fmt_f(st.ci95_low_pct)),
                    ("high", &fmt_f(st.ci95_high_pct)),
                    ("worst", &fmt_f(st.worst_case_pct)),
                ],
            )
        ));
    }
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
    let t = |r: R| r.text(lang);
    let mut o = String::new();
    match criteria {
        None => o.push_str(&format!("\n{}\n", t(R::NoCriteria))),
        Some(c) => {
            let (vi, en) = c.summary_line();
            let group = c
                .region_or_group
                .as_ref()
                .map(|g| format!(" — {g}"))
                .unwrap_or_default();
            o.push_str(&format!(
                "\n{}\n{}\n",
                R::CriteriaHeading.fill(
                    lang,
                    &[("title", &c.set_title), ("set", &c.set), ("group", &group)],
                ),
                R::CriteriaSummaryLine.fill(lang, &[("summary", &pick(lang, vi, en))])
            ));
            if let Some(n) = c.indicators_stated {
                o.push_str(&format!(
                    "{}\n",
                    R::IndicatorsStated
                        .say(lang, &[("stated", &n), ("listed", &c.indicators_total)],)
                ));
            }
            if c.any_unverified {
                o.push_str(&format!("{}\n", t(R::UnverifiedTargets)));
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
                        Some(true) => R::AssessedMet,
                        Some(false) => R::AssessedNotMet,
                        None => R::NotAssessed,
                    };
                    let agrees = match i.agrees {
                        Some(true) => R::Agrees,
                        Some(false) => R::Contradicted,
                        None => R::CannotRead,
                    };
                    let result = match &i.result {
                        Some(r) if !r.is_empty() => r.as_str(),
                        Some(_) => t(R::BlankResult),
                        None => t(R::MissingResult),
                    };
                    o.push_str(&format!(
                        "      {} {}\n",
                        if i.met { "✔" } else { "✘" },
                        R::IndicatorLine.fill(
                            lang,
                            &[
                                ("code", &pad(&i.code, 6)),
                                // No source gives it: a dash, never a guess.
                                ("target", if i.target_known { &i.target } else { "—" }),
                                ("result", result),
                                ("own", t(own)),
                                ("agrees", t(agrees)),
                                ("unverified", &not_verified(i.verified, lang)),
                            ],
                        )
                    ));
                }
            }
        }
    }
    if let Some(r) = readiness {
        let (vi, en) = r.short_text();
        o.push_str(&format!(
            "\n{}\n",
            R::ReadinessHeading.fill(lang, &[("status", &pick(lang, vi, en))])
        ));
        for c in &r.conditions {
            o.push_str(&format!(
                "  {} {}: {} — {}{}\n",
                if c.met { "✔" } else { "✘" },
                pick(lang, c.condition.as_str(), c.condition_en.as_str()),
                pick(lang, c.detail.as_str(), c.detail_en.as_str()),
                c.source,
                not_verified(c.verified, lang)
            ));
        }
    }
    o
}

/// The pooled rate with what is outside its denominator: "2.216 / 2.256 = 98,23% (…)".
pub fn pooled_line(s: &CommuneScore, lang: Lang) -> String {
    let p = &s.pooled;
    R::PooledLine.fill(
        lang,
        &[
            ("satisfied", &count(p.satisfied)),
            ("answers", &count(p.answers)),
            ("rate", &p.rate.to_string()),
            ("blank", &count(p.blank)),
            ("invalid", &count(p.invalid)),
        ],
    )
}

/// " (CHƯA XÁC MINH)" after what is not verified against its source, "" otherwise.
fn not_verified(verified: bool, lang: Lang) -> String {
    if verified {
        String::new()
    } else {
        format!(" {}", R::NotVerified.text(lang))
    }
}

/// A float shown the Vietnamese way with two decimals (statistics only, never official rates).
fn fmt_f(x: f64) -> String {
    format!("{x:.2}").replace('.', ",")
}

/// "dư 12 hộ" / "thiếu 3 hộ" and the English equivalents.
pub fn margin_text(c: &super::CheckResult, lang: Lang) -> String {
    let m = c.margin_households;
    if m == 0 {
        return R::MarginExact.text(lang).to_string();
    }
    let one = m.unsigned_abs() == 1;
    let unit = match (c.margin_unit, one) {
        (super::verdict::MarginUnit::Households, false) => R::MarginHouseholds,
        (super::verdict::MarginUnit::Households, true) => R::MarginHousehold,
        (super::verdict::MarginUnit::Answers, false) => R::MarginAnswers,
        (super::verdict::MarginUnit::Answers, true) => R::MarginAnswer,
    };
    let text = if m > 0 {
        R::MarginSpare
    } else {
        R::MarginShort
    };
    // Vietnamese groups the thousands of a margin, English does not.
    let n = match lang {
        Lang::Vi => count(m.unsigned_abs()),
        Lang::En => m.unsigned_abs().to_string(),
    };
    text.fill(lang, &[("count", &n), ("unit", unit.text(lang))])
}

/// "Đạt: 5/5 điều kiện" or the failing conditions and by how much.
pub fn summary(s: &CommuneScore, lang: Lang) -> String {
    let total = s.verdict.checks.len();
    let failing: Vec<&super::CheckResult> = s.verdict.checks.iter().filter(|c| !c.passed).collect();
    if failing.is_empty() {
        return R::AllChecksPassed.say(lang, &[("total", &total)]);
    }
    let parts: Vec<String> = failing
        .iter()
        .map(|c| {
            let label = c.check.name(lang).to_string();
            format!(
                "{label} {}% < {}% ({})",
                c.value,
                c.threshold_display,
                margin_text(c, lang)
            )
        })
        .collect();
    R::ChecksFailed.say(
        lang,
        &[
            ("failing", &failing.len()),
            ("total", &total),
            ("checks", &parts.join("; ")),
        ],
    )
}

#[cfg(test)]
mod margin_tests {
    use super::*;
    use crate::rules::CheckKind;
    use crate::score::verdict::MarginUnit;
    use rstest::rstest;

    fn check(margin: i64, unit: MarginUnit) -> crate::score::CheckResult {
        crate::score::CheckResult {
            check: CheckKind::OverallMin,
            label: String::new(),
            value: crate::num::Rate::new(crate::num::Ratio::percent_of(9, 10), 2),
            threshold_pct: 90.0,
            threshold_display: "90".into(),
            passed: margin >= 0,
            margin_households: margin,
            margin_unit: unit,
            subject: None,
            source: String::new(),
            verified: true,
            no_source: false,
            pack: String::new(),
        }
    }

    /// Regression (issues #23, #26): "dư 0 hộ" and "1 households short".
    #[rstest]
    #[case(0, MarginUnit::Households, "vừa đủ", "just enough")]
    #[case(1, MarginUnit::Households, "dư 1 hộ", "1 household to spare")]
    #[case(-1, MarginUnit::Households, "thiếu 1 hộ", "1 household short")]
    #[case(-1234, MarginUnit::Households, "thiếu 1.234 hộ", "1234 households short")]
    #[case(-1, MarginUnit::Answers, "thiếu 1 câu trả lời", "1 answer short")]
    #[case(18, MarginUnit::Answers, "dư 18 câu trả lời", "18 answers to spare")]
    fn margins_read_as_words(
        #[case] margin: i64,
        #[case] unit: MarginUnit,
        #[case] vi: &str,
        #[case] en: &str,
    ) {
        let c = check(margin, unit);
        assert_eq!(margin_text(&c, Lang::Vi), vi);
        assert_eq!(margin_text(&c, Lang::En), en);
    }
}
