//! Reports over many cases for researchers and supervisors: one row per obligation, one
//! summary per case, built from histories as stored (JSON), evaluated as of one moment.
//!
//! [`evaluate_histories`] reads each history with its hash chain verified, computes its
//! obligations and summary, and collects the histories it cannot read as errors instead of
//! stopping, so one bad line does not lose a study.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::case::{china_date, Case, Stage};
use crate::deadline::{Lateness, Obligation, ObligationStatus, RuleSet};

/// One obligation of one case, flat, for a table: the columns of a research export.
///
/// The export is minimised (PIPL): the client appears by the platform's `client_id`, never by
/// name. Lateness is in the rule's own unit (see [`Lateness`]): a day-based rule fills
/// `due_date`, `days_late` and `working_days_late`; an hour-based rule (e.g. the crisis
/// report, `[crisis-immediate]`, 24 hours) fills `due_at` and `hours_late`. A `not_computable`
/// row has every lateness column `None` and its `reason` set. Serialised with every field present (`null`
/// for `None`), so each row has the same columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObligationRow {
    /// The position of its history in the input of a batch, from 0 (0 outside a batch).
    #[serde(default)]
    pub index: usize,
    /// The case number.
    pub case: String,
    /// The client's platform id (never the name).
    pub client_id: String,
    /// The case's worker (actor id).
    pub worker: String,
    /// The case's current stage.
    pub stage: Stage,
    /// The rule ID.
    pub rule: String,
    /// The status's name: `pending`, `at_risk`, `overdue`, `met`, `released`,
    /// `not_computable`.
    pub status: String,
    /// `true` met on time; `false` met late or overdue; `None` no verdict (pending, at risk,
    /// released, not computable).
    pub on_time: Option<bool>,
    /// The due date (last day on time), for day-based rules; `None` for hour-based rules and
    /// when not computable.
    #[serde(default, deserialize_with = "crate::json::date::optional")]
    pub due_date: Option<NaiveDate>,
    /// The due instant, for hour-based rules; `None` otherwise.
    pub due_at: Option<DateTime<FixedOffset>>,
    /// Calendar days late (day-based rules; 0 when not late); `None` for hour-based rules,
    /// released and not computable.
    pub days_late: Option<i64>,
    /// Working days late (day-based rules; 0 when not late); `None` as `days_late`, and when
    /// the calendar does not cover the dates.
    pub working_days_late: Option<i64>,
    /// Started hours late (hour-based rules; at least 1 when late, 0 when not); `None` for
    /// day-based rules, released and not computable.
    pub hours_late: Option<i64>,
    /// Why it is not computable (naming the calendar's last date); `None` otherwise.
    pub reason: Option<String>,
    /// Whether the due date is in a provisional (weekday-only) year.
    pub provisional: bool,
}

/// One case, summarised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseSummary {
    /// The position of its history in the input of a batch, from 0 (0 outside a batch).
    #[serde(default)]
    pub index: usize,
    /// The case number.
    pub case: String,
    /// The client's platform id (never the name).
    pub client_id: String,
    /// The case's worker.
    pub worker: String,
    /// The current stage.
    pub stage: Stage,
    /// The date it was (last) opened, if it was.
    #[serde(default, deserialize_with = "crate::json::date::optional")]
    pub opened: Option<NaiveDate>,
    /// The date it was closed, if it is.
    #[serde(default, deserialize_with = "crate::json::date::optional")]
    pub closed: Option<NaiveDate>,
    /// Days from opening to closing, or to `now` while open; `None` if never opened.
    pub days_open: Option<i64>,
    /// Sessions (会谈) held.
    pub sessions: u32,
    /// Home visits (探访) made.
    pub home_visits: u32,
    /// Obligations raised.
    pub obligations: u32,
    /// Obligations overdue as of `now`.
    pub overdue: u32,
    /// Obligations met late.
    pub met_late: u32,
}

/// A history that could not be read or evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchError {
    /// Its position in the input, from 0.
    pub index: usize,
    /// The error's code (e.g. `"tampered"`).
    pub code: String,
    /// The error's message, with any number that could be an ID number or a phone written as
    /// `<number withheld>`.
    pub message: String,
}

/// The result of evaluating many histories.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Batch {
    /// One row per obligation.
    pub obligations: Vec<ObligationRow>,
    /// One summary per case read.
    pub cases: Vec<CaseSummary>,
    /// The histories that could not be read.
    pub errors: Vec<BatchError>,
}

impl Batch {
    /// An empty batch with room for the rows of `parts`, which are about to be merged into
    /// it: a merge of 300,000 rows then moves each row once, not again at every doubling.
    fn with_room_for<'a>(parts: impl IntoIterator<Item = &'a Batch> + Clone) -> Batch {
        let total = |rows: fn(&Batch) -> usize| {
            parts
                .clone()
                .into_iter()
                .fold(0usize, |n, part| n.saturating_add(rows(part)))
        };
        Batch {
            obligations: Vec::with_capacity(total(|b| b.obligations.len())),
            cases: Vec::with_capacity(total(|b| b.cases.len())),
            errors: Vec::with_capacity(total(|b| b.errors.len())),
        }
    }
}

