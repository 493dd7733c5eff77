//! The print runs of a workspace, as the import of photographed ballots needs them: which
//! commune, area and number of forms a printed ballot id belongs to.
//!
//! Only a lookup over what `hailong ballot --data` recorded; it decides nothing of the marks.

use crate::ballot::id::BallotId;
use crate::ingest::photos::{IssuedArea, Issues};
use crate::store::Workspace;

/// The print runs recorded in a workspace.
pub struct PrintRuns {
    runs: Vec<crate::store::ballots::Issue>,
}

impl PrintRuns {
    /// The print runs of `ws` (none recorded: every id is unknown).
    pub fn of(ws: &Workspace) -> PrintRuns {
        PrintRuns {
            runs: ws.ballot_issues().unwrap_or_default(),
        }
    }
}

impl Issues for PrintRuns {
    fn find(&self, id: &BallotId) -> Option<IssuedArea> {
        let run = self.runs.iter().find(|r| r.issued(id))?;
        let area = run.area(id.area_no)?;
        Some(IssuedArea {
            commune: run.commune.clone(),
            area: area.name.clone(),
            issued: area.issued,
            register: run.register(),
        })
    }
}
