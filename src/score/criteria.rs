//! Recognition readiness: the criteria results of a commune's self-assessment and the
//! conditions of recognition, judged exactly as the rule pack states them.
//!
//! The self-assessment is the commune's claim; hailong reads each numeric result against its
//! target where it can ([`Target`]) and says whether it agrees. An indicator counts as met only
//! when the commune assessed it "Đạt" and hailong's reading does not contradict it: a dossier
//! must not carry a claim its own figures refute. Pure functions on plain data: no I/O, no
//! polars, no display beyond the bilingual detail texts reports print.

use crate::date::Day;
use crate::i18n::{Lang, ReportText as R};
use crate::model::SelfAssessment;
use crate::rules::schema::ConditionKind;
use crate::rules::target::Target;
use crate::rules::{CriteriaSet, Recognition};
use serde::Serialize;

/// One indicator's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorResult {
    /// Indicator code (the criterion's own code for a whole-criterion row).
    pub code: String,
    /// Indicator text.
    pub name: String,
    /// Target for the commune's region or group, as written; `""` when no source gives it.
    pub target: String,
    /// Whether the set states a target at all. `false`: no source gives it (the shipped draft's
    /// unknown targets): print "—" with the set's unverified note, never a guess, and nothing
    /// is read against it. A target stated in words that hailong cannot read as a figure
    /// ("≥95% hợp vệ sinh (trong đó ≥35% nước sạch)") is known: printed as written.
    pub target_known: bool,
    /// The result entered (`None`: the indicator is missing from the workbook).
    pub result: Option<String>,
    /// The commune's own assessment (`None`: blank or missing).
    pub self_assessed: Option<bool>,
    /// hailong's reading of the result against the target (`None`: cannot tell).
    pub reading: Option<bool>,
    /// Met: assessed "Đạt" and not contradicted by the reading.
    pub met: bool,
    /// Whether the reading agrees with the self-assessment (`None`: no reading or no claim).
    pub agrees: Option<bool>,
    /// Evidence or note entered.
    pub evidence: String,
    /// Where the target is stated.
    pub source: String,
    /// Whether `source` was checked.
    pub verified: bool,
    /// Where the row was read (`Sheet!G12`), "" when missing.
    pub cell: String,
}

/// One criterion's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionResult {
    /// Criterion code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Group code (`I`…`V`, `A`).
    pub group: String,
    /// Group name.
    pub group_name: String,
    /// Every indicator met.
    pub met: bool,
    /// Its indicators.
    pub indicators: Vec<IndicatorResult>,
}

/// The criteria section of a commune's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriteriaReport {
    /// Criteria set id.
    pub set: String,
    /// The self-assessment workbook it was read from (file name), set by the caller.
    pub file: String,
    /// Its title.
    pub set_title: String,
    /// Its legal basis.
    pub legal_basis: String,
    /// The region (2021-2025) or the commune group (2026-2030) whose targets apply.
    pub region_or_group: Option<String>,
    /// Criteria met.
    pub criteria_met: u32,
    /// Criteria in the set.
    pub criteria_total: u32,
    /// Indicators met.
    pub indicators_met: u32,
    /// Indicators assessed (rows of the set's data).
    pub indicators_total: u32,
    /// Indicators the decision states, when the data lists fewer (2026-2030: 47 stated, none
    /// listed yet, so each criterion is assessed as a whole).
    pub indicators_stated: Option<u32>,
    /// Indicators whose self-assessment the figures contradict.
    pub contradictions: u32,
    /// Indicators of the set missing from the workbook.
    pub missing: u32,
    /// Some target is unverified.
    pub any_unverified: bool,
    /// The province's document the set in force was checked against, in words, when the
    /// workspace imported the province's table (`hailong criteria import`); `None` for the
    /// shipped draft. With `any_unverified` false, the dossier prints no unverified note.
    pub document: Option<String>,
    /// The criteria.
    pub criteria: Vec<CriterionResult>,
}

impl CriteriaReport {
    /// Codes of the criteria not met.
    pub fn unmet_criteria(&self) -> Vec<&str> {
        self.criteria
            .iter()
            .filter(|c| !c.met)
            .map(|c| c.code.as_str())
            .collect()
    }

