//! The free text of the forms, grouped for the dossier: reasons per item and other opinions.
//!
//! A form has one "lý do không hài lòng" field; it is listed under every item that form was not
//! satisfied with. Identical texts (compared folded) are counted together. Form numbers are
//! identifiers of households and are only kept when the caller asks for them.

use super::ScoreError;
use crate::model::item_column;
use crate::text::fold;
use polars::prelude::*;
use std::collections::BTreeMap;

/// One distinct text and how often it was written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Written {
    /// The text as first written.
    pub text: String,
    /// How many forms wrote it.
    pub count: u64,
    /// Their form numbers (only when identifiers were asked for).
    pub form_nos: Vec<String>,
}

/// The free text of one commune.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Texts {
    /// Item number → reasons given by forms not satisfied with it, most frequent first.
    pub reasons: BTreeMap<u32, Vec<Written>>,
    /// Area → other opinions, most frequent first.
    pub opinions: BTreeMap<String, Vec<Written>>,
}

fn add(list: &mut Vec<(String, Written)>, text: &str, form_no: Option<&str>, ids: bool) {
    let key = fold(text);
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, w)) => {
            w.count += 1;
            if ids && let Some(n) = form_no {
                w.form_nos.push(n.to_string());
            }
        }
        None => list.push((
            key,
            Written {
                text: text.to_string(),
                count: 1,
                form_nos: if ids {
                    form_no.map(|n| vec![n.to_string()]).unwrap_or_default()
                } else {
                    Vec::new()
                },
            },
        )),
    }
}

fn sorted(list: Vec<(String, Written)>) -> Vec<Written> {
    let mut v: Vec<Written> = list.into_iter().map(|x| x.1).collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
    v
}

/// Groups the reasons and opinions of a commune's ballots: the forms with a text, as the store
/// gives them (`area`, `form_no`, `reason`, `other_opinion`, one column per item); a form
/// without either text adds nothing.
pub fn texts(
    ballots: &DataFrame,
    commune: &str,
    n_items: usize,
    ids: bool,
) -> Result<Texts, ScoreError> {
    let err = |e: PolarsError| ScoreError::Aggregate {
        commune: commune.to_string(),
        message: e.to_string(),
    };
    let df = ballots;
    let strs = |name: &str| -> Result<Vec<Option<String>>, ScoreError> {
        Ok(df
            .column(name)
            .and_then(|c| c.str().cloned())
            .map_err(err)?
            .iter()
            .map(|s| s.map(str::to_string))
            .collect())
    };
    let (area, form_no, reason, other) = (
        strs("area")?,
        strs("form_no")?,
        strs("reason")?,
        strs("other_opinion")?,
    );
    let mut answers: Vec<Vec<u8>> = Vec::new();
    for i in 1..=n_items {
        answers.push(
            df.column(&item_column(i))
                .and_then(|c| c.u8().cloned())
                .map_err(err)?
                .iter()
                .map(|v| v.unwrap_or(0))
                .collect(),
        );
    }
    let mut reasons: BTreeMap<u32, Vec<(String, Written)>> = BTreeMap::new();
    let mut opinions: BTreeMap<String, Vec<(String, Written)>> = BTreeMap::new();
    for row in 0..df.height() {
        if let Some(r) = &reason[row] {
            for (i, a) in answers.iter().enumerate() {
                if a[row] == crate::model::Answer::Dissatisfied.code() {
                    add(
                        reasons.entry(i as u32 + 1).or_default(),
                        r,
                        form_no[row].as_deref(),
                        ids,
                    );
                }
            }
        }
        if let Some(o) = &other[row] {
            add(
                opinions
                    .entry(area[row].clone().unwrap_or_default())
                    .or_default(),
                o,
                form_no[row].as_deref(),
                ids,
            );
        }
    }
    Ok(Texts {
        reasons: reasons.into_iter().map(|(k, v)| (k, sorted(v))).collect(),
        opinions: opinions.into_iter().map(|(k, v)| (k, sorted(v))).collect(),
    })
}
