//! Batch evaluation: every input history gives its rows or one error row, never lost.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;

use chrono::Duration;
use common::vectors::check_or_update;
use common::{ev, random, t, worker};
use proptest::prelude::*;
use proptest::strategy::Strategy;
use serde_json::{json, Value};
use shegong::calendar::Calendar;
use shegong::case::*;
use shegong::deadline::{Obligation, ObligationStatus, RuleSet};
use shegong::report::{evaluate_batch, evaluate_inputs, Batch, ObligationRow, Unreadable};

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    common::t("2026-06-01T09:00:00+08:00")
}

/// The inputs of the batch vector: valid histories at several stages, and bad ones.
fn inputs() -> Vec<(&'static str, String)> {
    let opened = common::case_at(Stage::Opened).to_json().unwrap();
    let closed = common::case_at(Stage::Closed).to_json().unwrap();
    let mut edited: Value = serde_json::from_str(&opened).unwrap();
    edited["events"][1]["actor"]["id"] = json!("w-wang");
    let mut unknown: Value = serde_json::from_str(&opened).unwrap();
    unknown["extra"] = json!(1);
    vec![
        ("opened", opened),
        ("garbage", "{not json".to_owned()),
        ("closed", closed),
        ("edited", edited.to_string()),
        ("unknown-field", unknown.to_string()),
        ("empty-object", "{}".to_owned()),
    ]
}

fn indexes(b: &Batch) -> Vec<usize> {
    let mut all: Vec<usize> = b
        .cases
        .iter()
        .map(|c| c.index)
        .chain(b.errors.iter().map(|e| e.index))
        .collect();
    all.sort_unstable();
    all
}

