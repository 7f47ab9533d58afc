// The remaining shared vector families replayed through the built Node package, with results
// identical to Rust: activity and volunteer life cycles, activity deadlines, access decisions
// and redactions, records, triage, routing, age groups, and workload.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { vector, vectors, thrown, shegong, replayed } = require('./helpers.js');

const sg = shegong();

/** Replays `*_steps` vectors for an aggregate with start/apply, as the Rust test does. */
function replaySteps(Aggregate, file, data, outcomeOf) {
  let agg = null;
  for (const [i, step] of data.steps.entries()) {
    const before = agg && agg.toJson();
    let outcome;
    try {
      if (agg === null) {
        agg = Aggregate.start(step.event);
        outcome = outcomeOf(agg, null);
      } else {
        outcome = outcomeOf(agg, agg.apply(step.event));
      }
    } catch (e) {
      assert.ok(e instanceof Error, String(e));
      outcome = { outcome: 'error', code: e.code, rule: e.ruleId, message: e.message };
      if (agg) assert.equal(agg.toJson(), before, `${file} step ${i}: a refused event changed it`);
    }
    assert.deepEqual(outcome, step.expect, `${file} step ${i}`);
  }
  return agg;
}

test('activity vectors: the group life cycle as in Rust', () => {
  for (const { file, data } of vectors('activity')) {
    const a = replaySteps(sg.Activity, file, data, (agg) => ({ outcome: 'applied', group_stage: agg.groupStage ?? null }));
    assert.equal(a.groupStage ?? null, data.final.group_stage);
    assert.equal(a.history.length, data.final.history_len);
    assert.equal(a.head, data.final.head);
    assert.equal(sg.Activity.fromJson(a.toObject()).head, a.head);
    assert.equal(sg.Activity.replay(a.history).head, a.head);
    assert.equal(typeof a.sessionsHeld, 'number');
    assert.ok(Array.isArray(a.normWarnings()));
    assert.equal(typeof a.planOf(), 'object');
    assert.ok(a.endedOn === undefined || /^\d{4}-\d{2}-\d{2}$/.test(a.endedOn));
    replayed(`activity/${file}`);
  }
});

test('volunteer vectors: the volunteer life cycle as in Rust', () => {
  for (const { file, data } of vectors('volunteer-lifecycle')) {
    const v = replaySteps(sg.Volunteer, file, data, (agg) => ({ outcome: 'applied', stage: agg.stage }));
    assert.equal(v.stage, data.final.stage);
    assert.equal(v.history.length, data.final.history_len);
    assert.equal(v.head, data.final.head);
    assert.equal(sg.Volunteer.fromJson(v.toJson()).head, v.head);
    assert.equal(sg.Volunteer.replay(v.toObject().events).head, v.head);
    assert.equal(typeof v.id, 'string');
    assert.equal(typeof v.registration, 'object');
    assert.ok(Array.isArray(v.kinds));
    assert.ok(Array.isArray(v.agreements));
    assert.ok(Array.isArray(v.deployments));
    assert.equal(typeof v.dutyOfConfidentiality, 'boolean');
    v.agreementInForceOn('2026-06-01');
    const viewer = v.viewer(v.kinds[0], '2026-06-01');
    assert.equal(viewer.id, v.id);
    replayed(`volunteer-lifecycle/${file}`);
  }
});

test('deadline vectors with an activity: obligations identical to Rust', () => {
  let n = 0;
  for (const { file, data } of vectors('deadline')) {
    if (!data.activity) continue;
    const a = sg.Activity.fromJson(data.activity);
    const rules = data.rule_set === 'preset' ? sg.RuleSet.preset() : sg.RuleSet.fromJson(data.rule_set);
    const cal = sg.Calendar.fromJson(data.calendar);
    for (const ev of data.evaluations) {
      assert.deepEqual(rules.activityObligations(a, cal, ev.now), ev.expect, `${file} @ ${ev.now}`);
    }
    replayed(`deadline/${file}`);
    n++;
  }
  assert.ok(n >= 1);
});

/**
 * The viewer a format-2 vector names, rebuilt as core/tests/volunteer_vectors.rs does:
 * `{staff: {id, role, groups}}` is asserted by the platform (passed as the plain object the
 * core deserialises), `{volunteer: key, acting_as, on, purpose}` is read from the stored
 * history `volunteers[key]` of the same file with `volunteer.viewer(...)`.
 */
function readViewer(spec, volunteers) {
  if (spec.staff) return spec.staff;
  assert.ok(spec.volunteer in volunteers, `no stored volunteer ${spec.volunteer}`);
  const v = sg.Volunteer.fromJson(volunteers[spec.volunteer]);
  try {
    return v.viewer(spec.acting_as, spec.on, spec.purpose);
  } finally {
    v.free();
  }
}

