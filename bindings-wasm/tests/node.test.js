// The built Node package (pkg/node): every export called, every error kind thrown from a real
// bad input, and the shared vectors replayed with results identical to Rust.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { vector, vectors, thrown, nested, shegong, replayed } = require('./helpers.js');

const sg = shegong();
const { Calendar, Case, RuleSet, IdNumber, Phone } = sg;

/** Asserts a real Error with the given name and code, and a ruleId property. */
function assertError(e, name, code) {
  assert.ok(e instanceof Error, `expected an Error, got ${typeof e}: ${e}`);
  assert.equal(e.name, name, e.message);
  assert.equal(e.code, code, e.message);
  assert.ok('ruleId' in e);
  assert.ok(sg.errorKinds().some((k) => k.name === e.name && k.code === e.code));
}

const received = (number, at = '2026-02-12T09:00:00+08:00') => ({
  occurred_at: at,
  recorded_at: at,
  actor: { id: 'w-li', role: 'worker' },
  event: {
    type: 'received',
    case_number: number,
    client: { id: 'c-1', name: '王阿姨', date_of_birth: '1950-05-01' },
    source: { kind: 'voluntary' },
    channel: 'in_person',
    topic: '居家养老',
  },
});
const notOpened = (at = '2026-02-12T10:00:00+08:00') => ({
  occurred_at: at,
  recorded_at: at,
  actor: { id: 'w-li', role: 'worker' },
  event: { type: 'not_opened', reasons: '无需开案' },
});

