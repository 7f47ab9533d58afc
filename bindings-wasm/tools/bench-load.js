// Times load + instantiate + the first addWorkdays in fresh Node processes, for the Node
// build and for the mini-program build (loader + shim, instantiated from a path as WeChat
// does); then 1,000 obligation evaluations on a warm module. Prints the median of 7 runs.
// Usage: node bench-load.js <pkg dir>
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');

const pkg = path.resolve(process.argv[2]);
const RUNS = 7;

const node = `
const t0 = process.hrtime.bigint();
const sg = require(${JSON.stringify(path.join(pkg, 'node', 'shegong.js'))});
const d = sg.Calendar.china().addWorkdays('2026-02-12', 5);
const t1 = process.hrtime.bigint();
if (d !== '2026-02-26') throw new Error(d);
console.log(Number(t1 - t0) / 1e6);
`;
const mini = `
const fs = require('fs');
const t0 = process.hrtime.bigint();
globalThis.WXWebAssembly = { instantiate: (p, imports) =>
  WebAssembly.instantiate(fs.readFileSync(${JSON.stringify(path.join(pkg, 'miniprogram'))} + p), imports) };
delete globalThis.TextEncoder; delete globalThis.TextDecoder;
require(${JSON.stringify(path.join(pkg, 'miniprogram', 'index.js'))}).load({ path: '/shegong.wasm' }).then((sg) => {
  const d = sg.Calendar.china().addWorkdays('2026-02-12', 5);
  const t1 = process.hrtime.bigint();
  if (d !== '2026-02-26') throw new Error(d);
  console.log(Number(t1 - t0) / 1e6);
});
`;
const evaluate = `
const sg = require(${JSON.stringify(path.join(pkg, 'node', 'shegong.js'))});
const at = (w, event) => ({ occurred_at: w, recorded_at: w, actor: { id: 'w-li', role: 'worker' }, event });
const cal = sg.Calendar.china(), rules = sg.RuleSet.preset();
const histories = [];
for (let i = 0; i < 1000; i++) {
  const c = sg.Case.start(at('2026-02-12T09:00:00+08:00', { type: 'received',
    case_number: 'SZ-2026-' + String(i + 1).padStart(4, '0'),
    client: { id: 'c-' + i, name: '王阿姨', date_of_birth: null }, source: { kind: 'voluntary' },
    channel: 'in_person', topic: '居家养老' }));
  c.apply(at('2026-02-12T10:00:00+08:00', { type: 'not_opened', reasons: '无需开案' }));
  histories.push(c.toJson());
}
const t0 = process.hrtime.bigint();
let n = 0;
for (const h of histories) { const c = sg.Case.fromJson(h); n += rules.obligations(c, cal, '2026-03-01T09:00:00+08:00').length; c.free(); }
const t1 = process.hrtime.bigint();
console.log(Number(t1 - t0) / 1e6, n);
`;

function median(code) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    times.push(Number(execFileSync(process.execPath, ['-e', code]).toString().trim().split(' ')[0]));
  }
  times.sort((a, b) => a - b);
  return times[RUNS >> 1];
}

console.log(`   Node build: load + instantiate + first addWorkdays: ${median(node).toFixed(1)} ms (median of ${RUNS})`);
console.log(`   mini-program build (loader, shim, path instantiate): ${median(mini).toFixed(1)} ms (median of ${RUNS})`);
const out = execFileSync(process.execPath, ['-e', evaluate]).toString().trim().split(' ');
console.log(`   1,000 stored histories read and evaluated (Case.fromJson + obligations): ${Number(out[0]).toFixed(1)} ms, ${out[1]} obligations`);
