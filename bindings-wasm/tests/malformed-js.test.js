// The JS-only malformed inputs, beside the shared table (tests/malformed/table.json, which
// every language replays): values that exist only in JavaScript, passed where the API takes a
// string, an array or a plain object. Each row names the error kind (code) it must give; after
// every row the case passed in is byte-identical and still usable, and the module still
// answers (a JS exception unwinding through wasm, or an argument copied unchecked into wasm
// memory, used to leave the handle borrowed or the memory corrupt for every later call).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { shegong } = require('./helpers.js');

const sg = shegong();
const { Calendar, Case, RuleSet, IdNumber, Phone, Viewer } = sg;

const ID = '11010519491231002X';
const PHONE = '13812345678';
const at = (h) => `2026-02-12T${String(h).padStart(2, '0')}:00:00+08:00`;
const received = () => ({
  occurred_at: at(9),
  recorded_at: at(9),
  actor: { id: 'w-li', role: 'worker' },
  event: {
    type: 'received',
    case_number: 'SZ-2026-0007',
    client: { id: 'c-1', name: '王阿姨', date_of_birth: '1950-05-01' },
    source: { kind: 'voluntary' },
    channel: 'in_person',
    topic: '居家养老',
  },
});
const consultation = (summary = '咨询面谈') => ({
  occurred_at: at(10),
  recorded_at: at(10),
  actor: { id: 'w-li', role: 'worker' },
  event: { type: 'consultation_held', topic: '', summary },
});
const throwingGetter = () => {
  const e = consultation();
  Object.defineProperty(e.event, 'summary', { enumerable: true, get() { throw new Error(ID); } });
  return e;
};
const revoked = () => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
};
const hostile = new Proxy({}, { ownKeys() { throw new Error(PHONE); } });
const withToJson = (value) => Object.assign(consultation(), { toJSON: () => value });
const sparse = (n) => { const a = []; a.length = n; return a; };