/// The rows of one case's obligations, their lateness from [`Obligation::lateness`], so the
/// rows agree with the per-case obligations.
pub fn obligation_rows(case: &Case, obligations: &[Obligation]) -> Vec<ObligationRow> {
    let state = case.state();
    let number = case.number().to_string();
    obligations
        .iter()
        .map(|o| {
            let Lateness {
                on_time,
                days_late,
                working_days_late,
                hours_late,
            } = o.lateness();
            ObligationRow {
                index: 0,
                case: number.clone(),
                client_id: state.client.id.clone(),
                worker: state.worker.clone(),
                stage: state.stage,
                rule: o.rule.clone(),
                status: o.status.name().to_owned(),
                on_time,
                due_date: if o.due_at.is_some() { None } else { o.due_date },
                due_at: o.due_at,
                days_late,
                working_days_late,
                hours_late,
                reason: match &o.status {
                    ObligationStatus::NotComputable { reason } => Some(reason.clone()),
                    _ => None,
                },
                provisional: o.provisional,
            }
        })
        .collect()
}

/// A case's summary as of `now`.
pub fn summarise(
    case: &Case,
    obligations: &[Obligation],
    now: DateTime<FixedOffset>,
) -> CaseSummary {
    let s = case.state();
    let opened = s.opened_at.map(china_date);
    let closed = s.closed_at.map(china_date);
    let days_open = opened.map(|o| {
        closed
            .unwrap_or_else(|| china_date(now))
            .signed_duration_since(o)
            .num_days()
    });
    let count = |f: fn(&ObligationStatus) -> bool| {
        u32::try_from(obligations.iter().filter(|o| f(&o.status)).count()).unwrap_or(u32::MAX)
    };
    CaseSummary {
        index: 0,
        case: case.number().to_string(),
        client_id: s.client.id.clone(),
        worker: s.worker.clone(),
        stage: s.stage,
        opened,
        closed,
        days_open,
        sessions: s.sessions,
        home_visits: s.home_visits,
        obligations: u32::try_from(obligations.len()).unwrap_or(u32::MAX),
        overdue: count(|st| matches!(st, ObligationStatus::Overdue { .. })),
        met_late: count(|st| matches!(st, ObligationStatus::Met { on_time: false, .. })),
    }
}

/// Evaluates stored histories (each a [`Case::to_json`] document) as of `now`: every chain
/// verified, every guard replayed, every obligation computed. `first_index` numbers the
/// errors when the input is split into chunks.
///
/// # Example
/// ```
/// use chrono::DateTime;
/// use shegong::{case::*, report::evaluate_histories, Calendar, RuleSet};
/// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
/// let case = Case::start(NewEvent {
///     occurred_at: t("2026-03-02T09:00:00+08:00"), recorded_at: t("2026-03-02T09:00:00+08:00"),
///     actor: Actor::new("w-li", Role::Worker),
///     event: EventKind::Received {
///         case_number: "SZ-2026-0001".parse()?, source: Source::Voluntary, channel: Channel::Phone,
///         client: Client { id: "c-1".into(), name: "王阿姨".into(), date_of_birth: None }, topic: "照护".into(),
///     },
/// })?;
/// let json = case.to_json()?;
/// let batch = evaluate_histories([json.as_str(), "{not json"], &RuleSet::preset(), &Calendar::china(), t("2026-03-10T09:00:00+08:00"), 0);
/// assert_eq!((batch.cases.len(), batch.errors.len()), (1, 1));
/// assert_eq!(batch.errors[0].code, "malformed");
/// # Ok::<(), shegong::case::CaseError>(())
/// ```
pub fn evaluate_histories<'a>(
    histories: impl IntoIterator<Item = &'a str>,
    rules: &RuleSet,
    calendar: &Calendar,
    now: DateTime<FixedOffset>,
    first_index: usize,
) -> Batch {
    let mut batch = Batch::default();
    for (i, json) in histories.into_iter().enumerate() {
        evaluate_into(
            &mut batch,
            json,
            first_index.saturating_add(i),
            rules,
            calendar,
            now,
        );
    }
    batch
}

/// Evaluates one history into `batch`: its obligation rows and summary, or its error row.
/// Rows go straight into the batch's columns, with no vectors of their own in between (a
/// batch thread evaluates histories one at a time into one batch).
fn evaluate_into(
    batch: &mut Batch,
    json: &str,
    index: usize,
    rules: &RuleSet,
    calendar: &Calendar,
    now: DateTime<FixedOffset>,
) {
    match Case::from_json(json) {
        Ok(case) => {
            let obligations = rules.case_obligations(&case, calendar, now, false);
            batch.obligations.extend(
                obligation_rows(&case, &obligations)
                    .into_iter()
                    .map(|row| ObligationRow { index, ..row }),
            );
            #[cfg(test)]
            tests::fault_after_rows(index);
            batch.cases.push(CaseSummary {
                index,
                ..summarise(&case, &obligations, now)
            });
        }
        Err(e) => batch.errors.push(BatchError {
            index,
            code: e.code().to_owned(),
            // A history's own text (a stored head, a case number) may be quoted: numbers
            // that could be an ID number or a phone are withheld, as in every error.
            message: crate::identity::withhold_numbers(&e.to_string()),
        }),
    }
}