    /// "đạt 19/19 tiêu chí, 57/57 chỉ tiêu" (and its English).
    pub fn summary_line(&self) -> (String, String) {
        R::CriteriaSummary.both(&[
            ("criteria_met", &self.criteria_met),
            ("criteria_total", &self.criteria_total),
            ("indicators_met", &self.indicators_met),
            ("indicators_total", &self.indicators_total),
        ])
    }
}

/// One condition of recognition, judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionResult {
    /// Condition id.
    pub id: String,
    /// How it is judged.
    pub kind: ConditionKind,
    /// The condition, Vietnamese.
    pub condition: String,
    /// The condition, English.
    pub condition_en: String,
    /// A few words for tables, Vietnamese.
    pub short: String,
    /// A few words for tables, English.
    pub short_en: String,
    /// Met.
    pub met: bool,
    /// What was found, Vietnamese.
    pub detail: String,
    /// What was found, English.
    pub detail_en: String,
    /// The evidence named (document, posting dates), "" when none.
    pub evidence: String,
    /// Where the condition is stated.
    pub source: String,
    /// Whether `source` was checked.
    pub verified: bool,
}

/// Whether a commune is ready for recognition, and what it still lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Readiness {
    /// Every condition met.
    pub ready: bool,
    /// Recognition type (`xa-ntm`).
    pub recognition: String,
    /// Pack that states the conditions.
    pub rule_pack: String,
    /// The conditions.
    pub conditions: Vec<ConditionResult>,
    /// Some condition is unverified.
    pub any_unverified: bool,
}

impl Readiness {
    /// The conditions not met.
    pub fn lacking(&self) -> impl Iterator<Item = &ConditionResult> {
        self.conditions.iter().filter(|c| !c.met)
    }

    /// [`Readiness::short_text`] in `lang`; "" for no readiness at all.
    pub fn short_in(r: Option<&Readiness>, lang: crate::i18n::Lang) -> String {
        r.map(|r| {
            let (vi, en) = r.short_text();
            crate::i18n::pick(lang, vi, en)
        })
        .unwrap_or_default()
    }

    /// "SẴN SÀNG" or "CHƯA: thiếu công khai; tiêu chí" (and the English), for tables.
    pub fn short_text(&self) -> (String, String) {
        if self.ready {
            return R::Ready.both(&[]);
        }
        let vi: Vec<&str> = self.lacking().map(|c| c.short.as_str()).collect();
        let en: Vec<&str> = self.lacking().map(|c| c.short_en.as_str()).collect();
        (
            R::NotYet.fill(Lang::Vi, &[("lacking", &vi.join("; "))]),
            R::NotYet.fill(Lang::En, &[("lacking", &en.join("; "))]),
        )
    }
}

/// The survey's verdict as readiness needs it.
#[derive(Debug, Clone)]
pub struct SurveyOutcome {
    /// The verdict passes.
    pub passed: bool,
    /// One line on it, Vietnamese and English.
    pub detail: (String, String),
}

