//! The reader's decisions about one file, as data the user can see.
//!
//! Which sheets were read and which were skipped, where each table's header is and what each
//! column was taken for, how every distinct answer was read, which rows were left out as not
//! being forms and why, where the commune and form came from. `hailong check` prints it, the
//! import prints its summary, the web page shows it before storing. This module only holds and
//! words the reading; it never decides anything itself.

use crate::i18n::{Lang, ReadingText as T};
use serde::Serialize;
use std::fmt::Write as _;

/// Everything the reader decided about one file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Reading {
    /// Every sheet of the workbook, in order.
    pub sheets: Vec<SheetReading>,
    /// Where the commune came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune_from: Option<Origin>,
    /// Where the form came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form_from: Option<Origin>,
    /// Code legends found in the file ("1: Hài lòng; 2: Không hài lòng").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub legends: Vec<Legend>,
}

/// Where a value the file is attributed by came from.
#[derive(Debug, Clone, Serialize)]
pub struct Origin {
    /// `flag` (the command line), `cell`, `title` (a title line naming "xã …"), `sheet_name`,
    /// `file_name` or `headers` (the items the header names).
    pub how: &'static str,
    /// The sheet and cell, when it came from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// What was written there.
    pub written: String,
}

/// A legend that defines answer codes.
#[derive(Debug, Clone, Serialize)]
pub struct Legend {
    /// Sheet and cell of the legend.
    pub place: String,
    /// The legend as written.
    pub text: String,
    /// (code, how it is read): `satisfied`, `dissatisfied` or `blank`.
    pub codes: Vec<(String, &'static str)>,
}

/// What became of one sheet.
#[derive(Debug, Clone, Serialize)]
pub struct SheetReading {
    /// Sheet name.
    pub name: String,
    /// `read`, `hidden`, `very_hidden`, `copy` (the same cells as an earlier sheet) or
    /// `no_table` (no header row found: nothing read).
    pub status: &'static str,
    /// The sheet a `copy` repeats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
    /// `register`, `ballots` or `tally`, when read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
    /// First and last row of the header band (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_rows: Option<(u32, u32)>,
    /// First data row (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_data_row: Option<u32>,
    /// Each recognised column and what it was taken for.
    pub columns: Vec<ColumnRole>,
    /// How each distinct answer of each item was read.
    pub answers: Vec<AnswerValue>,
    /// Rows below the header that are not forms, and why.
    pub excluded: Vec<ExcludedRow>,
    /// Cells given the value of a merged cell above them.
    pub merged_cells_filled: u32,
    /// Forms whose blank area cell was taken as the area written above it (areas written once
    /// per block).
    pub areas_carried: u32,
    /// Whether the sheet has an AutoFilter (its filtered-out rows are read as data).
    pub filtered: bool,
    /// Rows read as data.
    pub data_rows: u32,
}

impl SheetReading {
    /// A sheet with nothing decided yet.
    pub fn new(name: &str, status: &'static str) -> SheetReading {
        SheetReading {
            name: name.to_string(),
            status,
            copy_of: None,
            role: None,
            header_rows: None,
            first_data_row: None,
            columns: Vec::new(),
            answers: Vec::new(),
            excluded: Vec::new(),
            merged_cells_filled: 0,
            areas_carried: 0,
            filtered: false,
            data_rows: 0,
        }
    }
}

/// One recognised column.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnRole {
    /// Column letter.
    pub column: String,
    /// Its header as written.
    pub header: String,
    /// What it was taken for: `area`, `form_no`, `item`, `satisfied_mark`,
    /// `dissatisfied_mark`, `reason`, `other_opinion`, `households`, `issued`, `returned`,
    /// `household_id`, `stt`, `name` (personal data: never read), `marked_invalid`.
    pub role: &'static str,
    /// The item number, for item columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
}

/// One distinct value of an item's column and how it was read.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerValue {
    /// The item.
    pub item: u32,
    /// The value as written.
    pub value: String,
    /// `satisfied`, `dissatisfied`, `blank`, `mark`, `no_mark` or `not_an_answer`.
    pub read_as: &'static str,
    /// `vocabulary`, `legend` or `yes_no`.
    pub by: &'static str,
    /// How many cells hold it.
    pub cells: u32,
}

