// The serialised forms of the core types that have no JSON Schema in schemas/ yet (events,
// obligations, rule sets, calendar answers). Written by hand, so they are checked against the
// shared vectors: tests/typed-usage.ts assigns the vectors' JSON to these types under
// `tsc --strict`, and fails as soon as the core's output and these types drift apart.
// IsoDate and Instant are declared in the generated shegong.d.ts.

/** A calendar date as an ISO string, e.g. "2026-05-06". Never a JS `Date`. */
export type IsoDate = string;
/** An instant as an RFC 3339 string with its offset, e.g. "2026-05-06T09:00:00+08:00". */
export type Instant = string;

/** An answer together with whether it depends on a provisional (weekday-only) year. */
export interface Checked<T> { value: T; provisional: boolean }

/** An agency's own closure or extra working day. */
export interface AgencyDay { date: IsoDate; note: string }

/** What kind of day a date is. */
export interface Day {
  date: IsoDate;
  working: boolean;
  kind: string;
  provisional: boolean;
  name?: string;
  festivals?: string[];
  first?: IsoDate;
  last?: IsoDate;
  note?: string;
}

/** One year's official facts. */
export interface YearFacts { [key: string]: unknown }

/** Who recorded an event. */
export interface Actor { id: string; role: string }

/** A case event's payload, tagged by `type` (see `eventTypes()`). */
export interface EventPayload { type: string; [field: string]: unknown }

/** An event to record. */
export interface NewEvent {
  occurred_at: Instant;
  recorded_at: Instant;
  actor: Actor;
  event: EventPayload;
}

/** An event as recorded in a history, with its place in the hash chain. */
export interface RecordedEvent extends NewEvent {
  seq: number;
  prev_hash: string;
  hash: string;
}

/** A case history as stored. */
export interface StoredCase {
  format: number;
  case_number: string;
  head: string;
  events: RecordedEvent[];
}

/** A case's stage name. */
export type Stage = string;

/** What `Case.apply` reports for an accepted event. */
export interface Applied { seq: number; hash: string; stage: Stage; warnings: unknown[] }

/** The state derived from a case's history. */
export interface CaseState { stage: Stage; worker?: string | null; [field: string]: unknown }

/** What a case file holds and which required forms are missing. */
export interface FileCheck { [field: string]: unknown }

/** A rule's time limit, e.g. `{working_days: 5}` or `{hours: 24}`. */
export type Offset = { [unit: string]: number };

/** One deadline rule. */
export interface Rule { id: string; [field: string]: unknown }

/** A rule set as stored. */
export interface RuleSetData { name: string; version: string; rules: Rule[]; [field: string]: unknown }

/** The event an obligation counts from. */
export interface Anchor { seq: number; event: string; at: Instant; date: IsoDate }

/** An obligation: what is owed, by whom, by when, and where it stands. */
export interface Obligation {
  rule: string;
  subject_kind: string;
  subject: string;
  owed: string;
  owed_by: string;
  owner: string;
  counts_from: Anchor;
  due_date?: IsoDate;
  due_at?: Instant;
  status: { status: string; [field: string]: unknown };
  provisional: boolean;
  explanation: string;
}

/** An activity event to record (`type`: planned, plan_submitted, session_held, …). */
export type NewActivityEvent = NewEvent;
/** A volunteer event to record (`type`: registered, agreement_signed, trained, …). */
export type NewVolunteerEvent = NewEvent;

/** What `Activity.apply` reports: the group's stage (or null) and the norm warnings. */
export interface ActivityApplied { seq: number; hash: string; stage: string | null; warnings: unknown[] }
/** What `Volunteer.apply` reports. */
export interface VolunteerApplied { seq: number; hash: string; stage: string; warnings: never[] }

/** An activity history as stored. */
export interface StoredActivity { format: number; id: string; rules: number; head: string; events: RecordedEvent[] }
/** A volunteer history as stored. */
export interface StoredVolunteer { format: number; id: string; rules: number; head: string; events: RecordedEvent[] }

/**
 * A staff viewer as the platform asserts it (`Viewer.staff` reads the same): a volunteer
 * viewer is never written by the caller, only built from the volunteer's record
 * (`volunteer.viewer(actingAs, on, purpose)`), and a volunteer role here is refused.
 */
export interface StaffViewer {
  id: string;
  role: "worker" | "supervisor" | "group_admin" | "resident";
  groups?: string[];
}
/** What the access rules need to know about a record's subject. */
export interface SubjectFacts { id: string; groups: string[]; minor_under_14: boolean; specific_identity: boolean }
/** An access decision and the rule that made it. */
export interface Decision { outcome: string; allowed: boolean; reason: string; rule?: string; [field: string]: unknown }
/** A record as a viewer may see it. */
export interface RedactedRecord { kind: string; value: unknown; removed: string[]; masked: string[] }

/** One item of a worklist to triage. */
export interface TriageItem { id: string; [field: string]: unknown }
/** A triaged item with its position and the reasons. */
export interface Ranked { position: number; id: string; explanation: string; [field: string]: unknown }
/** A request to route to a service tier. */
export interface RoutingInput { [field: string]: unknown }
/** The service tier and the reasons. */
export interface Routing { tier: string; reasons: string[] }

/** The annual-hours formula's parameters. */
export interface AnnualHoursParams { [field: string]: number }
/** Annual working hours, in minutes, with how they were reached. */
export interface AnnualHours { minutes: number; basis: Record<string, unknown>; explanation: string }
/** A project plan: staff and the planned lines of work. */
export interface ProjectPlan { [field: string]: unknown }
/** A plan evaluated against the reference table. */
export interface PlanReport { total_minutes: number; findings: Finding[]; [field: string]: unknown }
/** A supervision record. */
export interface SupervisionRecord { [field: string]: unknown }
/** A finding on a plan or a supervision record. */
export interface Finding { rule: string; severity: string; message: string; [field: string]: unknown }

/**
 * One obligation of one case, flat (the core's `ObligationRow`; units and null meanings as in
 * bindings-python/README.md, "The batch columns"). Lateness is in the rule's unit: day-based
 * rules fill `due_date`, `days_late`, `working_days_late`; hour-based rules `due_at`, `hours_late`.
 */
export interface ObligationRow {
  index: number;
  case: string;
  /** The client's platform id, never the name (the export is minimised). */
  client_id: string;
  worker: string;
  stage: Stage;
  rule: string;
  status: 'pending' | 'at_risk' | 'overdue' | 'met' | 'released' | 'not_computable';
  /** `false` met late or overdue; `null` no verdict (pending, at risk, released, not computable). */
  on_time: boolean | null;
  due_date: IsoDate | null;
  due_at: Instant | null;
  days_late: number | null;
  working_days_late: number | null;
  /** Started hours late (at least 1 when late), hour-based rules. */
  hours_late: number | null;
  /** Why it is not computable; `null` otherwise. */
  reason: string | null;
  provisional: boolean;
}

/** The result of evaluating many histories: obligation rows, case summaries, error rows. */
export interface Batch {
  obligations: ObligationRow[];
  cases: ({ index: number; case: string; client_id: string; worker: string; stage: Stage; [field: string]: unknown })[];
  errors: { index: number; code: string; message: string }[];
}