test('[agreement-before-access] [volunteer-kinds] [access-while-serving] access vectors (format 2) as in Rust', () => {
  const d = vector('volunteer/access-decisions.json');
  assert.equal(d.format, 2);
  let volunteerCases = 0;
  for (const c of d.cases) {
    const viewer = readViewer(c.viewer, d.volunteers);
    const access = new sg.Access(c.view);
    const got = access.decide(viewer, d.record_kind, c.field, d.subject);
    assert.deepEqual({ outcome: got.outcome, rule: got.rule ?? null }, c.expect, JSON.stringify(c));
    if (c.viewer.staff) {
      // The same staff viewer through Viewer.staff decides the same.
      const s = sg.Viewer.staff(c.viewer.staff.id, c.viewer.staff.role, c.viewer.staff.groups);
      const again = access.decide(s, d.record_kind, c.field, d.subject);
      assert.deepEqual({ outcome: again.outcome, rule: again.rule ?? null }, c.expect);
      s.free();
    } else {
      viewer.free();
      volunteerCases++;
    }
    access.free();
  }
  assert.ok(volunteerCases > 0);
  replayed('volunteer/access-decisions.json');
  const r = vector('volunteer/redactions.json');
  assert.equal(r.format, 2);
  for (const c of r.cases) {
    const viewer = readViewer(c.viewer, r.volunteers);
    assert.deepEqual(new sg.Access().redact(viewer, c.record, c.subject), c.expect, JSON.stringify(c.viewer));
    if (!c.viewer.staff) viewer.free();
  }
  replayed('volunteer/redactions.json');
  const a = new sg.Access();
  assert.equal(a.view, 'one_to_one');
  assert.equal(a.acquaintanceScope, 'psychological_only');
  const e = (() => { try { new sg.Access('nowhere'); } catch (err) { return err; } })();
  assert.equal(e.name, 'UnknownValue');
  assert.equal(e.code, 'unknown_value');
});

test('[agreement-before-access] regression: a plain object claiming a volunteer role grants nothing (issue 12 finding 7)', () => {
  const d = vector('volunteer/access-decisions.json');
  const access = new sg.Access();
  const record = vector('volunteer/redactions.json').cases[0].record;
  const claims = [
    // The format-1 viewer a caller used to write: role and agreement asserted.
    { id: 'v-1', role: 'psychological_volunteer', agreement: 'in_force', agreement_covers_clients: true,
      groups: ['G-focus'], acquaintances: [] },
    { id: 'v-1', role: 'psychological_volunteer', groups: ['G-focus'] },
    { id: 'v-1', role: 'medical_volunteer' },
    JSON.stringify({ id: 'v-1', role: 'general_volunteer', groups: ['G-focus'] }),
  ];
  for (const claim of claims) {
    for (const call of [
      () => access.decide(claim, d.record_kind, 'concerns.medical', d.subject),
      () => access.redact(claim, record, d.subject),
    ]) {
      const e = thrown(call);
      assert.ok(e instanceof Error, String(e));
      assert.equal(e.name, 'Malformed', e.message);
      assert.equal(e.code, 'malformed');
      assert.match(e.message, /^malformed viewer/);
      // Without an agreement field to trip on first, the role itself is refused by its rule.
      if (!(typeof claim === 'string' ? claim : JSON.stringify(claim)).includes('agreement')) assert.match(e.message, /\[agreement-before-access\]/);
      assert.ok(!e.message.includes('G-focus'), e.message);
    }
  }
  // A volunteer role is not the platform's to assert through Viewer.staff either.
  const s = thrown(() => sg.Viewer.staff('v-1', 'psychological_volunteer', ['G-focus']));
  assert.equal(s.code, 'malformed');
  assert.match(s.message, /agreement-before-access/);
  assert.equal(thrown(() => sg.Viewer.staff('w-1', 'boss', [])).code, 'unknown_value');
  // Neither does an object dressed as a Viewer: only the ones this module built count.
  const forged = Object.create(sg.Viewer.prototype);
  assert.equal(thrown(() => access.decide(forged, d.record_kind, 'client_name', d.subject)).code, 'malformed');
});

