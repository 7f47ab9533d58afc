"""Typed shapes of the dicts shegong returns and accepts.

These are ``TypedDict`` classes: at run time plain ``dict``; for a type checker, the keys and
value types. Records (assessment forms, event payloads) are the JSON documents their schemas
describe (``record_schema(kind)``); the dicts below are the library's own results.
"""

from __future__ import annotations

import datetime
import sys
from typing import Any, Dict, List, Optional, Union

from .events import GroupStage, ObligationStatusName, Role, Stage, SubjectKind, VolunteerStage

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:  # pragma: no cover - older Pythons
    from typing_extensions import NotRequired, TypedDict

JsonDict = Dict[str, Any]
"""A JSON document as a dict (a record, an event payload, a description)."""


class Actor(TypedDict):
    """Who did something, in which role (``worker``, ``client``, ``first_line_supervisor``, …)."""

    id: str
    role: Role


class NewEvent(TypedDict):
    """An event to record: when it happened, when it was recorded, who did it, what happened."""

    occurred_at: Union[datetime.datetime, str]
    recorded_at: Union[datetime.datetime, str]
    actor: Actor
    event: JsonDict


class Applied(TypedDict):
    """What ``apply`` of a Case, Activity or Volunteer reports for an accepted event: its
    sequence number, its hash (the new chain head), the stage after it (an activity that is not
    a group has none) and its warnings."""

    seq: int
    hash: str
    stage: Optional[Union[Stage, GroupStage, VolunteerStage]]
    warnings: List[JsonDict]


class Anchor(TypedDict):
    """The event an obligation counts from."""

    seq: int
    event: str
    date: datetime.date
    at: datetime.datetime


class ObligationStatus(TypedDict):
    """Where an obligation stands; ``status`` names it, the other keys depend on it."""

    status: ObligationStatusName
    working_days_left: NotRequired[int]
    hours_left: NotRequired[int]
    days: NotRequired[int]
    working_days: NotRequired[int]
    hours: NotRequired[int]
    on: NotRequired[datetime.date]
    at: NotRequired[datetime.datetime]
    on_time: NotRequired[bool]
    working_days_late: NotRequired[int]
    hours_late: NotRequired[int]
    by: NotRequired[str]
    reason: NotRequired[str]


class Obligation(TypedDict):
    """One obligation: a rule applied to one occurrence of what it counts from."""

    rule: str
    subject_kind: SubjectKind
    subject: str
    owed: str
    owed_by: Role
    owner: str
    counts_from: Anchor
    due_date: NotRequired[datetime.date]
    due_at: NotRequired[datetime.datetime]
    status: ObligationStatus
    provisional: bool
    explanation: str


class Day(TypedDict):
    """A day under a calendar."""

    date: datetime.date
    working: bool
    kind: str
    provisional: bool
    name: NotRequired[str]
    festivals: NotRequired[List[str]]
    first: NotRequired[datetime.date]
    last: NotRequired[datetime.date]
    note: NotRequired[str]


class Checked(TypedDict):
    """An answer and whether it depends on a provisional year."""

    value: Any
    provisional: bool


class Decision(TypedDict):
    """An access decision on one field."""

    outcome: str
    allowed: bool
    reason: str
    rule: NotRequired[Optional[str]]


class RedactedRecord(TypedDict):
    """A record as one viewer may see it."""

    kind: str
    value: JsonDict
    removed: List[str]
    masked: List[str]


class StaffViewer(TypedDict):
    """A staff viewer the platform asserts (``worker``, ``supervisor``, ``group_admin`` or
    ``resident``): the only viewer a caller may write as a dict. A volunteer viewer is a
    ``shegong.Viewer`` built by ``Volunteer.viewer`` from the volunteer's own record."""

    id: str
    role: str
    groups: NotRequired[List[str]]


class SupervisionTotal(TypedDict):
    """Supervision delivered: what counts, and why the other sessions do not."""

    sessions: int
    minutes: int
    fee_fen: int
    not_counted: List["Finding"]


class SubjectFacts(TypedDict):
    """Whose record it is."""

    id: str
    groups: NotRequired[List[str]]
    minor_under_14: NotRequired[bool]
    specific_identity: NotRequired[bool]


class Routing(TypedDict):
    """A routing recommendation."""

    tier: str
    reasons: List[str]


class Ranked(TypedDict):
    """A worklist item's place and why."""

    position: int
    id: str
    life_risk: str
    vulnerability: str
    vulnerable_as: NotRequired[str]
    urgency: str
    waiting_minutes: int
    explanation: str


class Finding(TypedDict):
    """A finding of a workload check."""

    rule: str
    severity: str
    message: str


class AnnualHours(TypedDict):
    """Annual working hours and how they were computed."""

    minutes: int
    basis: JsonDict
    explanation: str


class PlanReport(TypedDict):
    """A project plan's evaluation."""

    lines: List[JsonDict]
    total_minutes: int
    lower_bound_minutes: int
    upper_bound_minutes: int
    general_activity_minutes: int
    general_activity_share_bp: int
    findings: List[Finding]
