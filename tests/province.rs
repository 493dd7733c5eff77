//! The province view: `score --all` over many communes, rounds compared, a province's rules.

mod common;

use common::*;
use serde_json::Value;

/// Generates 75 communes of `households` households in `areas` areas (Sơn La has 67 xã: files
/// 68-75 survey communes 1-8 again for NTM nâng cao) and imports them.
fn seventy_five(dir: &std::path::Path, households: &str, areas: &str, seed: &str) {
    let o = run_dev(
        dir,
        &[
            "gen",
            "--out",
            "nop",
            "--communes",
            "75",
            "--households",
            households,
            "--areas",
            areas,
            "--seed",
            seed,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(dir, &["import", "nop"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn score_all_over_75_generated_communes_equals_scoring_each_alone() {
    let t = tempfile::tempdir().unwrap();
    seventy_five(t.path(), "40", "3", "11");
    let o = run(t.path(), &["score", "--all", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let all: Value = serde_json::from_slice(&o.stdout).unwrap();
    let communes = all["communes"].as_array().unwrap();
    // Sơn La has 67 xã: files 68-75 survey communes 1-8 again for NTM nâng cao.
    assert_eq!(communes.len(), 75);
    assert_eq!(
        communes
            .iter()
            .filter(|c| c["form"] == "xa-ntm-nang-cao")
            .count(),
        8
    );
    for c in communes {
        let o = run(
            t.path(),
            &[
                "score",
                "--commune",
                c["commune"].as_str().unwrap(),
                "--form",
                c["form"].as_str().unwrap(),
                "--json",
            ],
        );
        let alone: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(&alone, c, "{}", c["commune"]);
    }
    // Failing first, then the closest calls.
    let key = |c: &Value| {
        (
            c["verdict"]["passed"].as_bool().unwrap(),
            c["verdict"]["checks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["margin_households"].as_i64().unwrap())
                .min()
                .unwrap(),
        )
    };
    let keys: Vec<(bool, i64)> = communes.iter().map(key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);

    let o = run(t.path(), &["score", "--all", "--failing", "--json"]);
    let failing: Value = serde_json::from_slice(&o.stdout).unwrap();
    let n_failing = communes
        .iter()
        .filter(|c| c["verdict"]["passed"] == false)
        .count();
    assert_eq!(failing["communes"].as_array().unwrap().len(), n_failing);

    let o = run(
        t.path(),
        &["score", "--all", "--form", "xa-ntm-nang-cao", "--json"],
    );
    let nc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(nc["communes"].as_array().unwrap().len(), 8);
    assert!(
        nc["communes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["form"] == "xa-ntm-nang-cao")
    );

    let o = run(t.path(), &["score", "--all"]);
    let table = stdout(&o);
    assert_eq!(
        table.lines().count(),
        76,
        "header + one row per commune and form"
    );
    assert!(table.lines().next().unwrap().contains("Biên"));
}

/// The synthesis of 75 communes over two forms (issue #22): a sheet per form named in words,
/// every commune once in its main table and every item's rate in its item tables (wherever a
/// page break repeats a header), as numbers equal to `score --all --json`; a chart pair per
/// form and the distribution; no form id on any sheet.
#[test]
fn the_synthesis_of_75_communes_holds_every_figure_on_a_sheet_per_form() {
    let t = tempfile::tempdir().unwrap();
    seventy_five(t.path(), "12", "2", "5");
    let o = run(t.path(), &["export", "--all", "--out", "tinh.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(t.path(), &["score", "--all", "--json"]);
    let all: Value = serde_json::from_slice(&o.stdout).unwrap();
    let communes = all["communes"].as_array().unwrap();
    let path = t.path().join("tinh.xlsx");
    let book = read_xlsx(&path);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Tổng hợp xã NTM",
            "Tổng hợp xã NTM nâng cao",
            "Biểu đồ",
            "Số liệu biểu đồ"
        ]
    );
    for (sheet, form, n) in [(&book[0], "xa-ntm", 67), (&book[1], "xa-ntm-nang-cao", 8)] {
        let of: Vec<&Value> = communes.iter().filter(|c| c["form"] == form).collect();
        assert_eq!(of.len(), n);
        assert_synthesis(sheet, &of);
    }
    for (name, rows) in &book {
        for cell in rows.iter().flatten() {
            if let Cell::S(s) = cell {
                assert!(!s.contains("xa-ntm"), "{name}: {s}");
            }
        }
    }
    let charts = (1..)
        .take_while(|i| {
            zip::ZipArchive::new(std::fs::File::open(&path).unwrap())
                .unwrap()
                .by_name(&format!("xl/charts/chart{i}.xml"))
                .is_ok()
        })
        .count();
    assert_eq!(charts, 5, "communes and items per form, the distribution");
    let dist = zip_entry(&path, "xl/charts/chart5.xml");
    assert!(dist.contains("formatCode=\"0\""), "{dist}");
}

#[test]
fn two_rounds_are_compared_item_by_item() {
    let t = tempfile::tempdir().unwrap();
    let mut c = Canonical::small();
    c.write(&t.path().join("dot1.xlsx"));
    assert_eq!(
        run(t.path(), &["import", "--round", "2024", "dot1.xlsx"])
            .status
            .code(),
        Some(0)
    );
    c.ballots[0].2[0] = "Không hài lòng".into();
    c.ballots.push((
        "Bản Co Muông".into(),
        "2".into(),
        vec!["Hài lòng".into(); 19],
    ));
    c.write(&t.path().join("dot2.xlsx"));
    assert_eq!(
        run(t.path(), &["import", "--round", "2025", "dot2.xlsx"])
            .status
            .code(),
        Some(0)
    );

    // The latest round is scored by default; an earlier one on request.
    assert_eq!(score_json(t.path(), "chieng mung")["forms"]["returned"], 4);
    let o = run(
        t.path(),
        &[
            "score",
            "--commune",
            "chieng mung",
            "--round",
            "2024",
            "--json",
        ],
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["forms"]["returned"], 3);
    assert_eq!(v["round"], "2024");

    let o = run(
        t.path(),
        &["score", "--commune", "chieng mung", "--compare", "--json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["base_round"], "2024");
    assert_eq!(v["round"], "2025");
    let ch = v["changes"].as_array().unwrap();
    assert_eq!(ch[0]["base_display"], "33,33"); // 3 of 9 households
    assert_eq!(ch[0]["rate_display"], "44,44");
    assert_eq!(ch[0]["change_display"], "+11,11");
    assert_eq!(ch[1]["number"], 1);
    assert_eq!(ch[1]["change_display"], "−25,00"); // 100 % → 3 of 4
    assert_eq!(ch[2]["change_display"], "±0,00");
    let o = run(
        t.path(),
        &["score", "--commune", "chieng mung", "--compare"],
    );
    assert!(stdout(&o).contains("2024 → 2025"), "{}", stdout(&o));
}

#[test]
fn a_province_rule_file_in_the_workspace_config_is_used_and_named() {
    let t = tempfile::tempdir().unwrap();
    Canonical::small().write(&t.path().join("xa.xlsx"));
    assert_eq!(run(t.path(), &["import", "xa.xlsx"]).status.code(), Some(0));
    std::fs::write(
        t.path().join("ws/tinh-x.toml"),
        "[pack]\nid = \"tinh-x\"\ntitle = \"Tỉnh X\"\nextends = \"son-la-267kh\"\nsource = \"KH X\"\nverified = true\n\
         [forms.xa-ntm.participation_commune]\nthreshold_pct = \"40\"\nsource = \"KH X mục 2\"\nverified = true\n",
    )
    .unwrap();
    let before = score_json(t.path(), "chieng mung");
    assert_eq!(before["verdict"]["passed"], false); // 3 of 9 households < 70 %
    std::fs::write(
        t.path().join("ws/hailong.toml"),
        "rules = \"tinh-x.toml\"\n",
    )
    .unwrap();
    let after = score_json(t.path(), "chieng mung");
    assert_eq!(after["rule_pack"], "tinh-x");
    let p = after["verdict"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "participation_commune")
        .unwrap()
        .clone();
    assert_eq!(p["threshold_pct"], 40.0);
    assert_eq!(p["source"], "KH X mục 2");
    assert_eq!(p["passed"], false); // 33,33 % < 40 %
    assert_eq!(p["margin_households"], -1); // ⌈3,6⌉ = 4 needed
}