test('[volunteer-kinds] [access-while-serving] [acquaintance-avoidance] a volunteer viewer read from the record', () => {
  const d = vector('volunteer/access-decisions.json');
  const access = new sg.Access();
  const decide = (viewer, field) => {
    const got = access.decide(viewer, d.record_kind, field, d.subject);
    return `${got.outcome} ${got.rule}`;
  };
  const medical = sg.Volunteer.fromJson(d.volunteers['medical-in_force-deployed']);
  const v = medical.viewer('medical', '2026-04-01');
  assert.ok(v instanceof sg.Viewer);
  assert.equal(v.id, medical.id);
  assert.equal(v.role, 'medical_volunteer');
  assert.deepEqual(v.groups, ['G-focus']);
  assert.equal(v.agreement, 'in_force');
  assert.equal(v.agreementCoversClients, true);
  assert.deepEqual(v.acquaintances, []);
  assert.equal(v.purpose, 'service'); // the default purpose
  assert.equal(v.on, '2026-04-01');
  assert.equal(v.positionRegistered, true);
  assert.equal(decide(v, 'concerns.medical'), 'allow agreement-before-access');
  assert.equal(v.at, undefined); // a day viewer has no moment
  // [access-while-serving] for a moment: deployed on 2026-03-05 at 10:00, not at 09:59.
  const early = medical.viewerAt('medical', '2026-03-05T09:59:00+08:00');
  assert.equal(early.at, '2026-03-05T09:59:00+08:00');
  assert.equal(early.on, '2026-03-05');
  assert.deepEqual(early.groups, []);
  assert.equal(decide(early, 'concerns.medical'), 'deny access-while-serving');
  // A day answer holds for the whole day: not on 03-05 (deployed at 10:00), on 03-06.
  assert.deepEqual(medical.viewer('medical', '2026-03-05').groups, []);
  assert.deepEqual(medical.viewer('medical', '2026-03-06').groups, ['G-focus']);
  assert.equal(decide(medical.viewerAt('medical', '2026-04-01T09:00:00+08:00'), 'concerns.medical'), 'allow agreement-before-access');
  assert.equal(decide(medical.viewerAt('medical', '2026-04-01T09:00:00+08:00', 'other'), 'concerns.medical'), 'deny access-while-serving');
  assert.throws(() => medical.viewerAt('medical', '2026-04-01'), (e) => e.code === 'invalid_input' && e.name === 'InvalidInput');
  assert.equal(new sg.Access().redact(v, vector('volunteer/redactions.json').cases[0].record, d.subject).kind, 'service_record');
  // A position never registered; another purpose; a day outside the deployment.
  const psy = medical.viewer('psychological', '2026-04-01', 'service');
  assert.equal(psy.positionRegistered, false);
  assert.equal(decide(psy, 'concerns.medical'), 'deny volunteer-kinds');
  assert.equal(decide(medical.viewer('medical', '2026-04-01', 'other'), 'concerns.medical'), 'deny access-while-serving');
  // Acquaintance avoidance follows the person, not the role acted in.
  const both = sg.Volunteer.fromJson(d.volunteers['medical+psychological-in_force-deployed-acquainted']);
  assert.equal(decide(both.viewer('medical', '2026-04-01'), 'concerns.medical'), 'deny acquaintance-avoidance');
  // A staff viewer's getters.
  const w = sg.Viewer.staff('w-li', 'worker', ['G-1']);
  assert.equal(w.role, 'worker');
  assert.equal(w.agreement, 'none');
  assert.equal(w.purpose, undefined);
  assert.equal(w.on, undefined);
  assert.equal(decide(w, 'phone'), decide({ id: 'w-li', role: 'worker', groups: ['G-1'] }, 'phone'));
  // Bad arguments are typed errors; a freed viewer is refused, never read.
  assert.equal(thrown(() => medical.viewer('doctor', '2026-04-01')).code, 'unknown_value');
  assert.equal(thrown(() => medical.viewer('medical', '2026-04-01', 'curiosity')).code, 'unknown_value');
  assert.equal(thrown(() => medical.viewer('medical', '2026/04/01')).code, 'invalid_input');
  v.free();
  assert.equal(thrown(() => decide(v, 'client_name')).code, 'invalid_input');
});

test('record, triage, routing and age-group vectors as in Rust', () => {
  for (const c of vector('assessment/records.json').cases) {
    let got;
    try {
      got = { outcome: 'ok', record: sg.validateRecord(c.input) };
    } catch (e) {
      got = { outcome: 'error', code: e.code };
    }
    assert.deepEqual(got, c.expect, c.name);
  }
  replayed('assessment/records.json');
  const t = vector('assessment/triage.json');
  assert.deepEqual(sg.prioritise(t.items, t.now), t.expect);
  replayed('assessment/triage.json');
  const r = vector('assessment/routing.json');
  for (const c of r.cases) assert.deepEqual(sg.route(c.input, r.on), c.expect, c.name);
  replayed('assessment/routing.json');
  for (const c of vector('assessment/age-groups.json').cases) {
    assert.deepEqual(sg.ageGroups(c.date_of_birth, c.on), c.expect);
  }
  replayed('assessment/age-groups.json');
  assert.ok(sg.recordKinds().includes('service_record'));
});