/// Why a row under the header is not a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowWhy {
    /// A totals or subtotals row, by its label ("Cộng", "Tổng cộng", "Cộng toàn xã").
    Totals,
    /// A row whose numbers are the sums or counts of the rows above.
    TotalsByArithmetic,
    /// The header repeated (a page break).
    RepeatedHeader,
    /// The column numbering row under a header ("1 2 3 …", "(1) (2) …").
    Numbering,
    /// Only a row number, or nothing that a form holds.
    Blank,
    /// "…, ngày … tháng … năm …".
    DateLine,
    /// A signature title or "(Ký, ghi rõ họ tên)".
    Signature,
    /// Notes under the table ("Ghi chú: …").
    Notes,
    /// Below a date line or signature: the table has ended.
    AfterTable,
    /// A legend of answer codes.
    Legend,
}

impl RowWhy {
    /// The reason in `lang`.
    pub fn words(self, lang: Lang) -> &'static str {
        let text = match self {
            RowWhy::Totals => T::WhyTotals,
            RowWhy::TotalsByArithmetic => T::WhyTotalsByArithmetic,
            RowWhy::RepeatedHeader => T::WhyRepeatedHeader,
            RowWhy::Numbering => T::WhyNumbering,
            RowWhy::Blank => T::WhyBlank,
            RowWhy::DateLine => T::WhyDateLine,
            RowWhy::Signature => T::WhySignature,
            RowWhy::Notes => T::WhyNotes,
            RowWhy::AfterTable => T::WhyAfterTable,
            RowWhy::Legend => T::WhyLegend,
        };
        text.text(lang)
    }
}

/// One row left out.
#[derive(Debug, Clone, Serialize)]
pub struct ExcludedRow {
    /// Row number (1-based).
    pub row: u32,
    /// Why.
    pub why: RowWhy,
    /// Its text, cells joined by " | " (at most 80 characters).
    pub text: String,
}

fn role_words(role: &str, lang: Lang) -> &'static str {
    let text = match role {
        "area" => T::RoleArea,
        "form_no" => T::RoleFormNo,
        "item" => T::RoleItem,
        "satisfied_mark" => T::RoleSatisfiedMark,
        "dissatisfied_mark" => T::RoleDissatisfiedMark,
        "reason" => T::RoleReason,
        "other_opinion" => T::RoleOtherOpinion,
        "households" => T::RoleHouseholds,
        "issued" => T::RoleIssued,
        "returned" => T::RoleReturned,
        "household_id" => T::RoleHouseholdId,
        "stt" => T::RoleStt,
        "name" => T::RoleName,
        "marked_invalid" => T::RoleMarkedInvalid,
        _ => T::RoleUnknown,
    };
    text.text(lang)
}

fn read_as_words(read_as: &str, lang: Lang) -> &'static str {
    let text = match read_as {
        "satisfied" => T::ReadSatisfied,
        "dissatisfied" => T::ReadDissatisfied,
        "blank" => T::ReadBlank,
        "mark" => T::ReadMark,
        "no_mark" => T::ReadNoMark,
        _ => T::ReadNotAnswer,
    };
    text.text(lang)
}

fn status_words(status: &str, lang: Lang) -> &'static str {
    let text = match status {
        "read" => T::StatusRead,
        "hidden" => T::StatusHidden,
        "very_hidden" => T::StatusVeryHidden,
        "copy" => T::StatusCopy,
        _ => T::StatusNoTable,
    };
    text.text(lang)
}

fn sheet_role_words(role: &str, lang: Lang) -> &'static str {
    let text = match role {
        "register" => T::SheetRegister,
        "ballots" => T::SheetBallots,
        _ => T::SheetTally,
    };
    text.text(lang)
}

/// How an answer was read beyond the vocabulary (" by the legend"), with its leading space.
fn by_words(by: &str, lang: Lang) -> String {
    match by {
        "legend" => format!(" {}", T::ByLegend.text(lang)),
        "yes_no" => format!(" {}", T::ByYesNo.text(lang)),
        _ => String::new(),
    }
}

