//! The ballot reader (issue 25) on rendered, marked and photographed ballots: the exact
//! answers back for a fixed seed, every hazard sent to a person, damaged and foreign pages
//! failed cleanly without stopping the batch, and no panic on any bytes.
//!
//! Pages are small (8 px/mm rendered, 2.400 px photos) so the debug build stays quick; the
//! 12 MP measurements are bench/omr.sh's.

use hailong::ballot::layout::BallotLayout;
use hailong::ballot::{BallotId, layout_for, render_page};
use hailong::ingest::omr::sim::{self, Condition, ItemTruth, MarkKind, Rng, Truth, Verdict};
use hailong::ingest::omr::{
    FormLayouts, MarkState, PageFailure, PageOutcome, ReviewReason, read_file,
};
use hailong::rules::Library;
use proptest::prelude::*;
use std::sync::OnceLock;

const PPM: f64 = 8.0;
const FRAME: u32 = 2400;

fn lib() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| Library::shipped().expect("shipped rules"))
}

fn id(serial: u32) -> BallotId {
    BallotId {
        form: "xa-ntm".into(),
        commune_code: "04000".into(),
        area_no: 3,
        serial,
        round: "2025-10".into(),
    }
}

fn layout() -> BallotLayout {
    layout_for(lib().form("xa-ntm").expect("form")).expect("layout")
}

/// A ballot with the given marks, rendered and marked; no capture yet.
fn marked_page(serial: u32, items: &[ItemTruth], seed: u64) -> image::GrayImage {
    let form = lib().form("xa-ntm").expect("form");
    let mut page = render_page(form, &id(serial), "Bản Mòng", PPM);
    sim::draw(&mut page, PPM, &layout(), items, &mut Rng::new(seed));
    page
}

/// Every item answered with one clean mark of `kind`, alternating sides.
fn clean_items(kinds: &[MarkKind]) -> Vec<ItemTruth> {
    layout()
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let side = i % 2;
            let mut marks = [None, None];
            marks[side] = Some(kinds[i % kinds.len()]);
            let truth = if side == 0 {
                Truth::Satisfied
            } else {
                Truth::Dissatisfied
            };
            ItemTruth {
                number: it.number,
                truth,
                marks,
                smudge: None,
                stray: false,
            }
        })
        .collect()
}

/// A seed whose capture has the wanted orientation (the simulator turns 10 % of pages).
fn capture_with(page: &image::GrayImage, cond: Condition, upside_down: bool) -> Vec<u8> {
    for seed in 1..200 {
        let mut rng = Rng::new(seed);
        let (bytes, damage) = sim::capture(page, PPM, cond, FRAME, &mut rng);
        if damage.upside_down == upside_down && !damage.shadow {
            return bytes;
        }
    }
    unreachable!("no seed in 200 gave the wanted orientation")
}

fn read_one(bytes: &[u8]) -> PageOutcome {
    let pages = read_file("photo.jpg", bytes, &FormLayouts(lib()));
    assert_eq!(pages.len(), 1);
    pages
        .into_iter()
        .next()
        .map(|p| p.outcome)
        .expect("one page")
}

fn states(outcome: &PageOutcome) -> (BallotId, Vec<MarkState>, bool) {
    match outcome {
        PageOutcome::Read {
            id,
            items,
            upside_down,
        } => (
            id.clone(),
            items.iter().map(|i| i.state).collect(),
            *upside_down,
        ),
        PageOutcome::Failed { failure, .. } => panic!("page not read: {failure:?}"),
    }
}

fn expected(items: &[ItemTruth]) -> Vec<MarkState> {
    items
        .iter()
        .map(|i| match i.truth {
            Truth::Satisfied => MarkState::Satisfied,
            Truth::Dissatisfied => MarkState::Dissatisfied,
            Truth::Blank => MarkState::Blank,
            Truth::Invalid => MarkState::Review(ReviewReason::BothMarked),
        })
        .collect()
}