/// The limit error of a batch of `count` histories, over
/// [`MAX_BATCH_HISTORIES`](crate::limits::MAX_BATCH_HISTORIES).
fn check_batch_size(count: usize) -> Result<(), crate::json::JsonError> {
    crate::json::check_count(
        "batch",
        "",
        count,
        "MAX_BATCH_HISTORIES",
        crate::limits::MAX_BATCH_HISTORIES,
    )
}

/// The most histories a batch thread takes at a time.
const CHUNK: usize = 256;

/// The error code of a history whose evaluation hit an internal fault (a bug in this library):
/// it is reported for that history alone, never lost.
pub const INTERNAL: &str = "internal";

/// Evaluates stored histories (each a [`Case::to_json`] document) as of `now` on up to
/// `threads` threads (0 or 1: on the calling thread), with one invariant: **every input gives
/// either its rows or one error row**, whose `index` is its position in `histories`. Cases
/// and obligation rows come in input order.
///
/// Each history is evaluated inside [`std::panic::catch_unwind`], so even a bug in this
/// library becomes an error row with code [`INTERNAL`] for that history alone. Threads take
/// chunks of at most 256 histories in turn (the calling thread among them); the chunks of a
/// worker that still fails become error rows, never a silent loss, and a thread that cannot be
/// started leaves its chunks to the others.
///
/// # Errors
/// [`JsonError::LimitExceeded`](crate::json::JsonError::LimitExceeded) for more than
/// [`MAX_BATCH_HISTORIES`](crate::limits::MAX_BATCH_HISTORIES) histories (split the input).
///
/// # Example
/// ```
/// use chrono::DateTime;
/// use shegong::{report::evaluate_batch, Calendar, RuleSet};
/// let now = DateTime::parse_from_rfc3339("2026-03-10T09:00:00+08:00").unwrap();
/// let batch = evaluate_batch(&["{not json", "[]"], &RuleSet::preset(), &Calendar::china(), now, 2)?;
/// let indexes: Vec<usize> = batch.errors.iter().map(|e| e.index).collect();
/// assert_eq!(indexes, [0, 1]);
/// # Ok::<(), shegong::json::JsonError>(())
/// ```
pub fn evaluate_batch<S: AsRef<str> + Sync>(
    histories: &[S],
    rules: &RuleSet,
    calendar: &Calendar,
    now: DateTime<FixedOffset>,
    threads: usize,
) -> Result<Batch, crate::json::JsonError> {
    check_batch_size(histories.len())?;
    let threads = threads.clamp(1, histories.len().max(1));
    // Small chunks handed out in turn, not one share per thread fixed in advance: a thread
    // slowed by the machine (or by a run of long histories) leaves its chunks to the others.
    let chunk = histories
        .len()
        .div_ceil(threads.saturating_mul(8))
        .clamp(1, CHUNK);
    let chunks = histories.len().div_ceil(chunk);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let first = k.saturating_mul(chunk);
            let Some(part) = histories.get(first..first.saturating_add(chunk).min(histories.len()))
            else {
                break;
            };
            if part.is_empty() {
                break;
            }
            done.push((k, evaluate_part(part, rules, calendar, now, first)));
        }
        done
    };
    let mut done: Vec<(usize, Batch)> = std::thread::scope(|scope| {
        // The calling thread works too; a thread that cannot be started leaves its chunks to
        // the others.
        let handles: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut done = work();
        for handle in handles {
            // A worker that failed outside the per-history guard loses its chunks' results;
            // they are reported below, never dropped.
            done.extend(handle.join().unwrap_or_default());
        }
        done
    });
    done.sort_by_key(|(k, _)| *k);
    let mut parts = Vec::with_capacity(chunks);
    let mut done = done.into_iter().peekable();
    for k in 0..chunks {
        match done.next_if(|(j, _)| *j == k) {
            Some((_, part)) => parts.push(part),
            None => {
                let first = k.saturating_mul(chunk);
                let len = chunk.min(histories.len().saturating_sub(first));
                parts.push(internal_rows(first, len, "the worker evaluating it failed"));
            }
        }
    }
    let mut batch = Batch::with_room_for(&parts);
    for part in parts {
        batch.obligations.extend(part.obligations);
        batch.cases.extend(part.cases);
        batch.errors.extend(part.errors);
    }
    Ok(batch)
}

/// Why an input of a batch holds no text to read: it keeps its index and gets an error row
/// with code [`Unreadable::CODE`] and [`Unreadable::message`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Its bytes are not UTF-8.
    NotUtf8,
    /// A null where a history belongs (in an Arrow column of histories).
    Null,
}

impl Unreadable {
    /// The error code of its row.
    pub const CODE: &'static str = "malformed";

    /// The message of its row.
    pub fn message(self) -> &'static str {
        match self {
            Unreadable::NotUtf8 => "history is not valid UTF-8",
            Unreadable::Null => "history is null",
        }
    }
}

