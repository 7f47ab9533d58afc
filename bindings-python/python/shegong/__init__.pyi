from . import events as events
from . import types as types
from ._shegong import Access as Access
from ._shegong import Activity as Activity
from ._shegong import ActivityRefused as ActivityRefused
from ._shegong import AgencyCalendarError as AgencyCalendarError
from ._shegong import ArrowArray as ArrowArray
from ._shegong import ArrowTable as ArrowTable
from ._shegong import BatchResult as BatchResult
from ._shegong import Calendar as Calendar
from ._shegong import CalendarRangeError as CalendarRangeError
from ._shegong import Case as Case
from ._shegong import CyclicInput as CyclicInput
from ._shegong import DEFAULT_HOURS_PER_DAY as DEFAULT_HOURS_PER_DAY
from ._shegong import DEFAULT_PAID_LEAVE_DAYS as DEFAULT_PAID_LEAVE_DAYS
from ._shegong import DEFAULT_SCOPE as DEFAULT_SCOPE
from ._shegong import DEFAULT_VIEW as DEFAULT_VIEW
from ._shegong import DIRECT_SHARE_PERCENT as DIRECT_SHARE_PERCENT
from ._shegong import GroupRefused as GroupRefused
from ._shegong import HeadMismatch as HeadMismatch
from ._shegong import IdNumber as IdNumber
from ._shegong import InvalidIdNumber as InvalidIdNumber
from ._shegong import InvalidInput as InvalidInput
from ._shegong import InvalidLine as InvalidLine
from ._shegong import InvalidMask as InvalidMask
from ._shegong import InvalidNickname as InvalidNickname
from ._shegong import InvalidParameters as InvalidParameters
from ._shegong import InvalidPhone as InvalidPhone
from ._shegong import InvalidRecord as InvalidRecord
from ._shegong import LimitExceeded as LimitExceeded
from ._shegong import MASK_KEEP_END as MASK_KEEP_END
from ._shegong import MASK_KEEP_START as MASK_KEEP_START
from ._shegong import MAX_BATCH_HISTORIES as MAX_BATCH_HISTORIES
from ._shegong import MAX_DEPTH as MAX_DEPTH
from ._shegong import MAX_HISTORY_EVENTS as MAX_HISTORY_EVENTS
from ._shegong import MAX_INPUT_BYTES as MAX_INPUT_BYTES
from ._shegong import MAX_STRING_BYTES as MAX_STRING_BYTES
from ._shegong import MalformedData as MalformedData
from ._shegong import NotStarted as NotStarted
from ._shegong import OutOfOrder as OutOfOrder
from ._shegong import OutOfRange as OutOfRange
from ._shegong import Overflow as Overflow
from ._shegong import Phone as Phone
from ._shegong import ResultOutOfRange as ResultOutOfRange
from ._shegong import Roster as Roster
from ._shegong import RosterRefused as RosterRefused
from ._shegong import RuleSet as RuleSet
from ._shegong import RuleSetError as RuleSetError
from ._shegong import ServiceGroup as ServiceGroup
from ._shegong import ShegongError as ShegongError
from ._shegong import TamperedHistory as TamperedHistory
from ._shegong import TransitionRefused as TransitionRefused
from ._shegong import UnknownBase as UnknownBase
from ._shegong import UnknownEventKind as UnknownEventKind
from ._shegong import UnknownRule as UnknownRule
from ._shegong import UnknownValue as UnknownValue
from ._shegong import UnsupportedFormat as UnsupportedFormat
from ._shegong import Viewer as Viewer
from ._shegong import Volunteer as Volunteer
from ._shegong import VolunteerRefused as VolunteerRefused
from ._shegong import __version__ as __version__
from ._shegong import actual_counts as actual_counts
from ._shegong import age_groups as age_groups
from ._shegong import annual_hours as annual_hours
from ._shegong import annual_hours_from_calendar as annual_hours_from_calendar
from ._shegong import case_number as case_number
from ._shegong import check_budget as check_budget
from ._shegong import check_staffing as check_staffing
from ._shegong import check_supervision as check_supervision
from ._shegong import compare as compare
from ._shegong import consultation_count as consultation_count
from ._shegong import default_retention as default_retention
from ._shegong import direct_share as direct_share
from ._shegong import error_kinds as error_kinds
from ._shegong import evaluate_histories as evaluate_histories
from ._shegong import evaluate_jsonl as evaluate_jsonl
from ._shegong import evaluate_plan as evaluate_plan
from ._shegong import event_types as event_types
from ._shegong import fee_cap as fee_cap
from ._shegong import next_case_number as next_case_number
from ._shegong import nickname as nickname
from ._shegong import parse_event as parse_event
from ._shegong import parse_nickname as parse_nickname
from ._shegong import past_retention as past_retention
from ._shegong import prioritise as prioritise
from ._shegong import record_fields as record_fields
from ._shegong import record_kinds as record_kinds
from ._shegong import record_schema as record_schema
from ._shegong import reference_table as reference_table
from ._shegong import retain_until as retain_until
from ._shegong import route as route
from ._shegong import standard_plan as standard_plan
from ._shegong import total_hours as total_hours
from ._shegong import total_supervision as total_supervision
from ._shegong import validate_record as validate_record
from ._shegong import zh_labels as zh_labels

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
    "Viewer",
    "Volunteer",
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
    "events",
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
    "types",
]