/// A legend's codes, `1 = Hài lòng; 2 = Không hài lòng`.
fn legend_codes(l: &Legend, lang: Lang) -> String {
    let codes: Vec<String> = l
        .codes
        .iter()
        .map(|(c, a)| format!("{c} = {}", read_as_words(a, lang)))
        .collect();
    codes.join("; ")
}

impl Reading {
    /// The reading in full, as `hailong check` prints it.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let Some(o) = &self.commune_from {
            let origin = origin_words(o, lang);
            let _ = writeln!(
                out,
                "  {}",
                T::CommuneFrom.fill(lang, &[("origin", &origin)])
            );
        }
        if let Some(o) = &self.form_from {
            let origin = origin_words(o, lang);
            let _ = writeln!(out, "  {}", T::FormFrom.fill(lang, &[("origin", &origin)]));
        }
        for l in &self.legends {
            let codes = legend_codes(l, lang);
            let line = T::LegendAt.fill(lang, &[("place", &l.place), ("codes", &codes)]);
            let _ = writeln!(out, "  {line}");
        }
        for s in &self.sheets {
            sheet_text(&mut out, s, lang);
        }
        out
    }

    /// One paragraph: what `import` prints of the reading.
    pub fn summary(&self, lang: Lang) -> String {
        let read: Vec<String> = self
            .sheets
            .iter()
            .filter(|s| s.role.is_some())
            .map(|s| {
                T::SheetRead.say(
                    lang,
                    &[
                        ("name", &s.name),
                        ("role", &sheet_role_words(s.role.unwrap_or(""), lang)),
                        ("count", &num(s.data_rows, lang)),
                    ],
                )
            })
            .collect();
        let skipped: Vec<String> = self
            .sheets
            .iter()
            .filter(|s| matches!(s.status, "hidden" | "very_hidden" | "copy"))
            .map(|s| format!("\"{}\"", s.name))
            .collect();
        let mut excluded: Vec<(RowWhy, u32)> = Vec::new();
        for e in self.sheets.iter().flat_map(|s| &s.excluded) {
            match excluded.iter_mut().find(|x| x.0 == e.why) {
                Some(x) => x.1 += 1,
                None => excluded.push((e.why, 1)),
            }
        }
        let mut s = format!("  {}", T::Read.fill(lang, &[("sheets", &read.join(", "))]));
        if !skipped.is_empty() {
            let sheets = skipped.join(", ");
            let _ = write!(s, "; {}", T::Skipped.fill(lang, &[("sheets", &sheets)]));
        }
        if !excluded.is_empty() {
            let parts: Vec<String> = excluded
                .iter()
                .map(|(w, n)| format!("{n} {}", w.words(lang)))
                .collect();
            let rows = parts.join(", ");
            let _ = write!(s, "; {}", T::NotForms.fill(lang, &[("rows", &rows)]));
        }
        if !self.legends.is_empty() {
            let _ = write!(s, "; {}", T::CodesByLegend.text(lang));
        }
        if let Some(o) = &self.commune_from
            && o.how != "cell"
            && o.how != "flag"
        {
            let origin = origin_words(o, lang);
            let _ = write!(
                s,
                "; {}",
                T::CommuneFromShort.fill(lang, &[("origin", &origin)])
            );
        }
        s.push_str(". ");
        s.push_str(T::InFull.text(lang));
        s.push('\n');
        s
    }
}