#[test]
fn a_photographed_ballot_reads_back_to_its_exact_answers() {
    let mut items = clean_items(&[
        MarkKind::Tick,
        MarkKind::Cross,
        MarkKind::Slash,
        MarkKind::Fill,
    ]);
    // Two items left blank.
    for i in [3, 7] {
        items[i].marks = [None, None];
        items[i].truth = Truth::Blank;
    }
    let page = marked_page(127, &items, 7);
    let (got_id, got, upside_down) =
        states(&read_one(&capture_with(&page, Condition::Phone, false)));
    assert_eq!(got_id, id(127));
    assert!(!upside_down);
    assert_eq!(got, expected(&items));
}

#[test]
fn an_upside_down_photo_reads_the_same() {
    let items = clean_items(&[MarkKind::Cross, MarkKind::Tick]);
    let page = marked_page(5, &items, 11);
    let outcome = read_one(&capture_with(&page, Condition::Phone, true));
    let (got_id, got, upside_down) = states(&outcome);
    assert_eq!(got_id, id(5));
    assert!(upside_down);
    assert_eq!(got, expected(&items));
}

#[test]
fn a_scanned_pdf_reads_back() {
    let items = clean_items(&[MarkKind::SmallTick, MarkKind::Cross, MarkKind::Tick]);
    let page = marked_page(9, &items, 3);
    let bytes = capture_with(&page, Condition::Scan, false);
    assert!(bytes.starts_with(b"%PDF"));
    let (got_id, got, _) = states(&read_one(&bytes));
    assert_eq!(got_id, id(9));
    assert_eq!(got, expected(&items));
}

/// Each hazard on its own item; every one must come back as Review (the right reason where
/// the reason is unambiguous) or, for a smudge beside a mark, the mark itself.
#[test]
fn every_hazard_is_decided_right_or_sent_to_review() {
    let mut items = clean_items(&[MarkKind::Tick]);
    let hazards: Vec<(usize, ItemTruth)> = vec![
        (
            0,
            ItemTruth {
                number: 0,
                truth: Truth::Invalid,
                marks: [Some(MarkKind::Tick), Some(MarkKind::Cross)],
                smudge: None,
                stray: false,
            },
        ),
        (
            2,
            ItemTruth {
                number: 0,
                truth: Truth::Satisfied,
                marks: [Some(MarkKind::Circle), None],
                smudge: None,
                stray: false,
            },
        ),
        (
            4,
            ItemTruth {
                number: 0,
                truth: Truth::Dissatisfied,
                marks: [None, Some(MarkKind::FaintTick)],
                smudge: None,
                stray: false,
            },
        ),
        (
            6,
            ItemTruth {
                number: 0,
                truth: Truth::Satisfied,
                marks: [Some(MarkKind::Tick), None],
                smudge: Some(1),
                stray: false,
            },
        ),
        (
            8,
            ItemTruth {
                number: 0,
                truth: Truth::Blank,
                marks: [None, None],
                smudge: Some(0),
                stray: false,
            },
        ),
        (
            10,
            ItemTruth {
                number: 0,
                truth: Truth::Invalid,
                marks: [Some(MarkKind::Fill), Some(MarkKind::Tick)],
                smudge: None,
                stray: false,
            },
        ),
    ];
    for (i, h) in &hazards {
        let number = items[*i].number;
        items[*i] = ItemTruth {
            number,
            ..h.clone()
        };
    }
    let page = marked_page(12, &items, 5);
    let outcome = read_one(&capture_with(&page, Condition::Phone, false));
    if let PageOutcome::Read { items: read, .. } = &outcome {
        for (i, _) in &hazards {
            eprintln!("item {}: {:?} {:?}", i + 1, read[*i].state, read[*i].ink);
        }
    }
    let (_, got, _) = states(&outcome);
    for (i, h) in &hazards {
        let verdict = sim::judge(h.truth, got[*i]);
        assert_ne!(
            verdict,
            Verdict::Wrong,
            "item {}: {:?} read as {:?}",
            i + 1,
            h.marks,
            got[*i]
        );
    }
    assert_eq!(got[0], MarkState::Review(ReviewReason::BothMarked));
    assert_eq!(got[2], MarkState::Review(ReviewReason::AroundBox));
    assert!(
        matches!(got[4], MarkState::Review(_)),
        "faint tick: {:?}",
        got[4]
    );
    assert_eq!(got[10], MarkState::Review(ReviewReason::BothMarked));
    // Review items carry the picture of their two boxes; answered items do not.
    if let PageOutcome::Read { items: read, .. } =
        read_one(&capture_with(&page, Condition::Phone, false))
    {
        for it in &read {
            assert_eq!(
                it.crop_png.is_some(),
                matches!(it.state, MarkState::Review(_))
            );
        }
        let crop = read[0].crop_png.as_ref().expect("crop");
        let img = image::load_from_memory(crop).expect("crop is a PNG");
        assert!(img.width() > img.height(), "both boxes side by side");
    }
}