/** [name, kind, call(c) on a case `c`]: every row must throw an error of that kind. */
const rows = [
  // Strings where the API takes a string (dates, instants, ids): other JS types.
  ['a Date for an ISO date', 'invalid_input', () => Calendar.china().addWorkdays(new Date(2026, 1, 12), 5)],
  ['a number for an ISO date', 'invalid_input', () => Calendar.china().addWorkdays(20260212, 5)],
  ['null for an ISO date', 'invalid_input', () => Calendar.china().isWorkday(null)],
  ['an object with toString for a date', 'invalid_input', () => Calendar.china().isWorkday({ toString: () => '2026-02-12' })],
  ['an array for a date', 'invalid_input', () => Calendar.china().isWorkday(['2026-02-12'])],
  ['a String object for a date', 'invalid_input', () => Calendar.china().isWorkday(new String('2026-02-12'))],
  ['a Symbol for a date', 'invalid_input', () => Calendar.china().isWorkday(Symbol('d'))],
  ['a BigInt for a date', 'invalid_input', () => Calendar.china().isWorkday(20260212n)],
  ['a date without its zeros', 'invalid_input', () => Calendar.china().isWorkday('2026-2-3')],
  ['a date with a plus sign', 'invalid_input', () => Calendar.china().isWorkday('+2026-02-03')],
  ['a date with a minus sign', 'invalid_input', () => Calendar.china().isWorkday('-2026-02-03')],
  ['a date with a trailing space', 'invalid_input', () => Calendar.china().isWorkday('2026-02-03 ')],
  ['a Date for an instant', 'invalid_input', () => RuleSet.preset().obligations(Case.start(received()), Calendar.china(), new Date())],
  ['an ID number as a number', 'invalid_input', () => IdNumber.parse(110105194912310020)],
  ['a phone as a number', 'invalid_input', () => Phone.parse(13812345678)],
  ['a phone as a BigInt', 'invalid_input', () => Phone.mobile(13812345678n)],
  ['a throwing toString for an id', 'invalid_input', () => IdNumber.parse({ toString() { throw new Error(ID); } })],
  ['undefined for a rule id', 'invalid_input', () => RuleSet.preset().without(undefined)],
  // Numbers: JS numbers beyond 2^53, NaN, infinities, fractions, BigInt.
  ['2^53 + 1 working days', 'invalid_input', () => Calendar.china().addWorkdays('2026-02-12', 2 ** 53 + 1)],
  ['-(2^53 + 1) working days', 'invalid_input', () => Calendar.china().addWorkdays('2026-02-12', -(2 ** 53 + 1))],
  ['NaN working days', 'invalid_input', () => Calendar.china().addWorkdays('2026-02-12', NaN)],
  ['Infinity working days', 'invalid_input', () => Calendar.china().addWorkdays('2026-02-12', Infinity)],
  ['1.5 working days', 'invalid_input', () => Calendar.china().addWorkdays('2026-02-12', 1.5)],
  ['a serial of 2^53', 'invalid_input', () => sg.caseNumber('SZ', 2026, 2 ** 53)],
  ['a mask width of 2^53', 'invalid_input', () => IdNumber.parse(ID).masked(2 ** 53, 1)],
  // Whole numbers are never truncated, wrapped or coerced from another type.
  ['a fractional year in a case number', 'invalid_input', () => sg.caseNumber('SZ', 2026.5, 7)],
  ['a negative serial', 'invalid_input', () => sg.caseNumber('SZ', 2026, -1)],
  ['a serial of 2^32 + 7', 'invalid_input', () => sg.caseNumber('SZ', 2026, 2 ** 32 + 7)],
  ['a year of 2^31', 'invalid_input', () => sg.caseNumber('SZ', 2 ** 31, 7)],
  ['a string serial', 'invalid_input', () => sg.caseNumber('SZ', 2026, '7')],
  ['a fractional direct share', 'invalid_input', () => sg.directShare(sg.annualHours(), 70.9)],
  ['NaN as the direct share', 'invalid_input', () => sg.directShare(sg.annualHours(), NaN)],
  ['a negative direct share', 'invalid_input', () => sg.directShare(sg.annualHours(), -1)],
  ['a direct share as text', 'invalid_input', () => sg.directShare(sg.annualHours(), '70')],
  ['a fractional year of hours', 'invalid_input', () => sg.annualHoursFromCalendar(Calendar.china(), 2026.9)],
  ['a year of hours beyond 2^32', 'invalid_input', () => sg.annualHoursFromCalendar(Calendar.china(), 2026 + 2 ** 32)],
  ['5.5 days of paid leave', 'invalid_input', () => sg.annualHoursFromCalendar(Calendar.china(), 2026, 5.5)],
  ['-1 days of paid leave', 'invalid_input', () => sg.annualHoursFromCalendar(Calendar.china(), 2026, -1)],
  ['8.7 hours a day', 'invalid_input', () => sg.annualHoursFromCalendar(Calendar.china(), 2026, 5, 8.7)],
  ['null working days', 'invalid_input', () => Calendar.china().addWorkdays('2026-02-12', null)],
  ['working days as text', 'invalid_input', () => Calendar.china().addWorkdays('2026-02-12', '5')],
  ['true working days', 'invalid_input', () => Calendar.china().addWorkdays('2026-02-12', true)],
  ['a year as text', 'invalid_input', () => Calendar.china().workdaysInYear('2026')],
  ['null minutes', 'invalid_input', () => sg.formatMinutes(null)],
  ['minutes as text', 'invalid_input', () => sg.formatMinutes('5')],
  ['a mask width as text', 'invalid_input', () => IdNumber.parse(ID).masked('3', 1)],
  // Arrays where the API takes an array.
  // A lone surrogate has no UTF-8 form: the glue's conversion would put U+FFFD in its place
  // (an id, a name or a JSON text other than the one given), so it is refused.
  ['a lone high surrogate in a staff id', 'malformed', () => Viewer.staff('w-\uD800', 'worker', [])],
  ['a lone low surrogate in a group', 'malformed', () => Viewer.staff('w-li', 'worker', ['G-\uDC00'])],
  ['a surrogate pair reversed in a group', 'malformed', () => Viewer.staff('w-li', 'worker', ['\uDC00\uD800'])],
  ['a number for a staff id', 'invalid_input', () => Viewer.staff(42, 'worker', [])],
  ['an object with toString for a staff id', 'invalid_input', () => Viewer.staff({ toString: () => 'w-li' }, 'worker', [])],
  ['a lone surrogate in a calendar name', 'malformed', () => Calendar.china().withAgencyDays('所\uD800', [], [])],
  ['null for a calendar name', 'invalid_input', () => Calendar.china().withAgencyDays(null, [], [])],
  ['a lone surrogate in a rule set name', 'malformed', () => RuleSet.preset().renamed('规则\uDBFF', '1')],
  ['a number for a rule set version', 'invalid_input', () => RuleSet.preset().renamed('规则', 2)],
  ['a lone surrogate in a nickname', 'malformed', () => sg.parseNickname('社工-张\uD83D')],
  ['a lone surrogate in a rule set as JSON text', 'malformed', () => RuleSet.fromJson(RuleSet.preset().toJson().replace('"shegong-preset"', '"preset\uD800"'))],
  ['an escaped lone surrogate in JSON text', 'malformed', () => RuleSet.fromJson(RuleSet.preset().toJson().replace('"shegong-preset"', '"preset\\ud800"'))],
  ['a lone surrogate in an event object', 'malformed', (c) => c.apply(consultation('咨询\uDC00'))],
  ['a lone surrogate in a history as JSON text', 'malformed', (c) => Case.fromJson(c.toJson().replace('居家养老', '居家\uD800养老'))],
  // Objects of the module's classes: only a live one of the class a parameter or method takes
  // reaches Rust (the glue kept the pointer in a property anyone could set, and
  // Case.prototype.apply.call(aCalendar) handed the Calendar's memory to Rust as a Case).
  ['a plain object where a Case is expected', 'invalid_input', () => RuleSet.preset().obligations({}, Calendar.china(), at(9))],
  ['a Calendar where a Case is expected', 'invalid_input', () => RuleSet.preset().obligations(Calendar.china(), Calendar.china(), at(9))],
  ['a Case made by Object.create with a forged pointer', 'invalid_input', (c) => { const f = Object.create(Case.prototype); f.__wbg_ptr = 8; return RuleSet.preset().obligations(f, Calendar.china(), at(9)); }],
  ['a forged Case as the this of apply', 'invalid_input', () => { const f = Object.create(Case.prototype); f.__wbg_ptr = 8; return f.apply(consultation()); }],
  ['a Calendar as the this of a Case method', 'invalid_input', () => Case.prototype.apply.call(Calendar.china(), consultation())],
  ['a plain object as the this of a Calendar method', 'invalid_input', () => Calendar.prototype.addWorkdays.call({}, '2026-02-12', 5)],
  ['a freed Calendar as an argument', 'invalid_input', (c) => { const k = Calendar.china(); k.free(); return RuleSet.preset().obligations(c, k, at(9)); }],
  ['a method of a freed Case', 'invalid_input', () => { const d = Case.start(received()); d.free(); return d.toJson(); }],
  ['a Case freed twice', 'invalid_input', () => { const d = Case.start(received()); d.free(); d.free(); }],
  ['a string for the groups array', 'invalid_input', () => Viewer.staff('w-li', 'worker', 'abc')],
  ['numbers in the groups array', 'invalid_input', () => Viewer.staff('w-li', 'worker', [1, 2])],
  ['null for the groups array', 'invalid_input', () => Viewer.staff('w-li', 'worker', null)],
  ['an array-like of length 1e9 for groups', 'invalid_input', () => Viewer.staff('w-li', 'worker', { length: 1e9 })],
  ['a sparse array of 10^8 values in an event', 'limit_exceeded', (c) => c.apply(Object.assign(consultation(), { x: sparse(1e8) }))],
  ['a typed array of 5e7 bytes in an event', 'limit_exceeded', (c) => c.apply(Object.assign(consultation(), { x: new Uint8Array(5e7) }))],
  ['a small typed array in a record', 'malformed', () => sg.validateRecord({ kind: 'service_record', x: new Uint8Array(3) })],
  ['groups past the input limit', 'limit_exceeded', () => Viewer.staff('w-li', 'worker', new Array(300).fill('王'.repeat(5e6)))],
  ['many groups past the input limit', 'limit_exceeded', () => Viewer.staff('w-li', 'worker', new Array(20000).fill('g'.repeat(1000)))],
  ['a sparse array of 2^31 histories', 'limit_exceeded', () => sg.evaluateHistories(sparse(2 ** 31), RuleSet.preset(), Calendar.china(), at(9))],
  ['a Set of histories', 'invalid_input', () => sg.evaluateHistories(new Set(['{}']), RuleSet.preset(), Calendar.china(), at(9))],
  // Objects where the API takes a plain object (an event, a record, a rule set).
  ['a throwing getter in an event', 'malformed', (c) => c.apply(throwingGetter())],
  ['a revoked proxy as an event', 'malformed', (c) => c.apply(revoked())],
  ['a proxy whose ownKeys trap throws', 'malformed', (c) => c.apply(hostile)],
  ['a BigInt inside an event', 'malformed', (c) => c.apply(consultation(10n))],
  ['a toJSON giving an ID number', 'malformed', (c) => c.apply(withToJson(ID))],
  ['a toJSON that throws', 'malformed', (c) => c.apply(withToJson(undefined) && Object.assign(consultation(), { toJSON() { throw new Error(ID); } }))],
  ['NaN as the summary', 'malformed', (c) => c.apply(consultation(NaN))],
  // A Date in an object is written as its UTC instant by JSON.stringify: where the record
  // takes a calendar date (IsoDate), that is refused, never read as a day.
  ['a Date as a date of birth', 'malformed', () => { const r = received(); r.event.client.date_of_birth = new Date(1950, 4, 1); return Case.start(r); }],
  ['a Map as an event', 'malformed', (c) => c.apply(new Map([['event', consultation().event]]))],
  ['a Uint8Array as an event', 'malformed', (c) => c.apply(new Uint8Array([123, 125]))],
  ['a function as an event', 'invalid_input', (c) => c.apply(() => consultation())],
  ['a Symbol as an event', 'invalid_input', (c) => c.apply(Symbol('e'))],
  ['undefined as an event', 'invalid_input', (c) => c.apply(undefined)],
  ['a number as an event', 'malformed', (c) => c.apply(42)],
  ['a __proto__ key', 'malformed', (c) => c.apply(JSON.parse('{"__proto__": {"summary": "x"}}'))],
  ['undefined fields dropped by JSON', 'malformed', (c) => c.apply(Object.assign(consultation(), { event: { type: 'consultation_held', topic: undefined, summary: undefined } }))],
  ['a 10 MB summary', 'limit_exceeded', (c) => c.apply(consultation('x'.repeat(10 * 1024 * 1024)))],
  ['a self-containing event', 'limit_exceeded', (c) => { const e = consultation(); e.event.self = e; return c.apply(e); }],
  ['a record with a throwing getter', 'malformed', () => sg.validateRecord(Object.defineProperty({}, 'kind', { enumerable: true, get() { throw new Error(ID); } }))],
  ['a rule set as a revoked proxy', 'malformed', () => RuleSet.fromJson(revoked())],
];