/// Judges a self-assessment against its set. `group` is the commune group or region whose
/// targets apply (already resolved against the set).
pub fn evaluate_criteria(set: &CriteriaSet, sa: &SelfAssessment) -> CriteriaReport {
    let group = sa.group.as_deref();
    let rows = set.rows(group);
    let whole = rows.iter().any(|r| r.whole_criterion);
    let mut criteria = Vec::new();
    let (mut contradictions, mut missing) = (0, 0);
    for c in &set.criteria {
        let mut indicators = Vec::new();
        for r in rows.iter().filter(|r| r.criterion == c.code) {
            let found = sa.indicators.iter().find(|i| i.code == r.code);
            let target = Target::parse(&r.target);
            let (result, self_assessed, reading, evidence, cell) = match found {
                Some(i) => (
                    Some(i.result.clone()),
                    i.self_assessed,
                    if i.result.is_empty() {
                        None
                    } else {
                        target.judge(&i.result)
                    },
                    i.evidence.clone(),
                    i.cell.clone(),
                ),
                None => {
                    missing += 1;
                    (None, None, None, String::new(), String::new())
                }
            };
            let agrees = match (self_assessed, reading) {
                (Some(s), Some(r)) => Some(s == r),
                _ => None,
            };
            if agrees == Some(false) {
                contradictions += 1;
            }
            let met = self_assessed == Some(true) && agrees != Some(false);
            indicators.push(IndicatorResult {
                code: r.code.clone(),
                name: r.name.clone(),
                target: r.target.clone(),
                target_known: !r.target.trim().is_empty(),
                result,
                self_assessed,
                reading,
                met,
                agrees,
                evidence,
                source: r.source.clone(),
                verified: r.verified,
                cell,
            });
        }
        criteria.push(CriterionResult {
            code: c.code.clone(),
            name: c.name.clone(),
            group: c.group.clone(),
            group_name: set.group_name(&c.group).to_string(),
            met: !indicators.is_empty() && indicators.iter().all(|i| i.met),
            indicators,
        });
    }
    let indicators_total = rows.len() as u32;
    CriteriaReport {
        set: set.header.id.clone(),
        file: String::new(),
        set_title: set.header.title.clone(),
        legal_basis: set.header.legal_basis.clone(),
        region_or_group: group
            .map(str::to_string)
            .or_else(|| set.region().map(str::to_string)),
        criteria_met: criteria.iter().filter(|c| c.met).count() as u32,
        criteria_total: criteria.len() as u32,
        indicators_met: criteria
            .iter()
            .flat_map(|c| &c.indicators)
            .filter(|i| i.met)
            .count() as u32,
        indicators_total,
        indicators_stated: set
            .header
            .indicator_count
            .filter(|n| whole || *n != indicators_total),
        contradictions,
        missing,
        any_unverified: rows.iter().any(|r| !r.verified),
        document: set.header.document.clone(),
        criteria,
    }
}

/// The most postings that fall within any `days`-day window, and that window's first and last.
pub fn best_window(days: &[Day], window: u32) -> (u32, Option<(Day, Day)>) {
    let mut sorted: Vec<Day> = days.to_vec();
    sorted.sort();
    let mut best = (0u32, None);
    for (i, first) in sorted.iter().enumerate() {
        // "Within 15 days": the first and the last posting at most 14 days apart.
        let inside: Vec<&Day> = sorted[i..]
            .iter()
            .take_while(|d| d.0 - first.0 < i64::from(window))
            .collect();
        let n = inside.len() as u32;
        if n > best.0 {
            best = (n, Some((*first, **inside.last().unwrap_or(&first))));
        }
    }
    best
}

/// What to say when the commune has no self-assessment for the set its readiness needs.
#[derive(Debug, Clone, Default)]
pub struct MissingAssessment {
    /// The set needed and the form it belongs to (empty: say it plainly).
    pub set: String,
    /// The form.
    pub form: String,
    /// Sets the commune did import a self-assessment for (a 2026-2030 one beside a 2021-2025
    /// survey), named so the reader is not told "none imported".
    pub others: Vec<String>,
}

impl MissingAssessment {
    /// The detail of a condition the missing self-assessment decides (Vietnamese, English).
    pub fn detail(&self) -> (String, String) {
        if self.others.is_empty() {
            return R::NoSelfAssessment.both(&[]);
        }
        R::NoSelfAssessmentForSet.both(&[
            ("set", &self.set),
            ("form", &self.form),
            ("others", &self.others.join(", ")),
        ])
    }
}