#[test]
fn a_torn_corner_is_read_from_three_fiducials() {
    let items = clean_items(&[MarkKind::Tick, MarkKind::Cross]);
    let mut page = marked_page(31, &items, 13);
    // Tear off the bottom-right corner: 30 mm × 30 mm of the page gone (white).
    let (w, h) = page.dimensions();
    let cut = (30.0 * PPM) as u32;
    for y in h - cut..h {
        for x in w - cut..w {
            if (w - x) + (h - y) < cut {
                page.put_pixel(x, y, image::Luma([255]));
            }
        }
    }
    let (got_id, got, _) = states(&read_one(&capture_with(&page, Condition::Scan, false)));
    assert_eq!(got_id, id(31));
    assert_eq!(got, expected(&items));
}

#[test]
fn a_photo_of_something_else_fails_and_the_batch_goes_on() {
    // A page of text-like stripes, no fiducials: listed as failed with a preview.
    let other = image::GrayImage::from_fn(1200, 1600, |x, y| {
        image::Luma([if (y / 12) % 3 == 0 && (x / 7) % 5 != 0 {
            40
        } else {
            230
        }])
    });
    let mut jpg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpg, 85)
        .encode_image(&other)
        .unwrap();
    let page = marked_page(2, &clean_items(&[MarkKind::Tick]), 1);
    let good = capture_with(&page, Condition::Phone, false);
    let layouts = FormLayouts(lib());
    let batch: Vec<_> = [("other.jpg", &jpg), ("ballot.jpg", &good)]
        .into_iter()
        .flat_map(|(name, bytes)| read_file(name, bytes, &layouts))
        .collect();
    match &batch[0].outcome {
        PageOutcome::Failed {
            failure,
            preview_png,
        } => {
            assert_eq!(*failure, PageFailure::NoFiducials);
            assert!(image::load_from_memory(preview_png).is_ok());
        }
        o => panic!("other.jpg read as a ballot: {o:?}"),
    }
    assert!(matches!(batch[1].outcome, PageOutcome::Read { .. }));
}

#[test]
fn a_truncated_jpeg_fails_without_panic() {
    let page = marked_page(3, &clean_items(&[MarkKind::Tick]), 2);
    let good = capture_with(&page, Condition::Phone, false);
    for cut in [10, 600, good.len() / 2] {
        let pages = read_file("cut.jpg", &good[..cut], &FormLayouts(lib()));
        assert_eq!(pages.len(), 1);
        assert!(
            matches!(pages[0].outcome, PageOutcome::Failed { .. }),
            "cut at {cut}"
        );
    }
}

#[test]
fn an_unknown_form_is_a_page_failure() {
    let page = marked_page(4, &clean_items(&[MarkKind::Tick]), 2);
    let bytes = capture_with(&page, Condition::Scan, false);
    struct NoForms;
    impl hailong::ingest::omr::Layouts for NoForms {
        fn layout(&self, _: &BallotId) -> Option<BallotLayout> {
            None
        }
    }
    let pages = read_file("scan.pdf", &bytes, &NoForms);
    assert!(matches!(
        pages[0].outcome,
        PageOutcome::Failed {
            failure: PageFailure::UnknownForm,
            ..
        }
    ));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn read_file_never_panics_on_arbitrary_bytes(
        head in prop::sample::select(vec![&b""[..], b"\xFF\xD8\xFF", b"\x89PNG\r\n\x1a\n", b"II*\0", b"MM\0*", b"%PDF-1.4"]),
        body in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut bytes = head.to_vec();
        bytes.extend_from_slice(&body);
        let pages = read_file("x", &bytes, &FormLayouts(lib()));
        prop_assert!(!pages.is_empty());
    }
}
