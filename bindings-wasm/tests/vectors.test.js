// The remaining shared vector families replayed through the built Node package, with results
// identical to Rust: activity and volunteer life cycles, activity deadlines, access decisions
// and redactions, records, triage, routing, age groups, and workload.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { vector, vectors, shegong } = require('./helpers.js');

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
    const viewer = sg.volunteerViewer(v, v.kinds[0], '2026-06-01');
    assert.equal(viewer.id, v.id);
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
    n++;
  }
  assert.ok(n >= 1);
});

test('[agreement-before-access] access decisions and redactions as in Rust', () => {
  const d = vector('volunteer/access-decisions.json');
  for (const c of d.cases) {
    const got = new sg.Access(c.view).decide(c.viewer, d.record_kind, c.field, d.subject);
    assert.deepEqual({ outcome: got.outcome, rule: got.rule ?? null }, c.expect, JSON.stringify(c));
  }
  const r = vector('volunteer/redactions.json');
  for (const c of r.cases) {
    assert.deepEqual(new sg.Access().redact(c.viewer, c.record, c.subject), c.expect);
  }
  const a = new sg.Access();
  assert.equal(a.view, 'one_to_one');
  assert.equal(a.acquaintanceScope, 'psychological_only');
  assert.equal(sg.staffViewer('w-li', 'worker', ['G-1']).role, 'worker');
  const e = (() => { try { new sg.Access('nowhere'); } catch (err) { return err; } })();
  assert.equal(e.name, 'UnknownValue');
  assert.equal(e.code, 'unknown_value');
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
  const t = vector('assessment/triage.json');
  assert.deepEqual(sg.prioritise(t.items, t.now), t.expect);
  const r = vector('assessment/routing.json');
  for (const c of r.cases) assert.deepEqual(sg.route(c.input, r.on), c.expect, c.name);
  for (const c of vector('assessment/age-groups.json').cases) {
    assert.deepEqual(sg.ageGroups(c.date_of_birth, c.on), c.expect);
  }
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
  assert.equal(typeof sg.annualHours().minutes, 'number');
  for (const c of vector('workload/project-plans.json').cases) {
    assert.deepEqual(sg.evaluatePlan(c.plan), c.expect, c.name);
  }
  for (const c of vector('workload/supervision.json').cases) {
    assert.deepEqual(sg.checkSupervision(c.record), c.expect);
  }
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
  }
  assert.ok(n > 10);
});

test('[records-authentic] batch vectors: every history gives its rows or an error row', () => {
  for (const { file, data } of vectors('report')) {
    const rules = data.rule_set === 'preset' ? sg.RuleSet.preset() : sg.RuleSet.fromJson(data.rule_set);
    const got = sg.evaluateHistories(data.histories.map((h) => h.json), rules, sg.Calendar.china(), data.now);
    assert.deepEqual(got, data.expect, file);
  }
  // JS values that cannot be converted get their own error row, in place.
  let deep = [];
  for (let i = 0; i < 1000; i++) deep = [deep];
  const rows = sg.evaluateHistories([deep, 42, '{'], sg.RuleSet.preset(), sg.Calendar.china(), '2026-06-01T09:00:00+08:00');
  assert.deepEqual(rows.errors.map((e) => [e.index, e.code]), [[0, 'limit_exceeded'], [1, 'malformed'], [2, 'malformed']]);
});
