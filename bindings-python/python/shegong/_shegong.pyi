"""Type stubs of the compiled module (the Rust core's Python binding)."""

import datetime
import os
from typing import IO, Any, Dict, Iterable, List, Literal, Optional, Protocol, Sequence, Tuple, Union, final, overload


from .events import (
    ActivityHistory,
    CalendarSpec,
    CaseColumns,
    CaseEventType,
    CaseHistory,
    ErrorColumns,
    GroupStage,
    NewActivityEvent,
    NewCaseEvent,
    NewVolunteerEvent,
    ObligationColumns,
    RecordedActivityEvent,
    RecordedCaseEvent,
    RecordedVolunteerEvent,
    Stage,
    VolunteerHistory,
    VolunteerRegistration,
    VolunteerStage,
)
from .types import (
    Applied,
    AnnualHours,
    Checked,
    Day,
    Decision,
    Finding,
    JsonDict,
    NewEvent,
    Obligation,
    PlanReport,
    Ranked,
    RedactedRecord,
    Routing,
    StaffViewer,
    SubjectFacts,
    SupervisionTotal,
)

__version__: str

class _ArrowArrayExportable(Protocol):
    """Anything with ``__arrow_c_array__`` (a pyarrow ``Array``, an ``ArrowArray``)."""
    def __arrow_c_array__(self, requested_schema: Optional[object] = None) -> Tuple[object, object]: ...

class _ArrowStreamExportable(Protocol):
    """Anything with ``__arrow_c_stream__`` (a pyarrow ``ChunkedArray``, a Polars ``Series``)."""
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...

class _NumpyArray(Protocol):
    """A numpy array (``datetime64[D]`` for dates), described without importing numpy."""
    @property
    def dtype(self) -> Any: ...
    @property
    def shape(self) -> Tuple[int, ...]: ...

_ArrowColumn = Union[_ArrowArrayExportable, _ArrowStreamExportable]
__all__ = [
    "Access",
    "Activity",
    "ActivityRefused",
    "AgencyCalendarError",
    "ArrowArray",
    "ArrowTable",
    "BatchResult",
    "Calendar",
    "CalendarRangeError",
    "Case",
    "CyclicInput",
    "DEFAULT_HOURS_PER_DAY",
    "DEFAULT_PAID_LEAVE_DAYS",
    "DEFAULT_SCOPE",
    "DEFAULT_VIEW",
    "DIRECT_SHARE_PERCENT",
    "GroupRefused",
    "HeadMismatch",
    "IdNumber",
    "InvalidIdNumber",
    "InvalidInput",
    "InvalidLine",
    "InvalidMask",
    "InvalidNickname",
    "InvalidParameters",
    "InvalidPhone",
    "InvalidRecord",
    "LimitExceeded",
    "MASK_KEEP_END",
    "MASK_KEEP_START",
    "MAX_BATCH_HISTORIES",
    "MAX_DEPTH",
    "MAX_HISTORY_EVENTS",
    "MAX_INPUT_BYTES",
    "MAX_STRING_BYTES",
    "MalformedData",
    "NotStarted",
    "OutOfOrder",
    "OutOfRange",
    "Overflow",
    "Phone",
    "ResultOutOfRange",
    "Roster",
    "RosterRefused",
    "RuleSet",
    "RuleSetError",
    "ServiceGroup",
    "ShegongError",
    "TamperedHistory",
    "TransitionRefused",
    "UnknownBase",
    "UnknownEventKind",
    "UnknownRule",
    "UnknownValue",
    "UnsupportedFormat",
    "Volunteer",
    "Viewer",
    "VolunteerRefused",
    "__version__",
    "actual_counts",
    "age_groups",
    "annual_hours",
    "annual_hours_from_calendar",
    "case_number",
    "check_budget",
    "check_staffing",
    "check_supervision",
    "compare",
    "consultation_count",
    "default_retention",
    "direct_share",
    "error_kinds",
    "evaluate_histories",
    "evaluate_jsonl",
    "evaluate_plan",
    "event_types",
    "fee_cap",
    "next_case_number",
    "nickname",
    "parse_event",
    "parse_nickname",
    "past_retention",
    "prioritise",
    "record_fields",
    "record_kinds",
    "record_schema",
    "reference_table",
    "retain_until",
    "route",
    "standard_plan",
    "total_hours",
    "total_supervision",
    "validate_record",
    "zh_labels",
]

# Errors: every one carries `code`, `rule_id` and `message`. Each core error kind
# (`error_kinds()`) has exactly one class, whose `code` is the kind's code.

class ShegongError(Exception):
    """Any error of shegong; ``code``, ``rule_id`` and ``message`` say which."""
    code: str
    rule_id: Optional[str]
    message: str

class TransitionRefused(ShegongError):
    """A case refused an event: the rules forbid this step now."""
class ActivityRefused(ShegongError):
    """An activity refused an event."""