/// Judges the conditions of recognition.
pub fn evaluate_readiness(
    rec: &Recognition,
    criteria: Option<&CriteriaReport>,
    sa: Option<&SelfAssessment>,
    survey: Option<&SurveyOutcome>,
    missing: &MissingAssessment,
) -> Readiness {
    let no_sa = missing.detail();
    let conditions: Vec<ConditionResult> = rec
        .conditions
        .iter()
        .map(|c| {
            let (met, (detail, detail_en), evidence) = match c.kind {
                ConditionKind::AllCriteria => match criteria {
                    None => (false, no_sa.clone(), String::new()),
                    Some(r) => {
                        let (vi, en) = r.summary_line();
                        let unmet = r.unmet_criteria().join(", ");
                        let met = r.criteria_met == r.criteria_total && r.criteria_total > 0;
                        let (vi, en) = if met {
                            (vi, en)
                        } else {
                            let not_met = |lang, summary: &str| {
                                R::CriteriaNotMet
                                    .fill(lang, &[("summary", summary), ("unmet", &unmet)])
                            };
                            (not_met(Lang::Vi, &vi), not_met(Lang::En, &en))
                        };
                        (met, (vi, en), r.set_title.clone())
                    }
                },
                ConditionKind::Survey => match survey {
                    None => (false, R::NoSurveyResults.both(&[]), String::new()),
                    Some(s) => (s.passed, s.detail.clone(), String::new()),
                },
                ConditionKind::Posting => match sa {
                    None => (false, no_sa.clone(), String::new()),
                    Some(sa) => posting(c.min_times.unwrap_or(5), c.within_days.unwrap_or(15), sa),
                },
                ConditionKind::Declared => match sa {
                    None => (false, no_sa.clone(), String::new()),
                    Some(sa) => declared(&c.id, sa),
                },
            };
            ConditionResult {
                id: c.id.clone(),
                kind: c.kind,
                condition: c.text.clone(),
                condition_en: c.text_en.clone(),
                short: c.short.clone().unwrap_or_else(|| c.text.clone()),
                short_en: c.short_en.clone().unwrap_or_else(|| c.text_en.clone()),
                met,
                detail,
                detail_en,
                evidence,
                source: c.source.clone(),
                verified: c.verified,
            }
        })
        .collect();
    Readiness {
        ready: !conditions.is_empty() && conditions.iter().all(|c| c.met),
        recognition: rec.recognition.clone(),
        rule_pack: rec.pack.clone(),
        any_unverified: conditions.iter().any(|c| !c.verified),
        conditions,
    }
}

fn posting(min: u32, window: u32, sa: &SelfAssessment) -> (bool, (String, String), String) {
    let days: Vec<Day> = sa.postings.iter().filter_map(|p| p.day).collect();
    let unread = sa.postings.len() - days.len();
    let (n, span) = best_window(&days, window);
    let evidence = days
        .iter()
        .map(|d| d.display())
        .collect::<Vec<_>>()
        .join("; ");
    let detail = |lang| {
        let span = span.map_or(String::new(), |(a, b)| {
            R::PostingSpan.fill(lang, &[("first", &a.display()), ("last", &b.display())])
        });
        let unread = if unread > 0 {
            R::PostingsUnread.say(lang, &[("count", &unread)])
        } else {
            String::new()
        };
        R::Postings.say(
            lang,
            &[
                ("count", &n),
                ("window", &window),
                ("span", &span),
                ("min", &min),
                ("recorded", &sa.postings.len()),
                ("unread", &unread),
            ],
        )
    };
    (n >= min, (detail(Lang::Vi), detail(Lang::En)), evidence)
}

fn declared(id: &str, sa: &SelfAssessment) -> (bool, (String, String), String) {
    match sa.declarations.iter().find(|d| d.condition == id) {
        None | Some(crate::model::Declaration { declared: None, .. }) => {
            (false, R::NotDeclared.both(&[]), String::new())
        }
        Some(d) if d.declared == Some(false) => {
            (false, R::DeclaredNotMet.both(&[]), d.document.clone())
        }
        Some(d) if d.document.trim().is_empty() => {
            (false, R::DeclaredWithoutDocument.both(&[]), String::new())
        }
        Some(d) => (
            true,
            R::DeclaredMet.both(&[("document", &d.document)]),
            d.document.clone(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(&[1, 3, 5, 7, 9], 15, 5)]
    #[case(&[1, 3, 5, 7, 15], 15, 5)]
    #[case(&[1, 3, 5, 7, 16], 15, 4)]
    #[case(&[1, 1, 1, 1, 1], 15, 5)]
    #[case(&[], 15, 0)]
    #[case(&[1, 20, 21, 22, 23, 34], 15, 5)]
    fn postings_within_a_window(#[case] days: &[i64], #[case] window: u32, #[case] want: u32) {
        let days: Vec<Day> = days.iter().map(|d| Day(*d)).collect();
        assert_eq!(best_window(&days, window).0, want);
    }
}