/// One sheet's lines of [`Reading::text`].
fn sheet_text(out: &mut String, s: &SheetReading, lang: Lang) {
    let status = status_words(s.status, lang);
    let _ = write!(
        out,
        "  {}",
        T::Sheet.fill(lang, &[("name", &s.name), ("status", status)])
    );
    if let Some(r) = s.role {
        let _ = write!(out, " — {}", sheet_role_words(r, lang));
    }
    if let Some((a, b)) = s.header_rows {
        let header = if a == b {
            T::HeaderAtRow.say(lang, &[("row", &a)])
        } else {
            T::HeaderAtRows.say(lang, &[("first", &a), ("last", &b)])
        };
        let _ = write!(out, ", {header}");
    }
    if s.status == "read" && s.role.is_some() {
        let rows = T::DataRows.say(lang, &[("count", &num(s.data_rows, lang))]);
        let _ = write!(out, ", {rows}");
    }
    out.push('\n');
    if !s.columns.is_empty() {
        let line = T::Columns.fill(lang, &[("columns", &columns_line(&s.columns, lang))]);
        let _ = writeln!(out, "    {line}");
    }
    if s.merged_cells_filled > 0 {
        let line = T::MergedFilled.say(lang, &[("count", &s.merged_cells_filled)]);
        let _ = writeln!(out, "    {line}");
    }
    if s.filtered {
        let _ = writeln!(out, "    {}", T::Filtered.text(lang));
    }
    if s.areas_carried > 0 {
        let line = T::AreasCarried.say(lang, &[("count", &num(s.areas_carried, lang))]);
        let _ = writeln!(out, "    {line}");
    }
    if !s.answers.is_empty() {
        let line = T::AnswerValues.fill(lang, &[("values", &answer_values(&s.answers, lang))]);
        let _ = writeln!(out, "    {line}");
    }
    for e in &s.excluded {
        let line = T::RowLeftOut.say(
            lang,
            &[
                ("row", &e.row),
                ("why", &e.why.words(lang)),
                ("text", &e.text),
            ],
        );
        let _ = writeln!(out, "    {line}");
    }
}

/// The columns of a sheet: each recognised column by its role, the items as one range.
fn columns_line(columns: &[ColumnRole], lang: Lang) -> String {
    let is_item = |c: &&ColumnRole| c.role == "item" || c.role.ends_with("_mark");
    let cols: Vec<String> = columns
        .iter()
        .filter(|c| !is_item(c))
        .map(|c| format!("{} = {}", c.column, role_words(c.role, lang)))
        .collect();
    let items: Vec<&ColumnRole> = columns.iter().filter(is_item).collect();
    let mut line = cols.join(", ");
    if let (Some(first), Some(last)) = (items.first(), items.last()) {
        let n = items.iter().filter_map(|c| c.item).max().unwrap_or(0);
        if !line.is_empty() {
            line.push_str(", ");
        }
        line.push_str(&T::ItemColumns.say(
            lang,
            &[
                ("first", &first.column),
                ("last", &last.column),
                ("count", &n),
            ],
        ));
    }
    line
}

/// Every distinct answer value once, with the items it appears in counted.
fn answer_values(answers: &[AnswerValue], lang: Lang) -> String {
    let mut by_value: Vec<(&str, &str, &str, u32, Vec<u32>)> = Vec::new();
    for a in answers {
        match by_value
            .iter_mut()
            .find(|x| x.0 == a.value && x.1 == a.read_as && x.2 == a.by)
        {
            Some(x) => {
                x.3 += a.cells;
                x.4.push(a.item);
            }
            None => by_value.push((&a.value, a.read_as, a.by, a.cells, vec![a.item])),
        }
    }
    let parts: Vec<String> = by_value
        .iter()
        .map(|(v, r, by, n, items)| {
            let shown = if v.is_empty() {
                T::BlankValue.text(lang)
            } else {
                v
            };
            let items = if items.len() == 1 {
                format!(" {}", T::Item.say(lang, &[("item", &items[0])]))
            } else {
                String::new()
            };
            format!(
                "\"{shown}\" → {}{} ×{}{items}",
                read_as_words(r, lang),
                by_words(by, lang),
                num(*n, lang)
            )
        })
        .collect();
    parts.join("; ")
}

/// A count as the reader's language writes it: "1.060" in Vietnamese, "1060" in English.
fn num(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => crate::num::count(n as u64),
        Lang::En => n.to_string(),
    }
}

fn origin_words(o: &Origin, lang: Lang) -> String {
    let how = match o.how {
        "flag" => T::OriginFlag,
        "cell" => T::OriginCell,
        "sheet_name" => T::OriginSheetName,
        "file_name" => T::OriginFileName,
        "title" => T::OriginTitle,
        _ => T::OriginHeaders,
    }
    .text(lang);
    match &o.place {
        Some(p) => format!("{how} {p}: \"{}\"", o.written),
        None => format!("{how}: \"{}\"", o.written),
    }
}