class VolunteerRefused(ShegongError):
    """A volunteer or a confidentiality agreement refused a step."""
class RosterRefused(VolunteerRefused):
    """A shift or roster step is not allowed."""
class GroupRefused(ShegongError):
    """A service group refused a step."""
class InvalidInput(ShegongError):
    """A missing or malformed field (an empty reason, a duplicate id)."""
class InvalidRecord(InvalidInput):
    """A field of a needs-assessment or service record breaks its form's rules."""
class InvalidLine(InvalidInput):
    """A workload plan line names an item or variant the table does not have."""
class InvalidParameters(InvalidInput):
    """Workload parameters that make no sense (more days off than days)."""
class InvalidIdNumber(InvalidInput):
    """An invalid resident ID number (GB 11643-1999)."""
class InvalidPhone(InvalidInput):
    """An invalid phone number."""
class InvalidNickname(InvalidInput):
    """A nickname that does not follow the convention [nickname-convention]."""
class InvalidMask(InvalidInput, ValueError):
    """A mask that would show more of an ID number than its region code and last four characters."""
class MalformedData(ShegongError):
    """Data that could not be read: malformed JSON, a missing or unknown field, a wrong type."""
class UnknownValue(MalformedData, ValueError):
    """A string that names no value of an enum (a view, a position, a record kind)."""
class UnknownEventKind(MalformedData):
    """An event type this library does not know."""
class UnsupportedFormat(MalformedData):
    """A stored format newer than this library reads."""
class NotStarted(MalformedData):
    """A history with no events, or one that does not start with its first event."""
class CyclicInput(MalformedData):
    """A dict or list that contains itself (directly or through others): it has no JSON form."""
class OutOfOrder(ShegongError):
    """An event's timestamps are out of order [records-authentic]."""
class TamperedHistory(ShegongError):
    """A history's hash chain is broken [records-authentic]."""
class HeadMismatch(TamperedHistory):
    """A history does not end at its stored chain head: truncated, extended or re-chained."""
class CalendarRangeError(ShegongError, ValueError):
    """A date outside the calendar's data [calendar-provisional]."""
class ResultOutOfRange(CalendarRangeError):
    """An answer that would lie outside the calendar's data [calendar-provisional]."""
class AgencyCalendarError(ShegongError):
    """An agency calendar names a date twice, or a date the calendar cannot cover."""
class UnknownBase(AgencyCalendarError):
    """A stored calendar names a base calendar this library does not know."""
class RuleSetError(ShegongError):
    """An inconsistent rule set."""
class UnknownRule(RuleSetError):
    """No rule has the ID asked for."""
class OutOfRange(ShegongError, ValueError):
    """An int outside what its field or argument holds (e.g. ``2**64``, or ``-1`` for a count), or a
    float that is NaN or infinite. Also a ``ValueError``; never a bare ``OverflowError``."""
class Overflow(OutOfRange):
    """Arithmetic on numbers from outside would overflow (hours, fees, serials, offsets)."""
class LimitExceeded(ShegongError):
    """Input beyond a documented limit: nesting deeper than ``MAX_DEPTH``, a string over
    ``MAX_STRING_BYTES``, a history over ``MAX_HISTORY_EVENTS``."""

def error_kinds() -> List[str]:
    """The codes of every core error kind, in the core's order."""

# The core's named defaults and limits.

DIRECT_SHARE_PERCENT: int
DEFAULT_PAID_LEAVE_DAYS: int
DEFAULT_HOURS_PER_DAY: int
MASK_KEEP_START: int
MASK_KEEP_END: int
DEFAULT_VIEW: str
DEFAULT_SCOPE: str
MAX_DEPTH: int
MAX_INPUT_BYTES: int
MAX_STRING_BYTES: int
MAX_HISTORY_EVENTS: int
MAX_BATCH_HISTORIES: int

# Calendar

