//! The application layer called directly, as any front-end calls it: the same figures as the
//! command line for the same workspace, typed errors with their data, and the round as part of
//! the request. (The CLI and the web server only parse, call these, and render.)

mod common;

use common::*;
use hailong::app::AppError;
use hailong::app::score::{Selection, open};
use hailong::i18n::{Lang, Localized};
use std::path::Path;

fn selection<'a>(
    data: &'a Path,
    commune: Option<&'a str>,
    round: Option<&'a str>,
) -> Selection<'a> {
    Selection {
        data,
        commune,
        form: None,
        round,
        rules: None,
    }
}

#[test]
fn app_scores_equal_the_clis_json() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert!(run(dir, &["demo", "--out", "demo"]).status.success());
    let data = dir.join("demo/hailong-data");

    let scope = open(&selection(&data, Some("chieng mung"), None)).unwrap();
    assert_eq!(scope.commune_name(), "Xã Chiềng Mung");
    let s = scope.commune_score().unwrap();
    let cli = std::process::Command::new(bin())
        .env("HAILONG_DATA", &data)
        .args(["score", "--commune", "chieng mung", "--json"])
        .output()
        .unwrap();
    let cli: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();
    // Both through text, as a client reads them (serde_json's float parsing may differ from
    // the in-memory value by one unit in the last place).
    let app: serde_json::Value = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(app, cli);

    let all = open(&selection(&data, None, None))
        .unwrap()
        .all_scores(false)
        .unwrap();
    // The three sample communes and Mường La of the demo's paper ballots.
    assert_eq!(all.len(), 4);
    assert!(
        all.windows(2)
            .all(|w| !w[0].verdict.passed || w[1].verdict.passed),
        "failing communes first"
    );
}

#[test]
fn app_errors_are_typed_and_speak_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert!(run(dir, &["demo", "--out", "demo"]).status.success());
    let data = dir.join("demo/hailong-data");

    match open(&selection(&data, Some("mung"), None)) {
        Err(AppError::UnknownCommune { wanted, candidates }) => {
            assert_eq!(wanted, "mung");
            assert_eq!(
                candidates,
                vec!["Xã Chiềng Mung".to_string()],
                "partial matches offered"
            );
        }
        other => panic!("{:?}", other.err()),
    }
    let e = open(&selection(&data, Some("chieng mung"), Some("2030")))
        .err()
        .unwrap();
    match &e {
        AppError::UnknownRound {
            whose,
            round,
            rounds,
        } => {
            assert_eq!(whose.as_deref(), Some("Xã Chiềng Mung"));
            assert_eq!(round, "2030");
            assert_eq!(rounds, &vec![String::new()]);
        }
        other => panic!("{other:?}"),
    }
    assert!(e.message(Lang::Vi).contains("không có đợt khảo sát"));
    assert!(e.message(Lang::En).contains("has no survey round"));
    let empty = tmp.path().join("empty");
    assert!(matches!(
        open(&selection(&empty, Some("x"), None)),
        Err(AppError::EmptyWorkspace { .. })
    ));
}

#[test]
fn app_import_and_template_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let out = dir.join("so.xlsx");
    let areas = vec!["Bản Nà Sản=120".to_string(), "Bản Co Muông=95".to_string()];
    let built = hailong::app::template::build(&hailong::app::template::Request {
        data: &dir.join("ws"),
        form: "xa-ntm",
        commune: "chieng mung",
        areas: &areas,
        rows: 10,
    })
    .unwrap();
    hailong::app::output::save(&out, &built.bytes).unwrap();
    let w = built.of;
    assert_eq!(w.commune, "Xã Chiềng Mung");
    assert!(matches!(
        hailong::app::template::parse_area("Bản Nà Sản"),
        Err(AppError::BadAreaSpec { .. })
    ));

    let data = dir.join("ws");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ta-xua.xlsx");
    let files = vec![hailong::app::import::Input::Path(sample)];
    let s = hailong::app::import::import_files(&hailong::app::import::Request {
        data: &data,
        inputs: &files,
        rules: None,
        commune: None,
        form: None,
        mapping: None,
        store: true,
        accept_partial: false,
        progress: false,
        round: "2025",
        no_wait: true,
        on_wait: &|| {},
        only_commune: None,
        imported_by: None,
        typed_id: None,
    })
    .unwrap();
    assert_eq!(s.exit_code, 0);
    assert_eq!(s.files[0].outcome, "stored");
    let scope = open(&selection(&data, Some("ta xua"), Some("2025"))).unwrap();
    assert_eq!(scope.commune_score().unwrap().round, "2025");
}