impl Reading {
    /// The reading as rows of a table (sheet, place, what, detail), for the errors workbook.
    pub fn rows(&self, lang: Lang) -> Vec<[String; 4]> {
        let mut out: Vec<[String; 4]> = Vec::new();
        let mut push = |sheet: &str, place: String, what: T, detail: String| {
            out.push([
                sheet.to_string(),
                place,
                what.text(lang).to_string(),
                detail,
            ]);
        };
        if let Some(o) = &self.commune_from {
            push("", String::new(), T::WhatCommune, origin_words(o, lang));
        }
        if let Some(o) = &self.form_from {
            push("", String::new(), T::WhatForm, origin_words(o, lang));
        }
        for l in &self.legends {
            push("", l.place.clone(), T::WhatLegend, legend_codes(l, lang));
        }
        for s in &self.sheets {
            sheet_rows(&mut push, s, lang);
        }
        out
    }
}

/// One sheet's rows of [`Reading::rows`], given to `push` (sheet, place, what, detail).
fn sheet_rows(push: &mut impl FnMut(&str, String, T, String), s: &SheetReading, lang: Lang) {
    let mut what = status_words(s.status, lang).to_string();
    if let Some(r) = s.role {
        what = format!("{what} — {}", sheet_role_words(r, lang));
    }
    let place = s
        .header_rows
        .map(|(a, b)| {
            if a == b {
                T::PlaceHeaderRow.say(lang, &[("row", &a)])
            } else {
                T::PlaceHeaderRows.say(lang, &[("first", &a), ("last", &b)])
            }
        })
        .unwrap_or_default();
    let detail = match &s.copy_of {
        Some(of) => format!("\"{of}\""),
        None if s.role.is_some() => T::DataRows.say(lang, &[("count", &num(s.data_rows, lang))]),
        None => String::new(),
    };
    push(&s.name, place, T::WhatSheet, format!("{what}; {detail}"));
    for c in &s.columns {
        let role = match c.item {
            Some(i) => format!("{} {i}", role_words(c.role, lang)),
            None => role_words(c.role, lang).to_string(),
        };
        let detail = format!("{role} (\"{}\")", c.header);
        push(&s.name, c.column.clone(), T::WhatColumn, detail);
    }
    if s.merged_cells_filled > 0 {
        let detail = T::MergedTook.say(lang, &[("count", &s.merged_cells_filled)]);
        push(&s.name, String::new(), T::WhatMerged, detail);
    }
    if s.areas_carried > 0 {
        let detail = T::AreasTook.say(lang, &[("count", &s.areas_carried)]);
        push(&s.name, String::new(), T::WhatAreaOnce, detail);
    }
    for a in &s.answers {
        let detail = format!(
            "\"{}\" → {}{} ×{}",
            a.value,
            read_as_words(a.read_as, lang),
            by_words(a.by, lang),
            num(a.cells, lang)
        );
        let place = T::Item.say(lang, &[("item", &a.item)]);
        push(&s.name, place, T::WhatAnswer, detail);
    }
    for e in &s.excluded {
        let place = T::PlaceRow.say(lang, &[("row", &e.row)]);
        let detail = format!("{} ({})", e.why.words(lang), e.text);
        push(&s.name, place, T::WhatNotForm, detail);
    }
}

