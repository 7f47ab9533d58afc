// The shared malformed-input table (tests/malformed/table.json, generated and replayed by
// core/tests/malformed_table.rs; Python and Kotlin replay it too): every row gives the error
// kind Rust gives, as a real Error with that `code`; every valid base is accepted; and the
// case an event is applied to is unchanged after a refusal. JS-only bad inputs (self-containing
// objects, numbers beyond 2^53, Dates) are in node.test.js.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { root, shegong, replayed } = require('./helpers.js');

const sg = shegong();
const doc = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'malformed', 'table.json'), 'utf8'));
const base = JSON.stringify(doc.base_case);

function text(input) {
  if (typeof input === 'string') return input;
  const [prefix, unit, count, suffix] = input.repeat;
  return prefix + unit.repeat(count) + suffix;
}

function call(entry, s) {
  switch (entry) {
    case 'case_from_json': return sg.Case.fromJson(s);
    case 'activity_from_json': return sg.Activity.fromJson(s);
    case 'volunteer_from_json': return sg.Volunteer.fromJson(s);
    case 'rule_set_from_json': return sg.RuleSet.fromJson(s);
    case 'calendar_from_json': return sg.Calendar.fromJson(s);
    case 'parse_event': return sg.parseEvent(s);
    case 'validate_record': return sg.validateRecord(s);
    case 'id_number': return sg.IdNumber.parse(s);
    case 'phone': return sg.Phone.parse(s);
    case 'case_apply': {
      const c = sg.Case.fromJson(base);
      const before = c.toJson();
      try {
        return c.apply(s);
      } catch (e) {
        assert.equal(c.toJson(), before, 'a refused event changed the case');
        throw e;
      }
    }
    default: throw new Error(`unknown entry ${entry}`);
  }
}

test('[limits] the shared malformed table: the same error kind as Rust for every row', () => {
  let bad = 0;
  for (const row of doc.rows) {
    const s = text(row.input);
    const label = `${row.entry}: ${row.name}`;
    if (row.expect === 'ok') {
      call(row.entry, s);
      continue;
    }
    let err = null;
    try {
      call(row.entry, s);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof Error, `${label}: expected ${row.expect}, nothing (or a non-Error) was thrown`);
    assert.equal(err.code, row.expect, `${label}: ${err.message}`);
    bad += 1;
  }
  assert.ok(bad >= 150, `only ${bad} bad inputs`);
  replayed('malformed/table.json');
});