@final
class Calendar:
    """China's official working-day calendar (工作日, 调休), optionally answering provisional
    years and carrying an agency's own closures and duty days."""
    @staticmethod
    def china() -> Calendar:
        """The official calendar (2004-01-01 .. 2026-12-31 in this data version)."""
    @staticmethod
    def from_json(json: Union[str, CalendarSpec, JsonDict]) -> Calendar:
        """A calendar from its stored description: JSON text as `to_json` gives, or the same
        description as a dict (`json.loads(cal.to_json())`, or written by hand:
        `{"base": "cn-official", "closures": [{"date": "2026-05-06", "note": "全员培训日"}]}`).
        Dates in a dict may be `datetime.date` or ISO text."""
    def to_json(self) -> str:
        """The calendar's stored description, as JSON."""
    def with_provisional(self, allow: bool) -> Calendar:
        """This calendar answering (or not) provisional years with the weekday-only rule."""
    def with_agency_days(self, name: str, closures: Sequence[JsonDict], extra_workdays: Sequence[JsonDict]) -> Calendar:
        """An agency calendar: closures and extra working days as lists of
        `{"date": date, "note": str}`."""
    def is_workday(self, date: datetime.date) -> bool:
        """Whether `date` is a working day."""
    def day(self, date: datetime.date) -> Day:
        """What kind of day `date` is (a dict: date, working, kind, provisional, …)."""
    def add_workdays(self, date: datetime.date, n: int) -> datetime.date:
        """The `n`-th working day after `date` (before it for negative `n`)."""
    def add_workdays_checked(self, date: datetime.date, n: int) -> Checked:
        """`add_workdays`, with whether the answer depends on a provisional year."""
    def workdays_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days `d` with `start < d <= end` (negative when `end < start`)."""
    def workdays_between_checked(self, start: datetime.date, end: datetime.date) -> Checked:
        """`workdays_between`, with whether the count depends on a provisional year."""
    def workday_on_or_after(self, date: datetime.date) -> datetime.date:
        """`date` if it is a working day, else the next one."""
    def workday_on_or_before(self, date: datetime.date) -> datetime.date:
        """`date` if it is a working day, else the previous one."""
    def workdays_in_year(self, year: int) -> int:
        """Working days in `year`."""
    def year_facts(self, year: int) -> JsonDict:
        """The facts of one year: notices, statutory holiday days, breaks, working days."""
    def is_official(self, date: datetime.date) -> bool:
        """Whether `date` is covered by official data."""
    def add_workdays_many(self, dates: Sequence[datetime.date], n: int) -> List[datetime.date]:
        """`add_workdays` for many dates at once, in Rust without the GIL."""
    def workdays_between_many(self, starts: Sequence[datetime.date], ends: Sequence[datetime.date]) -> List[int]:
        """`workdays_between` for many pairs at once, in Rust without the GIL."""
    @overload
    def add_workdays_array(self, dates: _ArrowColumn, n: int) -> ArrowArray:
        """`add_workdays` over a whole column: an Arrow ``date32`` array (pyarrow, Polars; the
        answer is an ``ArrowArray`` of ``date32``, nulls kept) or a numpy ``datetime64[D]`` array
        (the answer is one too, ``NaT`` kept). A date not covered raises ``CalendarRangeError``."""
    @overload
    def add_workdays_array(self, dates: _NumpyArray, n: int) -> Any:
        """numpy ``datetime64[D]`` in, numpy ``datetime64[D]`` out (``NaT`` kept)."""
    @overload
    def workdays_between_array(self, starts: _ArrowColumn, ends: Union[_ArrowColumn, _NumpyArray]) -> ArrowArray:
        """`workdays_between` over two columns of equal length, pairwise: an ``ArrowArray`` of
        ``int64`` (null where either date is), or a numpy ``int64`` array when both are numpy
        (where ``NaT`` raises ``InvalidInput``)."""
    @overload
    def workdays_between_array(self, starts: _NumpyArray, ends: _ArrowColumn) -> ArrowArray:
        """A numpy and an Arrow column: an ``ArrowArray`` of ``int64``."""
    @overload
    def workdays_between_array(self, starts: _NumpyArray, ends: _NumpyArray) -> Any:
        """Two numpy ``datetime64[D]`` arrays: a numpy ``int64`` array (``NaT`` raises ``InvalidInput``)."""
    @overload
    def is_workday_array(self, dates: _ArrowColumn) -> ArrowArray:
        """`is_workday` over a whole column: an ``ArrowArray`` of ``bool`` (nulls kept), or a numpy
        ``bool`` array for numpy input (where ``NaT`` raises ``InvalidInput``)."""
    @overload
    def is_workday_array(self, dates: _NumpyArray) -> Any:
        """numpy ``datetime64[D]`` in, numpy ``bool`` out (``NaT`` raises ``InvalidInput``)."""
    @property
    def name(self) -> str:
        """The display name ("CN official", or the agency's)."""
    @property
    def data_version(self) -> str:
        """The version of the embedded official data."""
    @property
    def first_date(self) -> datetime.date:
        """The first date answered."""
    @property
    def last_date(self) -> datetime.date:
        """The last date answered."""
    @property
    def official_last_date(self) -> datetime.date:
        """The last date covered by official data."""
    @property
    def allows_provisional(self) -> bool:
        """Whether provisional years are answered."""

# Cases

@final
class Case:
    """A case (个案): its tamper-evident history and the state derived from it. Events are dicts
    `{"occurred_at": datetime, "recorded_at": datetime, "actor": {"id", "role"}, "event":
    {"type": …, …}}`, typed as ``shegong.events.NewCaseEvent``: one ``TypedDict`` per event
    type (``CaseReceived``, ``CaseOpened``, …), documented field by field in
    ``schemas/case_event.schema.json`` and in the README's "The events of a case"."""
    @staticmethod
    def start(event: Union[NewCaseEvent, NewEvent, JsonDict]) -> Case:
        """Starts a case from its first event (`received`)."""
    def apply(self, event: Union[NewCaseEvent, NewEvent, JsonDict]) -> Applied:
        """Checks an event against the rules and appends it; returns `{seq, hash, stage, warnings}`.
        A refused event raises and changes nothing."""
    @staticmethod
    def replay(events: Sequence[Union[RecordedCaseEvent, JsonDict]]) -> Case:
        """Rebuilds a case from its recorded events, verifying the chain and every guard."""
    @staticmethod
    def replay_verified(events: Sequence[Union[RecordedCaseEvent, JsonDict]], head: str) -> Case:
        """`replay`, then checks the history ends at the stored chain head."""
    @staticmethod
    def from_json(json: str) -> Case:
        """Reads a stored history (JSON), verifying its chain and every guard."""
    def to_json(self) -> str:
        """The stored history as JSON."""
    def to_dict(self) -> CaseHistory:
        """The stored history as a dict: format, case_number, head, events."""
    def file_check(self) -> JsonDict:
        """What the case file holds and which required forms are missing."""
    @property
    def number(self) -> str:
        """The case number."""
    @property
    def stage(self) -> Stage:
        """The current stage's name."""
    @property
    def head(self) -> str:
        """The chain head (the last event's hash): store it beside the history."""
    @property
    def state(self) -> JsonDict:
        """The derived state."""
    @property
    def history(self) -> List[RecordedCaseEvent]:
        """The recorded events, oldest first."""
    def __len__(self) -> int:
        """Return len(self)."""

def consultation_count(cases: Sequence[Case], client_id: str, topic: str) -> int:
    """Consultations a client had on a topic across cases (`[consult-max-3]`)."""
def case_number(agency: str, year: int, serial: int) -> str:
    """A case number from its parts, e.g. `SZ-2026-0007` (`[case-numbering]`)."""
def next_case_number(agency: str, year: int, issued: Sequence[str]) -> str:
    """The next case number for an agency and year, given the numbers already issued."""
def event_types() -> List[CaseEventType]:
    """The names of every case event type, in the core's order (those of activities and
    volunteers: ``shegong.events.EVENT_TYPES``)."""
def parse_event(json: str) -> NewCaseEvent:
    """Reads one event to record from JSON (typed errors for unknown event types)."""

# Deadlines

@final
class RuleSet:
    """A versioned set of deadline rules: the built-in preset, or an agency's own."""
    @staticmethod
    def preset() -> RuleSet:
        """Every time limit of the sources."""
    @staticmethod
    def from_json(json: str) -> RuleSet:
        """A rule set from JSON, validated."""
    def to_json(self) -> str:
        """The rule set as JSON."""
    def with_offset(self, rule_id: str, offset: Dict[str, int]) -> RuleSet:
        """The set with one rule's offset replaced, e.g. `{"working_days": 3}` or `{"hours": 2}`."""
    def without(self, rule_id: str) -> RuleSet:
        """The set without one rule."""
    def with_rule(self, rule: JsonDict) -> RuleSet:
        """The set with one more rule (a dict)."""
    def renamed(self, name: str, version: str) -> RuleSet:
        """The set renamed and re-versioned."""
    def obligations(self, case: Case, calendar: Calendar, now: datetime.datetime) -> List[Obligation]:
        """The obligations a case owes as of `now` (an aware datetime)."""
    def activity_obligations(self, activity: Activity, calendar: Calendar, now: datetime.datetime) -> List[Obligation]:
        """The obligations an activity owes as of `now`."""
    @property
    def rules(self) -> List[JsonDict]:
        """The rules, as dicts."""
    @property
    def name(self) -> str:
        """The set's name."""
    @property
    def version(self) -> str:
        """The set's version."""

# Activities

@final
class Activity:
    """A group or community activity on the same event log as ``Case``: events are
    ``{occurred_at, recorded_at, actor, event}`` (``shegong.events.NewActivityEvent``); the first
    is ``{"type": "planned", "plan": …}`` (``ActivityPlanned``)."""
    @staticmethod
    def start(event: Union[NewActivityEvent, NewEvent, JsonDict]) -> Activity:
        """Starts an activity from its first event (`planned`)."""
    def apply(self, event: Union[NewActivityEvent, NewEvent, JsonDict]) -> Applied:
        """Checks an event and appends it; returns `{seq, hash, stage, warnings}`. A refused event
        raises and changes nothing."""
    @staticmethod
    def replay(events: Sequence[Union[RecordedActivityEvent, JsonDict]]) -> Activity:
        """Rebuilds an activity from its recorded events, verifying the chain and every guard."""
    @staticmethod
    def from_json(json: str) -> Activity:
        """Reads a stored history (JSON), verifying its chain and every guard."""
    def to_json(self) -> str:
        """The stored history as JSON."""
    def to_dict(self) -> ActivityHistory:
        """The stored history as a dict: format, id, rules, head, events."""
    def plan_of(self) -> JsonDict:
        """The plan."""
    def norm_warnings(self) -> List[JsonDict]:
        """The size and length norms it does not meet (warnings)."""
    def group_file_missing(self) -> List[str]:
        """The records a group's file lacks (`[group-records]`): `member_list` and
        `member_contract`, in that order; empty for other kinds."""
    @property
    def head(self) -> str:
        """The chain head (the last event's hash): store it beside the history."""
    @property
    def history(self) -> List[RecordedActivityEvent]:
        """The history, oldest first."""
    @property
    def group_stage(self) -> Optional[GroupStage]:
        """A group's stage, or None for other kinds."""
    @property
    def sessions_held(self) -> int:
        """Sessions held."""
    def __len__(self) -> int:
        """Return len(self)."""

# Volunteers

@final
class Volunteer:
    """A volunteer on the same event log as ``Case`` (events: ``shegong.events.NewVolunteerEvent``):
    the first event is ``{"type": "registered", "volunteer_id": …, "registration": …}``
    (``VolunteerRegistered``)."""
    @staticmethod
    def start(event: Union[NewVolunteerEvent, NewEvent, JsonDict]) -> Volunteer:
        """Starts a volunteer from the first event (`registered`)."""
    def apply(self, event: Union[NewVolunteerEvent, NewEvent, JsonDict]) -> Applied:
        """Checks an event against the life cycle and agreement rules and appends it; returns
        `{seq, hash, stage, warnings}`. A refused event raises and changes nothing."""
    @staticmethod
    def replay(events: Sequence[Union[RecordedVolunteerEvent, JsonDict]]) -> Volunteer:
        """Rebuilds a volunteer from its recorded events, verifying the chain and every guard."""
    @staticmethod
    def from_json(json: str) -> Volunteer:
        """Reads a stored history (JSON), verifying its chain and every guard."""
    def to_json(self) -> str:
        """The stored history as JSON."""
    def to_dict(self) -> VolunteerHistory:
        """The stored history as a dict: format, id, rules, head, events."""
    @property
    def head(self) -> str:
        """The chain head (the last event's hash): store it beside the history."""
    def __len__(self) -> int:
        """Return len(self)."""
    def agreement_status_on(self, date: datetime.date) -> Optional[JsonDict]:
        """The status of the volunteer's agreement on `date`, or None without one."""
    def agreement_in_force_on(self, date: datetime.date) -> Optional[JsonDict]:
        """The agreement in force on `date`, or None."""
    def viewer(self, acting_as: str, on: datetime.date, purpose: str = "service") -> Viewer:
        """The volunteer as an access-decision viewer, read from this record only."""
    def viewer_at(self, acting_as: str, at: datetime.datetime, purpose: str = "service") -> Viewer:
        """The volunteer as an access-decision viewer at the moment `at`, read to the minute
        from this record only (`[access-while-serving]`)."""
    def agreement_status_at(self, at: datetime.datetime) -> Optional[JsonDict]:
        """The status of the volunteer's agreement at the moment `at`, or None without one."""
    @property
    def kinds(self) -> List[str]:
        """The positions the volunteer registered (`medical`, `psychological`, `general`, `other`)."""
    def deployments_on(self, date: datetime.date) -> List[str]:
        """The groups the volunteer was deployed to on `date`."""
    def deployments_at(self, at: datetime.datetime) -> List[str]:
        """The groups the volunteer was deployed to at the moment `at`."""
    @property
    def acquaintances(self) -> List[str]:
        """The clients the volunteer declared they know (`[acquaintance-avoidance]`)."""
    @property
    def id(self) -> str:
        """The volunteer's id."""
    @property
    def stage(self) -> VolunteerStage:
        """The life-cycle stage's name."""
    @property
    def registration(self) -> VolunteerRegistration:
        """The registration form."""
    @property
    def agreements(self) -> List[JsonDict]:
        """The agreements with their signatures, termination and breaches."""
    @property
    def deployments(self) -> List[str]:
        """The groups the volunteer is deployed to."""
    @property
    def duty_of_confidentiality(self) -> bool:
        """Whether the volunteer owes confidentiality (for ever, once an agreement was signed)."""
    @property
    def history(self) -> List[RecordedVolunteerEvent]:
        """The history, oldest first."""

@final
class Roster:
    """A group's shift roster: claiming, rescheduling by the secretary, handovers and hours."""
    def __new__(cls, group_id: str, secretary: Optional[str] = None) -> Roster: ...
    def add_shift(self, shift_id: str, start: datetime.datetime, end: datetime.datetime, kind: str) -> None:
        """Adds a shift from `start` to `end` needing a volunteer of `kind`."""
    def claim(self, shift_id: str, volunteer: Volunteer) -> None:
        """A volunteer claims an open shift: deployed to the group and under an agreement in force throughout the shift's time, read from the volunteer's own history (`[access-while-serving]`)."""
    def verify_claims(self, volunteers: Sequence[Volunteer]) -> None:
        """Re-checks every claimed shift against its volunteer's record as it stands now (a withdrawal recorded after the claim, say); run it before `hours_worked` counts hours for a report (`[access-while-serving]`, `[volunteer-hours]`)."""
    def reschedule(self, from_shift: str, to_shift: str, volunteer: Volunteer, by: Volunteer) -> None:
        """The group secretary moves a volunteer's shift."""
    def handover(self, from_shift: str, clients: Sequence[str], records: Sequence[str], summary: str, by: Volunteer, at: datetime.datetime) -> JsonDict:
        """Hands a shift's clients and records to the next shift, dated between the shift's start and the end of the later of it and the next shift (`[shift-handover]`), by the shift's volunteer or the group's secretary, each serving by their own record at `at`."""
    def hours_worked(self, until: datetime.datetime) -> List[JsonDict]:
        """Service hours of the claimed shifts that ended by `until`."""
    def to_dict(self) -> JsonDict:
        """The roster as a dict."""

def total_hours(records: Sequence[JsonDict], start: datetime.date, end: datetime.date) -> List[JsonDict]:
    """Totals per volunteer of service-hour records whose start falls in `start ..= end`."""

# Access

@final
class Viewer:
    """Who is looking: built by ``Viewer.staff`` (a staff role the platform asserts) or by
    ``Volunteer.viewer`` (from the volunteer's own record); never written by the caller."""
    @staticmethod
    def staff(id: str, role: str, groups: Sequence[str] = []) -> Viewer:
        """A staff viewer (`worker`, `supervisor`, `group_admin` or `resident`) serving `groups`,
        read as the core reads `{id, role, groups}`: a volunteer role raises `MalformedData`
        (a volunteer viewer comes from `Volunteer.viewer`)."""
    @property
    def id(self) -> str:
        """The viewer's actor id (a volunteer's id for volunteers)."""
    @property
    def role(self) -> str:
        """The role in which they look (`medical_volunteer`, … for a volunteer's position)."""
    @property
    def groups(self) -> List[str]:
        """The groups they serve: an admin's groups, or those a volunteer was deployed to all that day
        (`Volunteer.viewer`) or at the moment (`Volunteer.viewer_at`)."""
    @property
    def agreement(self) -> str:
        """A volunteer's agreement state on the day asked (`none` for staff)."""
    @property
    def agreement_covers_clients(self) -> bool:
        """Whether a volunteer's agreements in force cover client information."""
    @property
    def acquaintances(self) -> List[str]:
        """The clients a volunteer declared they know (none for staff)."""
    @property
    def purpose(self) -> Optional[str]:
        """The purpose a volunteer asked for (`service` or `other`), None for staff."""
    @property
    def on(self) -> Optional[datetime.date]:
        """The day a volunteer viewer was read for, None for staff."""
    @property
    def at(self) -> Optional[Union[datetime.datetime, str]]:
        """The moment a volunteer viewer was read for (`Volunteer.viewer_at`), None for staff
        and for a viewer read for a whole day."""
    @property
    def position_registered(self) -> bool:
        """Whether a volunteer acts in a position they registered (True for staff)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class Access:
    """Who may see which field of which record, and why; and redacted views."""
    def __new__(cls, view: Optional[str] = "one_to_one", acquaintance_scope: Optional[str] = "psychological_only") -> Access: ...
    def decide(self, viewer: Union[Viewer, StaffViewer], record_kind: str, field: str, subject: Union[SubjectFacts, JsonDict]) -> Decision:
        """Decides whether `viewer` (a `Viewer`, or a staff viewer's dict `{id, role, groups}`)
        may see `field` of a `record_kind` record about `subject`: `{outcome, allowed, reason,
        rule}`."""
    def redact(self, viewer: Union[Viewer, StaffViewer], record: JsonDict, subject: Union[SubjectFacts, JsonDict]) -> RedactedRecord:
        """The record (a dict with `"kind"`) as `viewer` may see it: `{kind, value, removed, masked}`."""

# Identity data

@final
class IdNumber:
    """A resident ID number (GB 11643-1999). `str()` and `repr()` show it masked."""
    def __new__(cls, value: str) -> IdNumber: ...
    @property
    def birth_date(self) -> datetime.date:
        """The birth date it encodes."""
    @property
    def sex(self) -> str:
        """"male" or "female"."""
    @property
    def region_code(self) -> str:
        """The 6-digit region code."""
    def expose(self) -> str:
        """The full number; call it only where the full value is needed and allowed."""
    def masked(self, keep_start: int = 6, keep_end: int = 4) -> str:
        """The number masked, keeping `keep_start` leading and `keep_end` trailing characters."""
    def __hash__(self) -> int:
        """Keyed with randomness drawn once per process: equal numbers hash equal within one
        process, but a hash cannot be matched against candidate numbers outside it."""

@final
class Phone:
    """A mainland mobile or landline number. `str()` and `repr()` show it masked."""
    def __new__(cls, value: str) -> Phone: ...
    @staticmethod
    def mobile(value: str) -> Phone:
        """Parses a mainland mobile number only."""
    @property
    def kind(self) -> str:
        """"mobile" or "landline"."""
    def digits(self) -> str:
        """The full number's digits; call it only where the full value is needed and allowed."""
    def masked(self) -> str:
        """The masked number, e.g. `138****1234`."""
    def __hash__(self) -> int:
        """Keyed per process, as ``IdNumber.__hash__``."""

# Records, labels, triage

def validate_record(record: JsonDict) -> JsonDict:
    """Reads and validates a record (a dict with `"kind"`); returns it as the library stores it."""
def record_kinds() -> List[str]:
    """The record kinds' names."""
def record_fields(record_kind: str) -> List[JsonDict]:
    """Every field of a record kind: `{path, zh, personal, sensitivity, identifier}`."""
def record_schema(record_kind: str) -> JsonDict:
    """The JSON Schema of a record kind."""
def zh_labels() -> Dict[str, Dict[str, str]]:
    """The Chinese label of every value of every labelled enum: `{enum: {value: label}}`."""
def age_groups(date_of_birth: datetime.date, on: datetime.date) -> List[str]:
    """The age groups of a date of birth on a date (`[priority-principles]`)."""
def default_retention() -> JsonDict:
    """The default retention policies: PIPL art. 19 for every kind, no period set."""
def retain_until(policies: JsonDict, record_kind: str, date: datetime.date) -> Optional[datetime.date]:
    """The last day a record of `record_kind` dated `date` is kept under `policies`, or None."""
def past_retention(policies: JsonDict, records: Sequence[JsonDict], today: datetime.date) -> List[JsonDict]:
    """The records kept past their period as of `today`."""
def prioritise(items: Sequence[JsonDict], now: datetime.datetime) -> List[Ranked]:
    """A worklist ordered life first, the vulnerable first, the urgent first (`[priority-principles]`)."""
def route(client: JsonDict, on: datetime.date) -> Routing:
    """A routing recommendation to a service tier (`[triage-routing]`)."""

# Groups

@final
class ServiceGroup:
    """An online service group (线上服务群): tier or support group, admins, members, applications."""
    def __new__(cls, group_id: str, kind: str, name: str, admins: Sequence[JsonDict]) -> ServiceGroup: ...
    def apply(self, person_id: str, nickname: str, household: Optional[str], on: datetime.date) -> None:
        """Applies to join."""
    def approve(self, person_id: str, by: str, on: datetime.date) -> List[str]:
        """An admin approves an application; returns size warnings."""
    def reject(self, person_id: str, by: str) -> None:
        """An admin rejects an application."""
    def size_warning(self) -> Optional[str]:
        """A warning when a resident group is outside 50-200 members."""
    def to_dict(self) -> JsonDict:
        """The group as a dict."""
    @property
    def tier(self) -> Optional[str]:
        """The service tier of a core group, or None."""

def nickname(role: str, name_or_unit: str) -> str:
    """Writes a nickname following the convention, e.g. `社工-张三`."""
def parse_nickname(nickname: str) -> Tuple[str, str]:
    """Reads a nickname into (role, name)."""

# Workload

def annual_hours(params: Optional[JsonDict] = None) -> AnnualHours:
    """Annual hours by the standard's formula (`params` defaults to the standard's own numbers)."""
def annual_hours_from_calendar(calendar: Calendar, year: int, paid_leave_days: int = 5, hours_per_day: int = 8) -> AnnualHours:
    """Annual hours from the real calendar of `year`."""
def direct_share(annual: Union[AnnualHours, JsonDict], percent: int = 70) -> int:
    """The direct-service share, in minutes, of an annual-hours result."""
def reference_table() -> JsonDict:
    """The Suzhou 2016 reference-hours table."""
def standard_plan(name: str, staff: int, lines: Sequence[JsonDict]) -> JsonDict:
    """A plan on the standard's numbers (1960 h, 70 %, 10 %, partial units pro rata)."""
def evaluate_plan(plan: JsonDict, table: Optional[JsonDict] = None) -> PlanReport:
    """Evaluates a plan against a table (default: the Suzhou table)."""
def actual_counts(cases: Sequence[Case], activities: Sequence[Activity], start: datetime.date, end: datetime.date, table: Optional[JsonDict] = None) -> List[JsonDict]:
    """Item counts from case and activity histories between `start` and `end`."""
def compare(report: Union[PlanReport, JsonDict], actual: Sequence[JsonDict], table: Optional[JsonDict] = None) -> List[JsonDict]:
    """Plan against actual per item."""
def check_supervision(record: JsonDict) -> List[Finding]:
    """Checks a supervision session's length, supervisees and fee."""
def total_supervision(records: Sequence[JsonDict]) -> SupervisionTotal:
    """Totals the supervision of recorded sessions: only sessions whose records are written and
    confirmed by their supervisor count (`[supervision-records]`), within the standard's limits
    (`[supervision-limits]`, `[supervision-fee-caps]`): `{sessions, minutes, fee_fen,
    not_counted}`."""
def check_budget(lines: Sequence[JsonDict]) -> JsonDict:
    """Totals and checks a supervision budget."""
def fee_cap(supervisor_type: str, years_of_practice: int) -> JsonDict:
    """The fee cap per hour for a supervisor: `{"cap": "per_hour_fen", "fen": …}` or `{"cap": "not_covered"}`."""
def check_staffing(communities: Sequence[JsonDict]) -> List[Finding]:
    """Checks the staffing of communities."""

# Batch

@final
class BatchResult:
    """The columns of a batch evaluation: `obligations` (one row per obligation), `cases` (one
    row per case) and `errors` (one row per history that could not be read). Each dict of lists
    is built on first read and kept; `to_arrow` does not need them."""
    @property
    def obligations(self) -> ObligationColumns:
        """One row per obligation: index, case, client_id, worker, stage, rule, status, on_time,
        due_date, due_at, days_late, working_days_late, hours_late, reason, provisional (units and
        null meanings: the README's "The batch columns")."""
    @property
    def cases(self) -> CaseColumns:
        """One row per case: index, case, client_id, worker, stage, opened, closed, days_open,
        sessions, home_visits, obligations, overdue, met_late."""
    @property
    def errors(self) -> ErrorColumns:
        """One row per unreadable history: index, code, message."""
    def to_arrow(self, table: Literal["obligations", "cases", "errors"] = "obligations") -> ArrowTable:
        """One table as Arrow, with the same columns as the dict of lists:
        ``pyarrow.table(t)``, ``polars.DataFrame(t)``, ``duckdb.from_arrow(t)`` take it without
        a copy (README, "Arrow in and out")."""

@final
class ArrowTable:
    """A table exported through the Arrow PyCapsule interface (``__arrow_c_stream__``):
    ``pyarrow.table(t)``, ``polars.DataFrame(t)``, ``duckdb.from_arrow(t)`` read it without a copy."""
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """The Arrow C stream of the table's record batches (the Arrow PyCapsule interface)."""
    def __arrow_c_schema__(self) -> object:
        """The Arrow C schema of the table."""
    def __len__(self) -> int:
        """The number of rows."""
    @property
    def column_names(self) -> List[str]:
        """The column names, in order."""

@final
class ArrowArray:
    """One column exported through the Arrow PyCapsule interface (``__arrow_c_array__``):
    ``pyarrow.array(a)``, ``polars.Series(a)`` read it without a copy."""
    def __arrow_c_array__(self, requested_schema: Optional[object] = None) -> Tuple[object, object]:
        """The Arrow C schema and array (the Arrow PyCapsule interface)."""
    def __arrow_c_schema__(self) -> object:
        """The Arrow C schema of the array's type."""
    def __len__(self) -> int:
        """The number of values."""
    @property
    def type(self) -> str:
        """The Arrow type, as Arrow names it (``Date32``, ``Int64``, ``Boolean``)."""
    @property
    def null_count(self) -> int:
        """The number of nulls."""

def evaluate_histories(histories: Union[Iterable[Union[str, bytes, JsonDict, Case]], _ArrowColumn], now: datetime.datetime, rules: Optional[RuleSet] = None, calendar: Optional[Calendar] = None) -> BatchResult:
    """Any iterable (list, tuple, generator, pandas Series) of stored histories: JSON text (``str``
    or UTF-8 ``bytes``; invalid UTF-8 gets an error row), dicts as ``Case.to_dict`` gives, or
    ``Case`` objects. JSON Lines already in memory: ``evaluate_histories(text.splitlines())``.
    An Arrow string column (a pyarrow ``StringArray`` or ``ChunkedArray``, a Polars ``Series``)
    is read in place; a null in it gets an error row."""
def evaluate_jsonl(source: Union[str, "os.PathLike[str]", IO[str], IO[bytes]], now: datetime.datetime, rules: Optional[RuleSet] = None, calendar: Optional[Calendar] = None) -> BatchResult:
    """A JSON Lines file: a path (``str`` or ``os.PathLike``; a ``str`` is always a path, never
    JSON text) or an open file, text or binary. A path is read in blocks evaluated while the
    next is read, never held whole. Blank lines are skipped; a line that is not UTF-8 (or over
    ``MAX_INPUT_BYTES``) keeps its index and gets an error row. A missing file raises
    ``FileNotFoundError``, other I/O errors their ``OSError`` subclass."""