/// A row's text for the reading: non-empty cells joined, at most 80 characters.
pub fn row_text(cells: impl Iterator<Item = String>) -> String {
    let joined: Vec<String> = cells.filter(|c| !c.is_empty()).collect();
    let s = joined.join(" | ");
    if s.chars().count() > 80 {
        let mut t: String = s.chars().take(79).collect();
        t.push('…');
        t
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(how: &'static str, place: Option<&str>) -> Origin {
        Origin {
            how,
            place: place.map(str::to_string),
            written: "Xã Chiềng Mung".into(),
        }
    }

    fn col(column: &str, role: &'static str, item: Option<u32>) -> ColumnRole {
        ColumnRole {
            column: column.into(),
            header: format!("h {column}"),
            role,
            item,
        }
    }

    fn ans(
        item: u32,
        value: &str,
        read_as: &'static str,
        by: &'static str,
        cells: u32,
    ) -> AnswerValue {
        AnswerValue {
            item,
            value: value.into(),
            read_as,
            by,
            cells,
        }
    }

    /// A reading with every branch of its wording.
    fn full() -> Reading {
        let whys = [
            RowWhy::Totals,
            RowWhy::TotalsByArithmetic,
            RowWhy::RepeatedHeader,
            RowWhy::Numbering,
            RowWhy::Blank,
            RowWhy::DateLine,
            RowWhy::Signature,
            RowWhy::Notes,
            RowWhy::AfterTable,
            RowWhy::Legend,
            RowWhy::Totals,
        ];
        let mut read = SheetReading::new("Forms", "read");
        read.role = Some("ballots");
        read.header_rows = Some((3, 4));
        read.first_data_row = Some(5);
        read.columns = [
            "area",
            "form_no",
            "reason",
            "other_opinion",
            "households",
            "issued",
            "returned",
            "household_id",
            "stt",
            "name",
            "marked_invalid",
            "weird",
        ]
        .iter()
        .enumerate()
        .map(|(i, r)| col(&format!("Z{i}"), r, None))
        .chain([
            col("C", "item", Some(1)),
            col("D", "satisfied_mark", Some(2)),
            col("E", "dissatisfied_mark", Some(19)),
        ])
        .collect();
        read.answers = vec![
            ans(1, "Hài lòng", "satisfied", "vocabulary", 1060),
            ans(2, "Hài lòng", "satisfied", "vocabulary", 3),
            ans(1, "2", "dissatisfied", "legend", 12),
            ans(3, "", "blank", "vocabulary", 4),
            ans(4, "x", "mark", "yes_no", 5),
            ans(4, "", "no_mark", "yes_no", 6),
            ans(5, "??", "not_an_answer", "vocabulary", 1),
        ];
        read.excluded = whys
            .iter()
            .enumerate()
            .map(|(i, w)| ExcludedRow {
                row: 10 + i as u32,
                why: *w,
                text: "Total | 12".into(),
            })
            .collect();
        read.merged_cells_filled = 1234;
        read.areas_carried = 2345;
        read.filtered = true;
        read.data_rows = 12345;
        let mut reg = SheetReading::new("Register", "read");
        reg.role = Some("register");
        reg.header_rows = Some((4, 4));
        reg.data_rows = 1;
        reg.columns = vec![col("B", "area", None), col("C", "households", None)];
        let mut tally = SheetReading::new("Tally", "read");
        tally.role = Some("tally");
        tally.columns = vec![col("C", "item", Some(1)), col("D", "item", Some(2))];
        let mut copy = SheetReading::new("Forms (2)", "copy");
        copy.copy_of = Some("Forms".into());
        Reading {
            sheets: vec![
                reg,
                read,
                tally,
                copy,
                SheetReading::new("Hidden", "hidden"),
                SheetReading::new("Very hidden", "very_hidden"),
                SheetReading::new("Empty", "no_table"),
            ],
            commune_from: Some(origin("sheet_name", Some("Forms › A1"))),
            form_from: Some(origin("headers", None)),
            legends: vec![Legend {
                place: "Forms › A2".into(),
                text: "1: HL".into(),
                codes: vec![
                    ("1".into(), "satisfied"),
                    ("2".into(), "dissatisfied"),
                    ("3".into(), "blank"),
                ],
            }],
        }
    }

    /// Every wording of a reading exists in both languages, and the English says nothing in
    /// Vietnamese but what it quotes from the file.
    #[test]
    fn a_reading_is_worded_in_each_language() {
        let mut readings = vec![full()];
        for how in [
            "flag",
            "cell",
            "sheet_name",
            "file_name",
            "title",
            "headers",
        ] {
            let mut r = full();
            r.commune_from = Some(origin(how, None));
            r.form_from = Some(origin(how, Some("Forms › B1")));
            readings.push(r);
        }
        for r in &readings {
            let all = |lang| {
                let rows: Vec<String> = r.rows(lang).iter().map(|row| row.join(" | ")).collect();
                format!("{}\n{}\n{}", r.text(lang), r.summary(lang), rows.join("\n"))
            };
            let (vi, en) = (all(Lang::Vi), all(Lang::En));
            assert_ne!(vi, en);
            let unquoted: String = en.split('"').step_by(2).collect();
            assert!(
                !unquoted.chars().any(|c| c.is_alphabetic() && !c.is_ascii()),
                "{unquoted}"
            );
        }
        assert!(Reading::default().summary(Lang::En).contains("FILE"));
    }
}