test('[annual-hours] workload vectors as in Rust', () => {
  const h = vector('workload/annual-hours.json');
  for (const c of h.formula) {
    const annual = sg.annualHours(c.params);
    assert.deepEqual({ minutes: annual.minutes, direct_70: sg.directShare(annual) }, c.expect);
  }
  const cal = sg.Calendar.china();
  for (const c of h.calendar) {
    const annual = sg.annualHoursFromCalendar(cal, c.year, c.paid_leave_days, c.hours_per_day);
    assert.deepEqual({ minutes: annual.minutes }, c.expect);
  }
  replayed('workload/annual-hours.json');
  assert.equal(typeof sg.annualHours().minutes, 'number');
  for (const c of vector('workload/project-plans.json').cases) {
    assert.deepEqual(sg.evaluatePlan(c.plan), c.expect, c.name);
  }
  replayed('workload/project-plans.json');
  for (const c of vector('workload/supervision.json').cases) {
    assert.deepEqual(sg.checkSupervision(c.record), c.expect);
  }
  replayed('workload/supervision.json');
  assert.equal(sg.formatMinutes(125), '2 h 5 min');
});

test('[calendar-workdays] [calendar-provisional] calendar vectors as in Rust', () => {
  let n = 0;
  for (const { file, data } of vectors('calendar')) {
    const cal = sg.Calendar.fromJson(data.calendar);
    for (const q of data.queries) {
      let got;
      try {
        switch (q.op) {
          case 'is_workday': {
            const d = cal.day(q.date);
            got = { outcome: 'ok', value: { working: d.working, provisional: d.provisional } };
            break;
          }
          case 'add_workdays': got = { outcome: 'ok', ...cal.addWorkdaysChecked(q.date, q.n) }; break;
          case 'workdays_between': got = { outcome: 'ok', ...cal.workdaysBetweenChecked(q.from, q.to) }; break;
          case 'workday_on_or_after': got = { outcome: 'ok', value: cal.workdayOnOrAfter(q.date) }; break;
          case 'workday_on_or_before': got = { outcome: 'ok', value: cal.workdayOnOrBefore(q.date) }; break;
          case 'workdays_in_year': got = { outcome: 'ok', value: cal.workdaysInYear(q.year) }; break;
          default: assert.fail(`${file}: unknown op ${q.op}`);
        }
      } catch (e) {
        if (e instanceof assert.AssertionError) throw e;
        got = { outcome: 'error', code: e.code, rule: e.ruleId, message: e.message };
      }
      assert.deepEqual(got, q.expect, `${file}: ${JSON.stringify(q)}`);
      n++;
    }
    replayed(`calendar/${file}`);
  }
  assert.ok(n > 10);
});

test('[records-authentic] batch vectors: every history gives its rows or an error row', () => {
  for (const { file, data } of vectors('report')) {
    const rules = data.rule_set === 'preset' ? sg.RuleSet.preset() : sg.RuleSet.fromJson(data.rule_set);
    const got = sg.evaluateHistories(data.histories.map((h) => h.json), rules, sg.Calendar.china(), data.now);
    assert.deepEqual(got, data.expect, file);
    // Format 2: every row has every column, null where it does not apply.
    const columns = ['index', 'case', 'client_id', 'worker', 'stage', 'rule', 'status', 'on_time', 'due_date', 'due_at',
      'days_late', 'working_days_late', 'hours_late', 'reason', 'provisional'];
    for (const row of got.obligations) assert.deepEqual(Object.keys(row).sort(), [...columns].sort(), file);
    replayed(`report/${file}`);
  }
  // [crisis-immediate] a late crisis report is late in hours, never "0 days late"; a
  // not-computable row has no lateness and a reason (issue 13).
  const units = vectors('report').find((v) => v.file.endsWith('lateness-units.json')).data;
  const got = sg.evaluateHistories(units.histories.map((h) => h.json), sg.RuleSet.preset(), sg.Calendar.china(), units.now);
  const late = got.obligations.find((r) => r.case === 'SZ-2026-0101' && r.rule === 'crisis-immediate');
  assert.deepEqual([late.on_time, late.hours_late, late.days_late, late.due_date], [false, 3, null, null]);
  const nc = got.obligations.find((r) => r.status === 'not_computable');
  assert.deepEqual([nc.on_time, nc.days_late, nc.working_days_late, nc.hours_late], [null, null, null, null]);
  assert.equal(typeof nc.reason, 'string');
  // JS values that cannot be converted get their own error row, in place.
  let deep = [];
  for (let i = 0; i < 1000; i++) deep = [deep];
  const rows = sg.evaluateHistories([deep, 42, '{'], sg.RuleSet.preset(), sg.Calendar.china(), '2026-06-01T09:00:00+08:00');
  assert.deepEqual(rows.errors.map((e) => [e.index, e.code]), [[0, 'limit_exceeded'], [1, 'malformed'], [2, 'malformed']]);
});
