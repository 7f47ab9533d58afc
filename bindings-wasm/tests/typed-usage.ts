// A typed usage file: `tsc --noEmit --strict` checks it against the package's shipped types
// (pkg/node/shegong.d.ts and the generated types.d.ts), so a drift between the binding, the
// generated record types and this usage fails CI. It also assigns the shared vectors' JSON to
// the hand-written core types (types/core.d.ts), so those fail as soon as the core's output
// changes shape.
import {
  Calendar, Case, RuleSet, IdNumber, Phone, errorKinds, caseNumber, eventTypes, parseEvent,
  dataVersion, Access, Viewer, Volunteer,
} from "../pkg/node/shegong";
import type {
  IsoDate, Instant, NewEvent, Obligation, StoredCase, Checked, Day, Applied, RecordedEvent,
  AgencyDay, HouseholdProfile, ConsultationRecord, ServiceRecord, StaffViewer, SubjectFacts,
  Decision, RedactedRecord, StoredVolunteer,
} from "../pkg/node/shegong";
import * as mp from "../pkg/miniprogram/index";
import deadlineVector from "../../tests/vectors/deadline/consultation-reply-spring-festival.json";
import caseVector from "../../tests/vectors/case/happy-path.json";
import accessVector from "../../tests/vectors/volunteer/access-decisions.json";

const cal: Calendar = Calendar.china().withProvisional(false);
const due: IsoDate = cal.addWorkdays("2026-02-12", 5);
const checked: Checked<IsoDate> = cal.addWorkdaysChecked(due, 1);
const between: number = cal.workdaysBetween("2026-02-12", due);
const day: Day = cal.day(due);
const working: boolean = cal.isWorkday(day.date) && checked.provisional === false && between === 5;
const closures: AgencyDay[] = [{ date: "2026-03-06", note: "全员培训日" }];
const agency: Calendar = cal.withAgencyDays("苏州某机构", closures, []);
const again: Calendar = Calendar.fromJson(agency.toJson());
const lastDate: IsoDate = again.lastDate;

const id: IdNumber = IdNumber.parse("11010519491231002X");
const born: IsoDate = id.birthDate;
const sex: "male" | "female" = id.sex;
const masked: string = id.masked(6, 4) + Phone.parse("13800131234").masked();

const now: Instant = "2026-02-13T09:00:00+08:00";
const stored = deadlineVector.case as StoredCase;
const c: Case = Case.fromJson(stored);
const obligations: Obligation[] = RuleSet.preset().obligations(c, cal, now);
const expected: Obligation[] = deadlineVector.evaluations[0].expect;
const first: NewEvent = caseVector.steps[0].event;
const started: Case = Case.start(first);
const applied: Applied = started.apply(caseVector.steps[1].event);
const history: RecordedEvent[] = started.history;
const storedAgain: StoredCase = started.toObject();
const kinds: { name: string; code: string }[] = errorKinds();

// Access: a volunteer viewer only from the volunteer's record, a staff viewer asserted.
const subject: SubjectFacts = accessVector.subject;
const storedVolunteer: StoredVolunteer = accessVector.volunteers["medical-in_force-deployed"];
const volunteer: Volunteer = Volunteer.fromJson(storedVolunteer);
const serving: Viewer = volunteer.viewer("medical", "2026-04-01");
const elsewhere: Viewer = volunteer.viewer("medical", "2026-04-01", "other");
const staff: Viewer = Viewer.staff("w-li", "worker", ["G-focus"]);
const asserted: StaffViewer = { id: "w-li", role: "supervisor", groups: [] };
const access = new Access();
const decision: Decision = access.decide(serving, "service_record", "concerns.medical", subject);
const byStaff: Decision = access.decide(asserted, "service_record", "phone", subject);
const redacted: RedactedRecord = access.redact(staff, { kind: "service_record", value: {} } as never, subject);
const viewerFacts: [string, string, string[], boolean, string | undefined] =
  [elsewhere.role, elsewhere.agreement, elsewhere.groups, elsewhere.positionRegistered, elsewhere.purpose];
// @ts-expect-error a volunteer role is not a staff viewer the caller may write
const claimed: StaffViewer = { id: "v-1", role: "psychological_volunteer", groups: [] };

// Record types generated from schemas/ are exported (assessment records).
type Records = HouseholdProfile | ConsultationRecord | ServiceRecord;
const kindOf = (r: Records): unknown => r;

function handle(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function miniprogram(): Promise<IsoDate> {
  const sg: mp.ShegongModule = await mp.load({ path: "/shegong.wasm" });
  return sg.Calendar.china().addWorkdays("2026-02-12", 5);
}

export {
  working, lastDate, born, sex, masked, obligations, expected, applied, history, storedAgain,
  kinds, kindOf, handle, decision, byStaff, redacted, viewerFacts, claimed, miniprogram, caseNumber, eventTypes, parseEvent, dataVersion,
};
