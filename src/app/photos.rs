//! The print runs of a workspace, as the import of photographed ballots needs them: which
//! commune, area and number of forms a printed ballot id belongs to.
//!
//! Only a lookup over what `hailong ballot --data` recorded; it decides nothing of the marks.

use crate::ballot::id::BallotId;
use crate::ingest::photos::{IssuedArea, Issues};
use crate::model::RegisterArea;
use crate::store::Workspace;
use crate::store::ballots::Issue;

/// The print runs recorded in a workspace.
pub struct PrintRuns {
    runs: Vec<Issue>,
    /// The commune the import is for (`--commune`, a commune account), canonical.
    commune: Option<String>,
}

impl PrintRuns {
    /// The print runs of `ws` (none recorded: every id is unknown), for an import of
    /// `commune`'s files when it is known.
    pub fn of(ws: &Workspace, commune: Option<String>) -> PrintRuns {
        PrintRuns {
            // An unreadable record places no ballot: every page says so, nothing is guessed.
            runs: crate::store::ballots::issues(ws.dir()).unwrap_or_default(),
            commune,
        }
    }
}

impl Issues for PrintRuns {
    fn only_run(&self) -> Option<(String, String, String)> {
        let mut runs = self
            .runs
            .iter()
            .filter(|r| self.commune.as_ref().is_none_or(|c| *c == r.commune));
        let one = runs.next()?;
        // Two runs it could belong to: nobody can say which, so it is not kept.
        if runs.next().is_some() {
            return None;
        }
        Some((one.commune.clone(), one.form.clone(), one.round.clone()))
    }

    fn find(&self, id: &BallotId) -> Option<IssuedArea> {
        let run = self
            .runs
            .iter()
            .find(|r| r.is(&id.form, &id.commune_code, &id.round))?;
        let area = run.area(id.area_no)?;
        Some(IssuedArea {
            commune: run.commune.clone(),
            area: area.name.clone(),
            issued: area.issued,
            // One form per household (HD 90: phiếu phát đến từng hộ): households = forms
            // issued, unless a register imported earlier says otherwise (it is read first).
            register: run
                .areas
                .iter()
                .map(|a| RegisterArea {
                    area: a.name.clone(),
                    households: a.issued,
                    forms_issued: Some(a.issued),
                })
                .collect(),
        })
    }
}