#[test]
fn batch_vector_is_current_and_replays() {
    let inputs = inputs();
    let texts: Vec<&str> = inputs.iter().map(|(_, s)| s.as_str()).collect();
    let batch = evaluate_batch(&texts, &RuleSet::preset(), &Calendar::china(), now(), 3).unwrap();
    assert_eq!(indexes(&batch), (0..inputs.len()).collect::<Vec<_>>());
    let v = json!({
        "format": 2,
        "kind": "batch",
        "name": "mixed-histories",
        "rules": ["records-authentic"],
        "description": "valid and broken stored case histories evaluated together: every input gives its rows or one error row, indexed by input position",
        "rule_set": "preset",
        "now": "2026-06-01T09:00:00+08:00",
        "histories": inputs.iter().map(|(name, s)| json!({"name": name, "json": s})).collect::<Vec<_>>(),
        "expect": batch,
    });
    check_or_update("report", "mixed-histories.json", &v);
    lateness_vector();
    // Replay the checked-in files.
    if std::env::var_os("UPDATE_VECTORS").is_none() {
        for (file, v) in common::vectors::read_all("report") {
            let texts: Vec<String> = v["histories"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["json"].as_str().unwrap().to_owned())
                .collect();
            for threads in [0, 1, 2, 8] {
                let got = evaluate_batch(
                    &texts,
                    &RuleSet::preset(),
                    &Calendar::china(),
                    common::t(v["now"].as_str().unwrap()),
                    threads,
                )
                .unwrap();
                assert_eq!(serde_json::to_value(&got).unwrap(), v["expect"]);
            }
            common::vectors::replayed("report", &file);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Every input index appears exactly once in cases ∪ errors, for any mix and any
    /// number of threads (the defect: `h.join().ok()` lost a whole chunk).
    #[test]
    fn batch_never_drops_a_history(picks in prop::collection::vec((0usize..6, any::<String>()), 0..24), threads in 0usize..6) {
        let pool = inputs();
        let texts: Vec<String> = picks.iter().map(|(k, junk)| if *k == 5 { junk.clone() } else { pool[*k].1.clone() }).collect();
        let batch = evaluate_batch(&texts, &RuleSet::preset(), &Calendar::china(), now(), threads).unwrap();
        prop_assert_eq!(indexes(&batch), (0..texts.len()).collect::<Vec<_>>());
        let mut per_case: BTreeMap<usize, usize> = BTreeMap::new();
        for o in &batch.obligations { *per_case.entry(o.index).or_default() += 1; }
        for c in &batch.cases { prop_assert_eq!(per_case.get(&c.index).copied().unwrap_or(0), c.obligations as usize); }
    }
}

/// A case received at `at` for client `client`, then `steps` (minutes after `at`, actor, event).
fn history(number: &str, client: &str, at: &str, steps: Vec<(i64, Actor, EventKind)>) -> Case {
    let start = t(at);
    let mut case = Case::start(ev(
        at,
        worker(),
        EventKind::Received {
            case_number: number.parse().unwrap(),
            client: Client {
                id: client.into(),
                name: "王阿姨".into(),
                date_of_birth: None,
            },
            source: Source::Voluntary,
            channel: Channel::Phone,
            topic: "咨询".into(),
        },
    ))
    .unwrap();
    for (minutes, actor, event) in steps {
        let when = start + Duration::minutes(minutes);
        case.apply(NewEvent {
            occurred_at: when,
            recorded_at: when,
            actor,
            event,
        })
        .unwrap();
    }
    case
}

fn crisis() -> EventKind {
    EventKind::CrisisDeclared {
        summary: "表达自伤念头".into(),
    }
}

fn reported() -> EventKind {
    EventKind::CrisisReported {
        to: vec![],
        supervisor: "s-zhang".into(),
        departments: vec!["街道综治办".into()],
    }
}

/// A consultation not opened at the start, replied to `reply` minutes later (if at all).
fn not_opened(number: &str, at: &str, reply: Option<i64>) -> Case {
    let mut steps = vec![
        (
            10,
            worker(),
            EventKind::ConsultationHeld {
                topic: String::new(),
                summary: "政策咨询".into(),
            },
        ),
        (
            20,
            worker(),
            EventKind::NotOpened {
                reasons: "属政策咨询".into(),
            },
        ),
    ];
    if let Some(m) = reply {
        steps.push((
            m,
            worker(),
            EventKind::ConsultationReplied {
                mode: ReplyMode::Written,
                reasons: "书面答复".into(),
            },
        ));
    }
    history(number, &format!("client-{number}"), at, steps)
}

/// The histories of the lateness vector, as of 2026-12-31 09:00: every unit and every null.
fn lateness_inputs() -> Vec<(&'static str, Case)> {
    vec![
        // [crisis-immediate] reported 27 hours after: 3 hours late, never "0 days late".
        (
            "crisis-reported-3h-late",
            history(
                "SZ-2026-0101",
                "client-0101",
                "2026-12-01T09:00:00+08:00",
                vec![
                    (60, worker(), crisis()),
                    (60 + 27 * 60, worker(), reported()),
                ],
            ),
        ),
        // [crisis-immediate] reported 6 hours after: on time.
        (
            "crisis-reported-on-time",
            history(
                "SZ-2026-0102",
                "client-0102",
                "2026-12-10T09:00:00+08:00",
                vec![(0, worker(), crisis()), (6 * 60, worker(), reported())],
            ),
        ),
        // [crisis-immediate] declared 24 h 30 min before now, never reported: 1 started hour.
        (
            "crisis-overdue-30min",
            history(
                "SZ-2026-0103",
                "client-0103",
                "2026-12-30T08:00:00+08:00",
                vec![(30, worker(), crisis())],
            ),
        ),
        // [consult-reply-5wd] not opened Tuesday 12-01, due 12-08, replied Thursday 12-10.
        (
            "reply-2wd-late",
            not_opened(
                "SZ-2026-0104",
                "2026-12-01T09:00:00+08:00",
                Some(9 * 24 * 60),
            ),
        ),
        // [consult-reply-5wd] not opened Friday 12-04, due Friday 12-11, replied Saturday:
        // 1 calendar day late, 0 working days.
        (
            "reply-late-on-a-day-off",
            not_opened(
                "SZ-2026-0105",
                "2026-12-04T09:00:00+08:00",
                Some(8 * 24 * 60),
            ),
        ),
        // [consult-reply-5wd] not opened Monday 12-14, due 12-21, still owed.
        (
            "reply-overdue",
            not_opened("SZ-2026-0106", "2026-12-14T09:00:00+08:00", None),
        ),
        // [consult-reply-5wd] not opened 12-28: due in 2027, past the calendar's data.
        (
            "reply-not-computable",
            not_opened("SZ-2026-0107", "2026-12-28T09:00:00+08:00", None),
        ),
    ]
}

fn lateness_vector() {
    let now = "2026-12-31T09:00:00+08:00";
    let inputs = lateness_inputs();
    let texts: Vec<String> = inputs.iter().map(|(_, c)| c.to_json().unwrap()).collect();
    let batch = evaluate_batch(&texts, &RuleSet::preset(), &Calendar::china(), t(now), 2).unwrap();
    assert!(batch.errors.is_empty());
    let row = |case: &str, rule: &str| -> &ObligationRow {
        batch
            .obligations
            .iter()
            .find(|r| r.case == case && r.rule == rule)
            .unwrap()
    };
    // The defect of issue 13: a late crisis report showed days_late 0 and no on_time.
    let late = row("SZ-2026-0101", "crisis-immediate");
    assert_eq!(
        (late.status.as_str(), late.on_time, late.hours_late),
        ("met", Some(false), Some(3))
    );
    assert_eq!(
        (late.days_late, late.working_days_late, late.due_date),
        (None, None, None)
    );
    assert_eq!(late.due_at, Some(t("2026-12-02T10:00:00+08:00")));
    let overdue = row("SZ-2026-0103", "crisis-immediate");
    assert_eq!(
        (overdue.status.as_str(), overdue.on_time, overdue.hours_late),
        ("overdue", Some(false), Some(1))
    );
    let day_off = row("SZ-2026-0105", "consult-reply-5wd");
    assert_eq!(
        (
            day_off.on_time,
            day_off.days_late,
            day_off.working_days_late
        ),
        (Some(false), Some(1), Some(0))
    );
    let nc = row("SZ-2026-0107", "consult-reply-5wd");
    assert_eq!(nc.status, "not_computable");
    assert_eq!(
        (
            nc.on_time,
            nc.days_late,
            nc.working_days_late,
            nc.hours_late,
            nc.due_date
        ),
        (None, None, None, None, None)
    );
    assert!(
        nc.reason.as_deref().unwrap().contains("2026-12-31"),
        "{:?}",
        nc.reason
    );
    let v = json!({
        "format": 2,
        "kind": "batch",
        "name": "lateness-units",
        "rules": ["crisis-immediate", "consult-reply-5wd", "calendar-provisional"],
        "description": "lateness in each rule's unit: hours for hour-based rules (a late crisis report is never 0 days late), calendar and working days for day-based rules, every lateness column null and the reason set when not computable",
        "rule_set": "preset",
        "now": now,
        "histories": inputs.iter().zip(&texts).map(|((name, _), s)| json!({"name": name, "json": s})).collect::<Vec<_>>(),
        "expect": batch,
    });
    check_or_update("report", "lateness-units.json", &v);
}

/// Counts in an explanation that would be wrong: "0 hours late", "1 working days".
fn bad_counts(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split([' ', '(', ')', ',', ';'])
        .filter(|w| !w.is_empty())
        .collect();
    let mut bad = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let next = |k: usize| words.get(i + k).copied().unwrap_or("");
        let unit = if matches!(next(1), "working" | "calendar") {
            next(2)
        } else {
            next(1)
        };
        if *w == "1" && matches!(unit, "days" | "hours") {
            bad.push(format!("{w} {unit}"));
        }
        let late_after = if matches!(next(1), "working" | "calendar") {
            next(3)
        } else {
            next(2)
        };
        if *w == "0"
            && matches!(unit, "day" | "days" | "hour" | "hours")
            && (late_after == "late" || words.get(i.wrapping_sub(1)) == Some(&"by"))
        {
            bad.push(format!("{w} {unit} {late_after}"));
        }
    }
    bad
}

/// Started hours between two instants, computed here independently of the library.
fn hours_between(
    from: chrono::DateTime<chrono::FixedOffset>,
    to: chrono::DateTime<chrono::FixedOffset>,
) -> i64 {
    let secs = (to - from).num_seconds();
    ((secs + 3599) / 3600).max(1)
}

/// What a row must say of one per-case obligation, derived here from its status alone.
fn check_row(
    o: &Obligation,
    r: &ObligationRow,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(&r.rule, &o.rule);
    prop_assert_eq!(r.status.as_str(), o.status.name());
    prop_assert_eq!(r.due_at, o.due_at);
    prop_assert_eq!(r.provisional, o.provisional);
    let hourly = o.due_at.is_some();
    if hourly {
        prop_assert_eq!(r.due_date, None);
        prop_assert_eq!((r.days_late, r.working_days_late), (None, None));
    } else {
        prop_assert_eq!(r.hours_late, None);
        if !matches!(o.status, ObligationStatus::NotComputable { .. }) {
            prop_assert_eq!(r.due_date, o.due_date);
        }
    }
    let lateness = (r.days_late, r.working_days_late, r.hours_late);
    match &o.status {
        ObligationStatus::Pending | ObligationStatus::AtRisk { .. } => {
            prop_assert_eq!(r.on_time, None);
            let zero = if hourly {
                (None, None, Some(0))
            } else {
                (Some(0), Some(0), None)
            };
            prop_assert_eq!(lateness, zero);
        }
        ObligationStatus::Met { on_time: true, .. } => {
            prop_assert_eq!(r.on_time, Some(true));
            let zero = if hourly {
                (None, None, Some(0))
            } else {
                (Some(0), Some(0), None)
            };
            prop_assert_eq!(lateness, zero);
        }
        ObligationStatus::Met {
            on,
            at,
            working_days_late,
            ..
        } => {
            prop_assert_eq!(r.on_time, Some(false));
            if hourly {
                prop_assert_eq!(r.hours_late, Some(hours_between(o.due_at.unwrap(), *at)));
            } else {
                let days = (*on - o.due_date.unwrap()).num_days();
                prop_assert!(days >= 1);
                prop_assert_eq!(
                    (r.days_late, r.working_days_late),
                    (Some(days), *working_days_late)
                );
            }
        }
        ObligationStatus::Overdue {
            days,
            working_days,
            hours,
        } => {
            prop_assert_eq!(r.on_time, Some(false));
            if hourly {
                prop_assert!(hours.unwrap() >= 1);
                prop_assert_eq!(r.hours_late, *hours);
            } else {
                prop_assert!(*days >= 1);
                prop_assert_eq!(
                    (r.days_late, r.working_days_late),
                    (Some(*days), *working_days)
                );
            }
        }
        ObligationStatus::Released { .. } => {
            prop_assert_eq!((r.on_time, lateness), (None, (None, None, None)));
        }
        ObligationStatus::NotComputable { reason } => {
            prop_assert_eq!((r.on_time, lateness), (None, (None, None, None)));
            prop_assert_eq!((r.due_date, r.due_at), (None, None));
            prop_assert_eq!(r.reason.as_deref(), Some(reason.as_str()));
        }
        other => prop_assert!(false, "a status this test does not know: {:?}", other),
    }
    if !matches!(o.status, ObligationStatus::NotComputable { .. }) {
        prop_assert_eq!(&r.reason, &None);
        // The explanation's parts put back together give the explanation.
        let parts = o.explanation_parts().unwrap();
        prop_assert_eq!(
            format!("{}, {}; {}", parts.why, parts.calendar, parts.status),
            o.explanation.clone()
        );
        prop_assert!(
            parts.calendar.starts_with("calendar "),
            "{}",
            parts.calendar
        );
        // The deadline orders by urgency: passed when overdue, still ahead while owed.
        let deadline = o.deadline().unwrap();
        match &o.status {
            ObligationStatus::Overdue { .. } => prop_assert!(deadline <= now, "{:?}", o),
            ObligationStatus::Pending | ObligationStatus::AtRisk { .. } => {
                prop_assert!(deadline >= now, "{:?}", o)
            }
            _ => {}
        }
    } else {
        prop_assert!(o.explanation_parts().is_none() && o.deadline().is_none());
    }
    // The explanation agrees: a late obligation is never "on time" nor "0 … late".
    prop_assert_eq!(
        bad_counts(&o.explanation),
        Vec::<String>::new(),
        "{}",
        o.explanation
    );
    if r.on_time == Some(false) {
        prop_assert!(!o.explanation.ends_with("on time"), "{}", o.explanation);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// [crisis-immediate] [consult-reply-5wd] [calendar-provisional]: for random histories as
    /// of a random moment (into 2027, past the calendar's data), every batch row says the same
    /// lateness as the per-case obligation it comes from, in its rule's unit; a late report
    /// is late by at least 1 hour or 1 day, and a not-computable row has no lateness and a
    /// reason (the defect of issue 13: late crisis reports showed "0 days late").
    #[test]
    fn batch_lateness_agrees_with_the_per_case_obligations(steps in random::steps(), hours_after in 0i64..(24 * 300)) {
        let (case, _) = random::build(&steps);
        let last = case.history().last().map(|e| e.occurred_at).unwrap();
        let now = last + Duration::hours(hours_after);
        let rules = RuleSet::preset();
        let calendar = Calendar::china();
        let per_case = rules.obligations(&case, &calendar, now);
        let batch = evaluate_batch(&[case.to_json().unwrap()], &rules, &calendar, now, 1).unwrap();
        prop_assert_eq!(batch.obligations.len(), per_case.len());
        for (o, r) in per_case.iter().zip(&batch.obligations) {
            prop_assert_eq!(&r.case, &case.number().to_string());
            prop_assert_eq!(&r.client_id, &case.state().client.id);
            prop_assert_eq!(r.stage, case.state().stage);
            check_row(o, r, now)?;
        }
    }
}

#[test]
fn explanation_counts_are_checked() {
    assert_eq!(
        bad_counts("met on 2026-02-18, 0 working days late"),
        ["0 days late"]
    );
    assert_eq!(
        bad_counts("overdue by 1 working days (1 calendar days)"),
        ["1 days", "1 days"]
    );
    assert!(bad_counts("overdue by 11 working days (21 calendar days)").is_empty());
    assert!(bad_counts("met on 2026-12-12, 1 calendar day late").is_empty());
}

// A batch over MAX_BATCH_HISTORIES is a typed limit error, not an out-of-memory.
#[test]
fn batch_over_the_limit_is_limit_exceeded() {
    let texts = vec![""; shegong::limits::MAX_BATCH_HISTORIES + 1];
    let e = evaluate_batch(&texts, &RuleSet::preset(), &Calendar::china(), now(), 2).unwrap_err();
    assert_eq!(e.kind(), shegong::ErrorKind::LimitExceeded);
}

/// The plain reading [`shegong::report::json_lines`] must agree with: split at every `\n`,
/// drop the lines of JSON whitespace alone, check each of the rest as UTF-8.
fn lines_one_by_one(bytes: &[u8]) -> Vec<Result<&str, Unreadable>> {
    bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(|b| b" \t\r\n".contains(b)))
        .map(|l| std::str::from_utf8(l).map_err(|_| Unreadable::NotUtf8))
        .collect()
}

proptest! {
    /// JSON Lines are split the same way whether the whole text is UTF-8 (one check, split in
    /// place) or not (line by line): blank lines take no index, a bad line keeps its own.
    #[test]
    fn json_lines_split_as_line_by_line(
        parts in prop::collection::vec(prop_oneof![
            Just(b"\n".to_vec()), Just(b"\r\n".to_vec()), Just(b" \t ".to_vec()),
            Just("\u{3000}".as_bytes().to_vec()), Just(b"\xff".to_vec()), Just("\u{7167}".as_bytes()[..2].to_vec()),
            Just(b"{}".to_vec()), "[a-z{}\":]{0,8}".prop_map(String::into_bytes),
        ], 0..40),
    ) {
        let bytes = parts.concat();
        prop_assert_eq!(shegong::report::json_lines(&bytes), lines_one_by_one(&bytes));
    }
}

/// A JSON Lines text evaluates as its lines do one by one: blank lines skipped, a line that is
/// not UTF-8 kept at its index with the error row of `Unreadable::NotUtf8`, CRLF endings read.
#[test]
fn json_lines_evaluate_as_their_lines() {
    let texts: Vec<String> = inputs().into_iter().map(|(_, t)| t).collect();
    let mut bytes = Vec::new();
    for (k, text) in texts.iter().enumerate() {
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(if k % 2 == 0 { b"\r\n \n\n" } else { b"\n" });
    }
    bytes.extend_from_slice(b"\xff\xfe{}\n");
    bytes.extend_from_slice(texts[0].as_bytes());
    let (rules, calendar) = (RuleSet::preset(), Calendar::china());
    let batch = shegong::report::evaluate_json_lines(&bytes, &rules, &calendar, now(), 2).unwrap();
    let mut expected_texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    expected_texts.push("");
    expected_texts.push(&texts[0]);
    let mut expected = evaluate_batch(&expected_texts, &rules, &calendar, now(), 1).unwrap();
    let bad = texts.len();
    for row in &mut expected.errors {
        if row.index == bad {
            row.code = "malformed".into();
            row.message = "history is not valid UTF-8".into();
        }
    }
    assert_eq!(batch, expected);
    assert!(batch
        .errors
        .iter()
        .any(|e| e.index == bad && e.message == "history is not valid UTF-8"));
    assert!(
        batch.cases.iter().any(|c| c.index == bad + 1),
        "the line after the bad one is read"
    );
}

/// Inputs without text (a null, bytes that are not UTF-8) keep their index and get their own
/// error row; the histories around them are read as usual.
#[test]
fn unreadable_inputs_get_their_own_rows() {
    let texts: Vec<String> = inputs().into_iter().map(|(_, t)| t).collect();
    let given = [
        Ok(texts[0].as_str()),
        Err(Unreadable::Null),
        Ok(texts[2].as_str()),
        Err(Unreadable::NotUtf8),
    ];
    let (rules, calendar) = (RuleSet::preset(), Calendar::china());
    let batch = evaluate_inputs(&given, &rules, &calendar, now(), 2).unwrap();
    let errors: Vec<(usize, &str, &str)> = batch
        .errors
        .iter()
        .map(|e| (e.index, e.code.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (1, "malformed", "history is null"),
            (3, "malformed", "history is not valid UTF-8")
        ]
    );
    let cases: Vec<usize> = batch.cases.iter().map(|c| c.index).collect();
    assert_eq!(cases, [0, 2]);
}

/// PIPL: an error row quotes no number from the history that could be an ID number or a
/// phone, as an exception's message does not (`Error::message`).
#[test]
fn an_error_row_withholds_numbers_quoted_from_the_history() {
    let mut stored: Value =
        serde_json::from_str(&common::case_at(Stage::Opened).to_json().unwrap()).unwrap();
    stored["head"] = json!("110101199003071234");
    let text = stored.to_string();
    let (rules, calendar) = (RuleSet::preset(), Calendar::china());
    let batch = evaluate_batch(&[text.as_str()], &rules, &calendar, now(), 1).unwrap();
    let row = &batch.errors[0];
    assert_eq!(row.code, "head_mismatch");
    assert!(
        row.message.contains("expected <number withheld>"),
        "{}",
        row.message
    );
    assert!(
        !row.message.contains("110101199003071234"),
        "{}",
        row.message
    );
    let err = shegong::Error::from(Case::from_json(&text).unwrap_err());
    assert_eq!(err.message(), row.message);
}
