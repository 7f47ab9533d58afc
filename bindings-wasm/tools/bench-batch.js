// Times the Node build's evaluateHistories over a JSON Lines file of stored histories (best of
// 5 runs on a warm module) and prints one JSON line: {"ms": …, "histories": …, "rows": …}.
// Usage: node bench-batch.js <pkg dir> <histories.jsonl> <now>
'use strict';
const fs = require('fs');
const path = require('path');

const [pkg, file, now] = process.argv.slice(2);
const sg = require(path.join(path.resolve(pkg), 'node', 'shegong.js'));
const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
const rules = sg.RuleSet.preset();
const cal = sg.Calendar.china();
let best = Infinity;
let rows = 0;
for (let i = 0; i < 5; i += 1) {
  const t0 = process.hrtime.bigint();
  const batch = sg.evaluateHistories(lines, rules, cal, now);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  rows = batch.obligations.length;
  if (batch.errors.length > 0) throw new Error(`unexpected error rows: ${JSON.stringify(batch.errors[0])}`);
  best = Math.min(best, ms);
}
console.log(JSON.stringify({ ms: best, histories: lines.length, rows }));