/// The histories of a JSON Lines text, one per line: a line holding only JSON whitespace
/// (space, tab, CR, LF) is skipped and takes no index; a line that is not UTF-8 is
/// [`Unreadable::NotUtf8`], so it keeps its index and gets its error row. `\r\n` endings are
/// read as `\n` (the `\r` is JSON whitespace).
///
/// The whole text is checked as UTF-8 once and split at each `\n` without copying; only a text
/// that is not UTF-8 throughout is checked line by line.
pub fn json_lines(bytes: &[u8]) -> Vec<Result<&str, Unreadable>> {
    let mut out = Vec::new();
    if let Ok(text) = std::str::from_utf8(bytes) {
        // Every `\n` of valid UTF-8 is a character boundary.
        out.extend(line_ranges(bytes).map(|(start, end)| Ok(text.get(start..end).unwrap_or(""))));
    } else {
        out.extend(line_ranges(bytes).map(|(start, end)| {
            std::str::from_utf8(bytes.get(start..end).unwrap_or_default())
                .map_err(|_| Unreadable::NotUtf8)
        }));
    }
    out
}

/// Where the non-blank lines of `bytes` start and end, split at each `\n`. The newlines are
/// found by `memchr`, many bytes at a time (`str::split` looked at a word at a time, a
/// fiftieth of a batch's instructions).
fn line_ranges(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0usize;
    memchr::memchr_iter(b'\n', bytes)
        .chain(std::iter::once(bytes.len()))
        .filter_map(move |end| {
            let from = std::mem::replace(&mut start, end.saturating_add(1));
            (!blank(bytes.get(from..end).unwrap_or_default())).then_some((from, end))
        })
}