test('[limits] the JS-only malformed inputs: a typed error of the expected kind, nothing changed', () => {
  const c = Case.start(received());
  const before = c.toJson();
  const seen = new Map();
  const problems = [];
  for (const [name, kind, call] of rows) {
    let error = null;
    try {
      call(c);
    } catch (e) {
      error = e;
    }
    if (!(error instanceof Error)) {
      problems.push(`${name}: expected a thrown Error, got ${String(error)}`);
    } else if (error.code !== kind) {
      problems.push(`${name}: expected ${kind}, got ${error.code} (${error.name}: ${error.message})`);
    } else {
      for (const secret of [ID, PHONE, '110105194912310020', '13812345678']) {
        if (String(error.message).includes(secret)) problems.push(`${name}: the message repeats a number`);
      }
    }
    if (c.toJson() !== before) problems.push(`${name}: the case changed`);
    seen.set(kind, (seen.get(kind) || 0) + 1);
  }
  assert.deepEqual(problems, []);
  // The case, the module and its memory still work after every refusal.
  const applied = c.apply(consultation());
  assert.equal(applied.seq, 2);
  assert.equal(Calendar.china().addWorkdays('2026-02-12', 5), '2026-02-26');
  assert.equal(IdNumber.parse(ID).masked(), IdNumber.parse(ID).masked());
  assert.ok(rows.length >= 40, `${rows.length} rows`);
  console.log(`JS-only malformed table: ${rows.length} rows, ${JSON.stringify(Object.fromEntries(seen))}`);
});

test('[limits] strings with a well-formed surrogate pair (an emoji) are read exactly as given', () => {
  const v = Viewer.staff('w-😀', 'worker', ['G-😀']);
  assert.equal(v.id, 'w-😀');
  assert.deepEqual(v.groups, ['G-😀']);
  const r = RuleSet.preset().renamed('规则😀', 'v😀');
  assert.equal(r.name, '规则😀');
  assert.equal(r.version, 'v😀');
  assert.equal(RuleSet.fromJson(r.toJson()).name, '规则😀');
  assert.equal(sg.parseNickname('社工-张😀').name, '张😀');
  const c = Case.start(received());
  c.apply(consultation('咨询😀'));
  assert.equal(Case.fromJson(c.toJson()).toJson(), c.toJson());
});