test('[calendar-workdays] Calendar: every method, dates as ISO strings', () => {
  const cal = Calendar.china();
  assert.equal(cal.isWorkday('2026-02-16'), false); // Spring Festival
  assert.equal(cal.isWorkday('2026-02-14'), true); // 调休 Saturday
  // [consult-reply-5wd] 5 working days across the Spring Festival break.
  assert.equal(cal.addWorkdays('2026-02-12', 5), '2026-02-26');
  assert.deepEqual(cal.addWorkdaysChecked('2026-02-12', 5), { value: '2026-02-26', provisional: false });
  assert.equal(cal.workdaysBetween('2026-02-12', '2026-02-26'), 5);
  assert.deepEqual(cal.workdaysBetweenChecked('2026-02-12', '2026-02-26'), { value: 5, provisional: false });
  assert.equal(cal.workdayOnOrAfter('2026-02-16'), '2026-02-24');
  assert.equal(cal.workdayOnOrBefore('2026-02-16'), '2026-02-14');
  assert.equal(typeof cal.workdaysInYear(2025), 'number');
  assert.equal(typeof cal.yearFacts(2025), 'object');
  assert.equal(cal.day('2026-02-16').working, false);
  assert.equal(cal.isOfficial('2026-02-16'), true);
  assert.equal(typeof cal.name, 'string');
  assert.equal(cal.dataVersion, sg.dataVersion());
  assert.match(cal.firstDate, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(cal.lastDate, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(cal.officialLastDate, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(cal.allowsProvisional, false);
  const prov = cal.withProvisional(true);
  assert.equal(prov.allowsProvisional, true);
  const back = Calendar.fromJson(prov.toJson());
  assert.equal(back.allowsProvisional, true);
  assert.equal(Calendar.fromJson(JSON.parse(prov.toJson())).allowsProvisional, true);
  const agency = cal.withAgencyDays('苏州某机构', [{ date: '2026-03-06', note: '全员培训日' }], []);
  assert.equal(agency.isWorkday('2026-03-06'), false);
  assert.equal(agency.name, '苏州某机构');
});

test('[calendar-provisional] a date after the data is a CalendarRangeError with its rule', () => {
  const e = thrown(() => Calendar.china().addWorkdays('2030-01-02', 1));
  assertError(e, 'OutOfRange', 'out_of_range');
  assert.equal(e.ruleId, 'calendar-provisional');
});

test('dates: a JS Date or a malformed string is refused, never shifted', () => {
  const cal = Calendar.china();
  assertError(thrown(() => cal.isWorkday('2026/02/16')), 'InvalidInput', 'invalid_input');
  assert.throws(() => cal.isWorkday(new Date(2026, 1, 16)));
  assertError(thrown(() => cal.addWorkdays('2026-02-12', 1.5)), 'InvalidInput', 'invalid_input');
  assertError(thrown(() => cal.addWorkdays('2026-02-12', 2 ** 60)), 'InvalidInput', 'invalid_input');
  assertError(thrown(() => cal.addWorkdays('2026-02-12', NaN)), 'InvalidInput', 'invalid_input');
});

test('identity vectors: ID numbers and phones as Rust parses them', () => {
  const v = vector('volunteer/identity.json');
  for (const { input, expect } of v.id_numbers) {
    if (expect.outcome === 'ok') {
      const id = IdNumber.parse(input);
      assert.equal(id.expose(), expect.normalised);
      assert.equal(id.masked(), expect.masked);
      assert.equal(String(id), expect.masked);
      assert.equal(JSON.stringify({ id }), JSON.stringify({ id: expect.masked }));
      assert.equal(id.birthDate, expect.birth_date);
      assert.equal(id.sex, expect.sex);
      assert.equal(id.regionCode, expect.normalised.slice(0, 6));
    } else {
      const e = thrown(() => IdNumber.parse(input));
      assertError(e, 'InvalidIdNumber', expect.code);
      if (input.length >= 15) assert.ok(!e.message.includes(input), 'message repeats the input');
    }
  }
  for (const { input, expect } of v.phones) {
    if (expect.outcome === 'ok') {
      const p = Phone.parse(input);
      assert.equal(p.digits(), expect.digits);
      assert.equal(p.kind, expect.kind);
      assert.equal(p.masked(), expect.masked);
      assert.equal(String(p), expect.masked);
      assert.equal(JSON.stringify(p), JSON.stringify(expect.masked));
    } else {
      assertError(thrown(() => Phone.parse(input)), 'InvalidPhone', expect.code);
    }
  }
  for (const { input, expect } of v.nicknames) {
    let got;
    try {
      got = { outcome: 'ok', ...sg.parseNickname(input) };
    } catch (e) {
      assert.equal(e.name, 'InvalidNickname');
      got = { outcome: 'error', code: e.code };
    }
    assert.deepEqual(got, expect, input);
  }
  replayed('volunteer/identity.json');
  assert.equal(Phone.mobile('13800131234').kind, 'mobile');
  assertError(thrown(() => Phone.mobile('010-12345678')), 'InvalidPhone', 'invalid_phone');
});

test('IdNumber.masked: widths checked, never a wrapped or fractional width', () => {
  const id = IdNumber.parse('11010519491231002X');
  assert.equal(id.masked(3, 2), '110*************2X');
  assertError(thrown(() => id.masked(2 ** 53, 1)), 'InvalidInput', 'invalid_input');
  assertError(thrown(() => id.masked(-1, 1)), 'InvalidInput', 'invalid_input');
  assertError(thrown(() => id.masked(12, 4)), 'InvalidMask', 'invalid_mask');
});

test('case vectors: every step and final state as in Rust', () => {
  for (const { file, data } of vectors('case')) {
    if (data.kind === 'case_steps') {
      let c = null;
      for (const [i, step] of data.steps.entries()) {
        const before = c && c.toJson();
        let outcome;
        try {
          if (c === null) {
            c = Case.start(step.event);
            outcome = { outcome: 'applied', stage: c.stage, warnings: [] };
          } else {
            const a = c.apply(step.event);
            outcome = { outcome: 'applied', stage: a.stage, warnings: a.warnings.map((w) => w.rule) };
          }
        } catch (e) {
          assert.ok(e instanceof Error);
          outcome = { outcome: 'error', code: e.code, rule: e.ruleId, message: e.message };
          if (c) assert.equal(c.toJson(), before, `${file} step ${i}: a refused event changed the case`);
        }
        assert.deepEqual(outcome, step.expect, `${file} step ${i}`);
      }
      assert.equal(c.stage, data.final.stage, file);
      assert.equal(c.length, data.final.history_len, file);
      assert.equal(c.head, data.final.head, file);
      assert.deepEqual(c.fileCheck().missing_forms ?? data.final.missing_forms, data.final.missing_forms, file);
    } else if (data.kind === 'case_histories') {
      for (const h of data.histories) {
        let outcome;
        try {
          const c = Case.fromJson(h.stored);
          outcome = { outcome: 'ok', stage: c.stage, head: c.head };
        } catch (e) {
          outcome = { outcome: 'error', code: e.code, rule: e.ruleId, message: e.message };
        }
        assert.deepEqual(outcome, h.expect, `${file}: ${h.name}`);
      }
    } else {
      assert.fail(`${file}: unknown vector kind ${data.kind}`);
    }
    replayed(`case/${file}`);
  }
});

test('deadline vectors: obligations identical to Rust (case-based families)', () => {
  let n = 0;
  for (const { file, data } of vectors('deadline')) {
    if (!data.case) continue; // activity subjects: vectors.test.js replays them
    const c = Case.fromJson(data.case);
    const rules = data.rule_set === 'preset' ? RuleSet.preset() : RuleSet.fromJson(data.rule_set);
    const cal = Calendar.fromJson(data.calendar);
    for (const ev of data.evaluations) {
      assert.deepEqual(rules.obligations(c, cal, ev.now), ev.expect, `${file} @ ${ev.now}`);
    }
    replayed(`deadline/${file}`);
    n++;
  }
  assert.ok(n >= 5, `only ${n} deadline vectors replayed`);
});

test('Case: every method and getter', () => {
  const c = Case.start(received('SZ-2026-0007'));
  assert.equal(c.number, 'SZ-2026-0007');
  const applied = c.apply(notOpened());
  assert.equal(applied.seq, 2);
  assert.equal(applied.hash, c.head);
  assert.equal(typeof c.state, 'object');
  assert.equal(c.history.length, 2);
  assert.equal(c.length, 2);
  const stored = c.toObject();
  assert.equal(stored.head, c.head);
  assert.equal(Case.fromJson(c.toJson()).head, c.head);
  assert.equal(Case.fromJson(stored).head, c.head);
  assert.equal(Case.replay(c.history).head, c.head);
  assert.equal(Case.replayVerified(c.history, c.head).head, c.head);
  assert.equal(typeof c.fileCheck(), 'object');
  assert.equal(sg.caseNumber('SZ', 2026, 7), 'SZ-2026-0007');
  assert.ok(sg.eventTypes().includes('received'));
  assert.equal(sg.parseEvent(notOpened()).event.type, 'not_opened');
  assert.equal(sg.parseEvent(JSON.stringify(notOpened())).event.type, 'not_opened');
});

test('RuleSet: every method and getter', () => {
  const p = RuleSet.preset();
  assert.ok(p.rules.length > 5);
  assert.equal(typeof p.name, 'string');
  assert.equal(typeof p.version, 'string');
  const again = RuleSet.fromJson(p.toJson());
  assert.equal(again.rules.length, p.rules.length);
  const faster = p.withOffset('consult-reply-5wd', { working_days: 3 });
  const c = Case.start(received('SZ-2026-0007'));
  c.apply(notOpened());
  const [ob] = faster.obligations(c, Calendar.china(), '2026-02-13T09:00:00+08:00');
  assert.equal(ob.rule, 'consult-reply-5wd');
  assert.equal(ob.due_date, '2026-02-24');
  const without = p.without('consult-reply-5wd');
  assert.equal(without.rules.length, p.rules.length - 1);
  const rule = p.rules.find((r) => r.id === 'consult-reply-5wd');
  assert.equal(without.withRule(rule).rules.length, p.rules.length);
  const renamed = p.renamed('机构规则', '2026.1');
  assert.equal(renamed.name, '机构规则');
  assert.equal(renamed.version, '2026.1');
});

test('every error kind the bound API can raise is thrown from a real bad input', () => {
  const cal = Calendar.china();
  const c = Case.start(received('SZ-2026-0007'));
  c.apply(notOpened());
  const seen = new Set();
  const check = (fn, name, code) => {
    const e = thrown(fn);
    assertError(e, name, code);
    seen.add(name);
  };
  check(() => cal.addWorkdays('2030-01-02', 1), 'OutOfRange', 'out_of_range');
  const day = [{ date: '2026-03-06', note: '' }];
  check(() => cal.withAgencyDays('x', day, day), 'InvalidAgencyDay', 'invalid_agency_day');
  // An event missing its fields is malformed data.
  check(() => c.apply({ ...notOpened('2026-02-13T10:00:00+08:00'), event: { type: 'opening_submitted' } }), 'Malformed', 'malformed');
  check(() => c.apply({ ...notOpened('2026-02-13T10:00:00+08:00'), event: { type: 'no_such_event' } }), 'UnknownEventKind', 'unknown_event_kind');
  check(() => c.apply(notOpened('2026-02-11T10:00:00+08:00')), 'OutOfOrder', 'out_of_order');
  check(() => c.apply(notOpened('2026-02-13T10:00:00+08:00')), 'Refused', 'refused');
  const stored = c.toObject();
  const edited = structuredClone(stored);
  edited.events[1].event.reasons = '改过';
  check(() => Case.fromJson(edited), 'Tampered', 'tampered');
  check(() => Case.replayVerified(c.history, '0'.repeat(64)), 'HeadMismatch', 'head_mismatch');
  check(() => Case.fromJson({ ...stored, format: 99 }), 'UnsupportedFormat', 'unsupported_format');
  check(() => Case.replay(c.history.slice(1)), 'NotStarted', 'not_started');
  check(() => RuleSet.preset().without('no-such-rule'), 'UnknownRule', 'unknown_rule');
  check(() => IdNumber.parse('110105194912310021'), 'InvalidIdNumber', 'invalid_id_number');
  check(() => Phone.parse('12'), 'InvalidPhone', 'invalid_phone');
  check(() => sg.parseNickname('张三'), 'InvalidNickname', 'invalid_nickname');
  check(() => cal.isWorkday('tomorrow'), 'InvalidInput', 'invalid_input');
  check(() => Case.start(nested(100000)), 'LimitExceeded', 'limit_exceeded');
  check(() => IdNumber.parse('11010519491231002X').masked(12, 4), 'InvalidMask', 'invalid_mask');
  check(() => Calendar.fromJson({ base: 'somewhere-else' }), 'UnknownBase', 'unknown_base');
  // A number its field cannot hold is classified by the core, as in every binding.
  check(() => RuleSet.preset().withOffset('consult-reply-5wd', { working_days: -1 }), 'ValueOutOfRange', 'value_out_of_range');
  check(() => RuleSet.preset().withOffset('consult-reply-5wd', { working_days: 4294967296 }), 'ValueOutOfRange', 'value_out_of_range');
  // The kinds of modules not bound yet are thrown by their tests when those wrappers land;
  // every kind has a name and a code, and the list is the core's ErrorKind::ALL.
  const unbound = ['ActivityRefused', 'VolunteerRefused', 'RosterRefused', 'GroupRefused',
    'InvalidRecord', 'InvalidLine', 'InvalidParameters', 'UnknownValue',
    'ResultOutOfRange', 'InvalidRuleSet', 'Overflow'];
  const kinds = sg.errorKinds();
  assert.equal(new Set(kinds.map((k) => k.code)).size, kinds.length);
  for (const { name } of kinds) {
    if (!unbound.includes(name)) assert.ok(seen.has(name), `no test throws ${name}`);
  }
});

test('[limits] deeply nested or self-containing input is refused with a typed error, not a crash', () => {
  const deep = nested(100000);
  for (const fn of [
    () => Case.start({ ...received('SZ-2026-0007'), extra: deep }),
    () => Case.replay(deep),
    () => Case.fromJson({ format: 1, events: deep }),
    () => RuleSet.fromJson({ rules: deep }),
    () => Calendar.china().withAgencyDays('x', deep, []),
    () => RuleSet.preset().withOffset('consult-reply-5wd', { a: deep }),
  ]) {
    assertError(thrown(fn), 'LimitExceeded', 'limit_exceeded');
  }
  const cyclic = received('SZ-2026-0007');
  cyclic.event.self = cyclic;
  assertError(thrown(() => Case.start(cyclic)), 'LimitExceeded', 'limit_exceeded');
  // Deep JSON text goes to the core's reader, which enforces the same limit.
  const text = '['.repeat(100000) + ']'.repeat(100000);
  assertError(thrown(() => Case.fromJson(text)), 'LimitExceeded', 'limit_exceeded');
  // The module still works afterwards.
  assert.equal(Calendar.china().addWorkdays('2026-02-12', 5), '2026-02-26');
});

test('malformed records: messages never repeat an ID number or phone', () => {
  const id = '11010519491231002X';
  const bad = received('SZ-2026-0007');
  bad.event.client.date_of_birth = id;
  const e = thrown(() => Case.start(bad));
  assert.ok(e instanceof Error);
  assert.ok(!e.message.includes(id), e.message);
  const bad2 = received('SZ-2026-0007');
  bad2.event.channel = '13800131234';
  const e2 = thrown(() => Case.start(bad2));
  assert.ok(!e2.message.includes('13800131234'), e2.message);
});