/// Whether a line of JSON Lines holds only JSON whitespace.
fn blank(line: &[u8]) -> bool {
    line.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// [`evaluate_batch`] over inputs some of which hold no text: each of those gets its
/// [`Unreadable`] error row at its index.
///
/// # Errors
/// As [`evaluate_batch`].
pub fn evaluate_inputs(
    inputs: &[Result<&str, Unreadable>],
    rules: &RuleSet,
    calendar: &Calendar,
    now: DateTime<FixedOffset>,
    threads: usize,
) -> Result<Batch, crate::json::JsonError> {
    let texts: Vec<&str> = inputs.iter().map(|l| l.unwrap_or_default()).collect();
    let mut batch = evaluate_batch(&texts, rules, calendar, now, threads)?;
    mark_unreadable(&mut batch, inputs);
    Ok(batch)
}

/// [`evaluate_batch`] over a JSON Lines text ([`json_lines`]): one history per non-blank line,
/// `index` counting those lines from 0. A line that is not UTF-8 gets the error row of
/// [`Unreadable::NotUtf8`].
///
/// # Errors
/// As [`evaluate_batch`].
///
/// # Example
/// ```
/// use chrono::DateTime;
/// use shegong::{report::evaluate_json_lines, Calendar, RuleSet};
/// let now = DateTime::parse_from_rfc3339("2026-03-10T09:00:00+08:00").unwrap();
/// let text = b"{not json\n\n   \n\xff\xfe\n";
/// let batch = evaluate_json_lines(text, &RuleSet::preset(), &Calendar::china(), now, 2)?;
/// let rows: Vec<(usize, &str)> = batch.errors.iter().map(|e| (e.index, e.message.as_str())).collect();
/// assert_eq!(rows[1], (1, "history is not valid UTF-8"));
/// assert_eq!(rows.len(), 2);
/// # Ok::<(), shegong::json::JsonError>(())
/// ```
pub fn evaluate_json_lines(
    bytes: &[u8],
    rules: &RuleSet,
    calendar: &Calendar,
    now: DateTime<FixedOffset>,
    threads: usize,
) -> Result<Batch, crate::json::JsonError> {
    evaluate_inputs(&json_lines(bytes), rules, calendar, now, threads)
}

/// Gives the inputs that hold no text their error row.
fn mark_unreadable(batch: &mut Batch, inputs: &[Result<&str, Unreadable>]) {
    for row in &mut batch.errors {
        if let Some(Err(why)) = inputs.get(row.index) {
            Unreadable::CODE.clone_into(&mut row.code);
            why.message().clone_into(&mut row.message);
        }
    }
}

/// What reading a JSON Lines stream ([`evaluate_json_lines_from`]) can fail with.
#[derive(Debug)]
pub enum StreamError {
    /// The reader failed.
    Io(std::io::Error),
    /// The stream holds more than
    /// [`MAX_BATCH_HISTORIES`](crate::limits::MAX_BATCH_HISTORIES) histories.
    Limit(crate::json::JsonError),
}

impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StreamError::Io(e) => write!(f, "reading the histories failed: {e}"),
            StreamError::Limit(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for StreamError {}

/// How many bytes of a stream a block holds (more when one line is longer).
const BLOCK: usize = 4 << 20;

/// A block of whole lines of a stream, in stream order.
struct Block {
    /// Its position among the blocks.
    no: usize,
    /// Its lines, each ending with `\n` (but perhaps the stream's last).
    bytes: Vec<u8>,
    /// A line over [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES): its length (the block
    /// then holds one placeholder line in its place; its bytes were never kept).
    too_long: Option<usize>,
}

/// The histories a block's lines give: blank lines skipped, as [`json_lines`].
fn count_lines(bytes: &[u8]) -> usize {
    line_ranges(bytes).count()
}

/// Evaluates a block's histories with indexes from 0 within the block.
fn evaluate_block(
    block: &Block,
    rules: &RuleSet,
    calendar: &Calendar,
    now: DateTime<FixedOffset>,
) -> Batch {
    let lines = json_lines(&block.bytes);
    let texts: Vec<&str> = lines.iter().map(|l| l.unwrap_or_default()).collect();
    let mut batch = evaluate_part(&texts, rules, calendar, now, 0);
    mark_unreadable(&mut batch, &lines);
    if let Some(len) = block.too_long {
        let error = crate::case::CaseError::from(crate::json::too_long("case history", len));
        for row in &mut batch.errors {
            error.code().clone_into(&mut row.code);
            row.message = error.to_string();
        }
    }
    batch
}

/// Reads more of the stream onto the end of `buf`: up to `block` bytes in all when it holds
/// less (the partial line carried over from the previous block, say), `block` more when it
/// already holds that many (a line longer than a block); `Ok(false)` at the end of the stream.
/// The bytes go straight into the buffer's spare room: a file reads into it with no zeroing
/// first (zeroing every 4 MiB block before reading into it cost a memset of the whole input).
/// A recycled buffer, `block` bytes or more, is filled where it is: asking for a whole block
/// on top of the carried line made it reallocate to twice its size almost every time, and
/// the kernel then paged in fresh memory for it.
/// On an error `buf` is as it was.
fn fill(reader: &mut impl std::io::Read, buf: &mut Vec<u8>, block: usize) -> std::io::Result<bool> {
    use std::io::Read as _;
    let start = buf.len();
    let want = match block.checked_sub(start) {
        Some(room) if room > 0 => room,
        _ => block,
    };
    buf.reserve(want);
    let limit = u64::try_from(want).unwrap_or(u64::MAX);
    match reader.by_ref().take(limit).read_to_end(buf) {
        // Fewer bytes than asked for: the stream has ended.
        Ok(n) => Ok(n >= want),
        Err(e) => {
            buf.truncate(start);
            Err(e)
        }
    }
}

/// [`evaluate_json_lines`] over a stream (a file, a socket, a decompressor), read in blocks of
/// whole lines that the threads evaluate while the next block is read: the rows are those of
/// the whole text read at once, and the memory held for input is a few blocks, whatever the
/// stream's length. A line longer than
/// [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES) is not kept either: it gets its
/// `limit_exceeded` error row, as it would from [`evaluate_batch`] (even when it is blank or
/// not UTF-8, which its unkept bytes cannot tell).
///
/// # Errors
/// [`StreamError::Io`] when the reader fails (the rows read so far are dropped: a study is not
/// silently cut short); [`StreamError::Limit`] past
/// [`MAX_BATCH_HISTORIES`](crate::limits::MAX_BATCH_HISTORIES) histories.
///
/// # Example
/// ```
/// use chrono::DateTime;
/// use shegong::{report::evaluate_json_lines_from, Calendar, RuleSet};
/// let now = DateTime::parse_from_rfc3339("2026-03-10T09:00:00+08:00").unwrap();
/// let file: &[u8] = b"{not json\r\n\n[]";
/// let batch = evaluate_json_lines_from(file, &RuleSet::preset(), &Calendar::china(), now, 2)?;
/// let indexes: Vec<usize> = batch.errors.iter().map(|e| e.index).collect();
/// assert_eq!(indexes, [0, 1]);
/// # Ok::<(), shegong::report::StreamError>(())
/// ```
pub fn evaluate_json_lines_from(
    reader: impl std::io::Read,
    rules: &RuleSet,
    calendar: &Calendar,
    now: DateTime<FixedOffset>,
    threads: usize,
) -> Result<Batch, StreamError> {
    stream(reader, BLOCK, rules, calendar, now, threads)
}

/// [`evaluate_json_lines_from`] in blocks of `block` bytes (the tests' blocks are tiny).
fn stream(
    reader: impl std::io::Read,
    block: usize,
    rules: &RuleSet,
    calendar: &Calendar,
    now: DateTime<FixedOffset>,
    threads: usize,
) -> Result<Batch, StreamError> {
    let threads = threads.max(1);
    let (queue, blocks) = std::sync::mpsc::sync_channel::<Block>(threads.saturating_mul(2));
    let blocks = std::sync::Mutex::new(blocks);
    // Evaluated blocks' buffers go back to the reader, which fills them again: a few buffers
    // circulate, instead of a fresh one of BLOCK bytes per block (each paged in by the
    // kernel on first touch: a tenth of a second over a 400 MB file).
    let (spent, recycled) = std::sync::mpsc::channel::<Vec<u8>>();
    let work = || {
        let mut done = Vec::new();
        loop {
            let next = match blocks.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => break,
            };
            let Ok(block) = next else { break };
            done.push((block.no, evaluate_block(&block, rules, calendar, now)));
            // The reader may have finished; the buffer is then simply freed.
            let _ = spent.send(block.bytes);
        }
        done
    };
    let (counts, done) = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        // The calling thread reads, and evaluates a block itself whenever the queue is full
        // (or no worker could be started).
        let mut done = Vec::new();
        let read = read_blocks(
            reader,
            block,
            |block| match queue.try_send(block) {
                Ok(()) => {}
                Err(
                    std::sync::mpsc::TrySendError::Full(block)
                    | std::sync::mpsc::TrySendError::Disconnected(block),
                ) => {
                    done.push((block.no, evaluate_block(&block, rules, calendar, now)));
                    let _ = spent.send(block.bytes);
                }
            },
            || recycled.try_recv().ok(),
        );
        drop(queue);
        // What is still queued is evaluated here too (all of it, when no worker started).
        done.extend(work());
        for handle in handles {
            // A worker that failed outside the per-history guard loses its blocks' results;
            // they are reported below, never dropped.
            done.extend(handle.join().unwrap_or_default());
        }
        (read, done)
    });
    let counts = counts?;
    let mut done = done;
    done.sort_by_key(|(no, _)| *no);
    let mut batch = Batch::with_room_for(done.iter().map(|(_, part)| part));
    let mut done = done.into_iter().peekable();
    let mut first = 0usize;
    for (no, count) in counts.into_iter().enumerate() {
        let part = match done.next_if(|(k, _)| *k == no) {
            Some((_, part)) => part,
            None => internal_rows(0, count, "the worker evaluating it failed"),
        };
        let at = |index: usize| first.saturating_add(index);
        batch
            .obligations
            .extend(part.obligations.into_iter().map(|r| ObligationRow {
                index: at(r.index),
                ..r
            }));
        batch
            .cases
            .extend(part.cases.into_iter().map(|r| CaseSummary {
                index: at(r.index),
                ..r
            }));
        batch
            .errors
            .extend(part.errors.into_iter().map(|r| BatchError {
                index: at(r.index),
                ..r
            }));
        first = first.saturating_add(count);
    }
    Ok(batch)
}

/// Reads a stream into blocks of whole lines, hands each to `send`, and returns how many
/// histories each block holds. A block's buffer is one `recycle` gives back when it has one
/// (an evaluated block's), a new one otherwise.
fn read_blocks(
    mut reader: impl std::io::Read,
    block: usize,
    mut send: impl FnMut(Block),
    mut recycle: impl FnMut() -> Option<Vec<u8>>,
) -> Result<Vec<usize>, StreamError> {
    let mut counts: Vec<usize> = Vec::new();
    let mut total = 0usize;
    let mut emit = |bytes: Vec<u8>, too_long: Option<usize>, counts: &mut Vec<usize>| {
        let count = if too_long.is_some() {
            1
        } else {
            count_lines(&bytes)
        };
        if count == 0 {
            return Ok(());
        }
        total = total.saturating_add(count);
        check_batch_size(total).map_err(StreamError::Limit)?;
        send(Block {
            no: counts.len(),
            bytes,
            too_long,
        });
        counts.push(count);
        Ok(())
    };
    let mut buf: Vec<u8> = Vec::new();
    loop {
        let more = fill(&mut reader, &mut buf, block.max(1)).map_err(StreamError::Io)?;
        match memchr::memrchr(b'\n', &buf) {
            Some(end) if more => {
                // The partial line after the last newline starts the next buffer.
                let mut next = recycle().unwrap_or_default();
                next.clear();
                next.extend_from_slice(buf.get(end.saturating_add(1)..).unwrap_or_default());
                buf.truncate(end.saturating_add(1));
                emit(std::mem::replace(&mut buf, next), None, &mut counts)?;
            }
            _ if !more => {
                emit(std::mem::take(&mut buf), None, &mut counts)?;
                return Ok(counts);
            }
            _ if buf.len() > crate::limits::MAX_INPUT_BYTES => {
                // One line longer than any history may be: count it to its end, keep none
                // of it, and read on after it.
                let mut len = buf.len();
                buf.clear();
                let more = loop {
                    let more =
                        fill(&mut reader, &mut buf, block.max(1)).map_err(StreamError::Io)?;
                    match memchr::memchr(b'\n', &buf) {
                        Some(end) => {
                            len = len.saturating_add(end);
                            buf.drain(..=end);
                            break true;
                        }
                        None => {
                            len = len.saturating_add(buf.len());
                            buf.clear();
                            if !more {
                                break false;
                            }
                        }
                    }
                };
                emit(b"-".to_vec(), Some(len), &mut counts)?;
                if !more && buf.is_empty() {
                    return Ok(counts);
                }
            }
            // A line longer than a block so far: read on.
            _ => {}
        }
    }
}

/// How many obligation rows per history a part of a batch makes room for at once (the
/// benchmark's eleven-event histories make three each); more rows simply grow the column.
const ROWS_PER_HISTORY: usize = 4;

/// For how many histories at most a part makes that room: a block of a stream holds about a
/// thousand histories of ten events, but could hold a million blank or broken lines, for
/// which a gigabyte would be asked of the allocator (refused outright where memory is not
/// overcommitted) and never used.
const ROOM_FOR_HISTORIES: usize = 2048;

/// One chunk of [`evaluate_batch`], each history isolated by `catch_unwind`.
fn evaluate_part<S: AsRef<str>>(
    part: &[S],
    rules: &RuleSet,
    calendar: &Calendar,
    now: DateTime<FixedOffset>,
    first: usize,
) -> Batch {
    // Room for a summary per history and a few obligations each, taken at once: growing the
    // columns by doubling copied every row again and paged in fresh memory at each step.
    // Room never written to is never paged in.
    let room = part.len().min(ROOM_FOR_HISTORIES);
    let mut batch = Batch {
        obligations: Vec::with_capacity(room.saturating_mul(ROWS_PER_HISTORY)),
        cases: Vec::with_capacity(room),
        errors: Vec::new(),
    };
    for (i, json) in part.iter().enumerate() {
        let index = first.saturating_add(i);
        // A panic can leave only this history's rows half-written: they are cut back to where
        // they began, and the history gets its internal-error row.
        let marks = (
            batch.obligations.len(),
            batch.cases.len(),
            batch.errors.len(),
        );
        let one = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            evaluate_into(&mut batch, json.as_ref(), index, rules, calendar, now);
        }));
        if one.is_err() {
            batch.obligations.truncate(marks.0);
            batch.cases.truncate(marks.1);
            batch.errors.truncate(marks.2);
            batch.errors.push(BatchError {
                index,
                code: INTERNAL.to_owned(),
                message: "internal error while evaluating this history (a bug in shegong; please report it)".to_owned(),
            });
        }
    }
    batch
}

fn internal_rows(first: usize, len: usize, why: &str) -> Batch {
    Batch {
        errors: (0..len)
            .map(|i| BatchError {
                index: first.saturating_add(i),
                code: INTERNAL.to_owned(),
                message: format!("internal error: {why}"),
            })
            .collect(),
        ..Batch::default()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

    use super::*;
    use proptest::prelude::*;

    /// A reader that hands out its bytes a few at a time, interrupted now and then.
    struct Trickle<'a> {
        bytes: &'a [u8],
        sizes: Vec<usize>,
        turn: usize,
    }

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.turn = self.turn.wrapping_add(1);
            let size = self.sizes[self.turn % self.sizes.len()];
            if size == 0 && !self.bytes.is_empty() {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let n = size.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-06-01T09:00:00+08:00").unwrap()
    }

    thread_local! {
        /// The index of the history whose evaluation panics on this thread, after its
        /// obligation rows are written and before its summary is.
        static FAULT_AT: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
    }

    /// Panics when `index` is the history a test chose to fail.
    pub(super) fn fault_after_rows(index: usize) {
        if FAULT_AT.with(std::cell::Cell::get) == Some(index) {
            panic!("a fault injected by a test after the rows of history {index}");
        }
    }

    /// A history whose evaluation panics half-way loses its half-written rows and gets one
    /// internal error row; the histories around it are evaluated as without the fault.
    #[test]
    fn a_history_that_panics_half_way_leaves_only_its_error_row() {
        let vector: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/vectors/case/stored-histories.json"
        ))
        .unwrap();
        let stored: Vec<String> = vector["histories"]
            .as_array()
            .unwrap()
            .iter()
            .take(3)
            .map(|h| h["stored"].to_string())
            .collect();
        let (rules, calendar) = (RuleSet::preset(), Calendar::china());
        let clean = evaluate_part(&stored, &rules, &calendar, now(), 10);
        // History 11 reads and has rows; the others may be refused, as they are.
        assert!(clean.obligations.iter().any(|r| r.index == 11));
        assert!(clean.errors.iter().all(|e| e.index != 11));
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        FAULT_AT.with(|f| f.set(Some(11)));
        let faulted = evaluate_part(&stored, &rules, &calendar, now(), 10);
        FAULT_AT.with(|f| f.set(None));
        std::panic::set_hook(hook);
        let without = |rows: &[ObligationRow]| -> Vec<ObligationRow> {
            rows.iter().filter(|r| r.index != 11).cloned().collect()
        };
        assert_eq!(faulted.obligations, without(&clean.obligations));
        assert_eq!(
            faulted.cases,
            clean
                .cases
                .iter()
                .filter(|c| c.index != 11)
                .cloned()
                .collect::<Vec<_>>()
        );
        let codes = |errors: &[BatchError]| -> Vec<(usize, String)> {
            let mut out: Vec<(usize, String)> =
                errors.iter().map(|e| (e.index, e.code.clone())).collect();
            out.sort();
            out
        };
        let mut expected = codes(&clean.errors);
        expected.push((11, INTERNAL.to_owned()));
        expected.sort();
        assert_eq!(codes(&faulted.errors), expected);
    }

    proptest! {
        /// A stream read in blocks of any size, through reads of any size, gives the rows of
        /// the same text read at once: same indexes, blank lines skipped, bad lines kept.
        #[test]
        fn streamed_json_lines_are_the_text_read_at_once(
            parts in prop::collection::vec(prop_oneof![
                Just(b"\n".to_vec()), Just(b"\r\n".to_vec()), Just(b" \t".to_vec()),
                Just(b"\xff".to_vec()), Just(b"{}".to_vec()), Just(b"[]\n".to_vec()),
                Just(b"{\"format\":1}\n".to_vec()), "[a-z{}\":]{0,6}".prop_map(String::into_bytes),
            ], 0..30),
            block in 1usize..24,
            sizes in prop::collection::vec(0usize..9, 1..6),
            threads in 0usize..4,
        ) {
            let bytes = parts.concat();
            let (rules, calendar) = (RuleSet::preset(), Calendar::china());
            let at_once = evaluate_json_lines(&bytes, &rules, &calendar, now(), 1).unwrap();
            let reader = Trickle { bytes: &bytes, sizes: [sizes, vec![1]].concat(), turn: 0 };
            let streamed = stream(reader, block, &rules, &calendar, now(), threads).unwrap();
            prop_assert_eq!(streamed, at_once);
        }
    }

    /// A line over `MAX_INPUT_BYTES` gets the limit error of a text that long without being
    /// kept, and the lines around it keep their indexes.
    #[test]
    fn an_overlong_line_is_counted_not_kept() {
        let long = vec![b'x'; crate::limits::MAX_INPUT_BYTES + 5];
        let ends = [&b"[]\n"[..], &long, b"\r\n{}\n", &long].concat();
        let (rules, calendar) = (RuleSet::preset(), Calendar::china());
        let streamed = stream(&ends[..], 1 << 20, &rules, &calendar, now(), 2).unwrap();
        let at_once = evaluate_json_lines(&ends, &rules, &calendar, now(), 2).unwrap();
        assert_eq!(streamed, at_once);
        let codes: Vec<(usize, &str)> = streamed
            .errors
            .iter()
            .map(|e| (e.index, e.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                (0, "malformed"),
                (1, "limit_exceeded"),
                (2, "malformed"),
                (3, "limit_exceeded")
            ]
        );
        assert!(streamed.errors[1]
            .message
            .contains(&format!("{} bytes", long.len() + 1)));
    }

    /// A stream with more histories than a batch may hold is refused as a limit, before any
    /// of its lines is evaluated (one block holds them all here).
    #[test]
    fn a_stream_past_the_batch_limit_is_refused() {
        let lines = b"{}\n".repeat(crate::limits::MAX_BATCH_HISTORIES + 1);
        let (rules, calendar) = (RuleSet::preset(), Calendar::china());
        let err = stream(&lines[..], lines.len() + 1, &rules, &calendar, now(), 2).unwrap_err();
        let StreamError::Limit(e) = err else {
            panic!("{err}")
        };
        assert!(e.to_string().contains("MAX_BATCH_HISTORIES"), "{e}");
        let exactly = b"{}\n".repeat(crate::limits::MAX_BATCH_HISTORIES);
        assert!(read_blocks(&exactly[..], exactly.len() + 1, |_| {}, || None).is_ok());
    }

    /// A reader's failure is the stream's error, not a batch cut short.
    #[test]
    fn a_failing_reader_is_an_error() {
        struct Broken(usize);
        impl std::io::Read for Broken {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.0 == 0 {
                    return Err(std::io::Error::other("disk gone"));
                }
                self.0 -= 1;
                let line = b"[]\n";
                let n = line.len().min(buf.len());
                buf[..n].copy_from_slice(&line[..n]);
                Ok(n)
            }
        }
        let (rules, calendar) = (RuleSet::preset(), Calendar::china());
        let err = stream(Broken(50), 16, &rules, &calendar, now(), 2).unwrap_err();
        assert!(
            matches!(err, StreamError::Io(_)) && err.to_string().contains("disk gone"),
            "{err}"
        );
    }

    /// A block is filled up to its size, counting the partial line carried into it, in the
    /// buffer it came in (a recycled block is never reallocated); a buffer already that full
    /// (a line longer than a block) reads a block more; a short read is the stream's end.
    #[test]
    fn a_block_is_filled_to_its_size_in_its_own_buffer() {
        let text: Vec<u8> = (0..100u8).collect();
        let mut reader = &text[..];
        let mut buf = Vec::with_capacity(10);
        buf.extend_from_slice(b"abc");
        let at = buf.as_ptr();
        assert!(fill(&mut reader, &mut buf, 10).unwrap());
        assert_eq!((buf.len(), buf.as_ptr()), (10, at));
        assert_eq!(&buf[3..], &text[..7]);
        assert!(fill(&mut reader, &mut buf, 10).unwrap());
        assert_eq!(buf.len(), 20);
        assert_eq!(&buf[10..], &text[7..17]);
        buf.clear();
        let mut tail = &text[95..];
        assert!(!fill(&mut tail, &mut buf, 10).unwrap());
        assert_eq!(buf, &text[95..]);
    }
}
