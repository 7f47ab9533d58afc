// The mini-program build (pkg/miniprogram) in a Node `vm` context shaped like WeChat's: no
// WebAssembly, TextEncoder, TextDecoder, fetch, URL or FinalizationRegistry, and a
// WXWebAssembly stub whose instantiate accepts only a package-local path.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const acorn = require('acorn');
const { pkg, nested } = require('./helpers.js');

const mp = path.join(pkg, 'miniprogram');
const REMOVED = ['WebAssembly', 'TextEncoder', 'TextDecoder', 'fetch', 'URL', 'FinalizationRegistry'];

/** A WeChat-like context, and a CommonJS `require` for the files of the mini-program build. */
function wechat() {
  const calls = [];
  const HostWebAssembly = WebAssembly;
  const context = vm.createContext({ console });
  // A fresh context has its own WebAssembly and FinalizationRegistry: remove them too.
  vm.runInContext(REMOVED.map((g) => `delete globalThis.${g};`).join('\n'), context);
  context.WXWebAssembly = {
    instantiate(wasmPath, imports) {
      calls.push(wasmPath);
      if (typeof wasmPath !== 'string') {
        return Promise.reject(new TypeError('WXWebAssembly.instantiate accepts only a path'));
      }
      // A package-local path, as in WeChat: resolved against the package root.
      const bytes = fs.readFileSync(path.join(mp, wasmPath.replace(/^\/+/, '')));
      return HostWebAssembly.instantiate(bytes, imports);
    },
  };
  const cache = new Map();
  function requireFrom(dir) {
    return (spec) => {
      const file = path.resolve(dir, spec);
      if (!file.startsWith(mp)) throw new Error(`require outside the package: ${spec}`);
      if (cache.has(file)) return cache.get(file).exports;
      const module = { exports: {} };
      cache.set(file, module);
      const code = fs.readFileSync(file, 'utf8');
      const fn = vm.runInContext(`(function (module, exports, require) {${code}\n})`, context, { filename: file });
      fn(module, module.exports, requireFrom(path.dirname(file)));
      return module.exports;
    };
  }
  return { context, calls, require: requireFrom(mp) };
}

test('the mini-program JavaScript is plain ES2015 (acorn, ecmaVersion 2015)', () => {
  for (const file of fs.readdirSync(mp).filter((f) => f.endsWith('.js'))) {
    const code = fs.readFileSync(path.join(mp, file), 'utf8');
    assert.doesNotThrow(() => acorn.parse(code, { ecmaVersion: 2015, sourceType: 'script' }), file);
    for (const banned of [/import\.meta/, /\bfetch\(/, /(^|[^A-Za-z])WebAssembly\./, /\basync\s+function\b/, /\bawait\s/]) {
      assert.ok(!banned.test(code), `${file} uses ${banned}`);
    }
  }
});

test('[consult-reply-5wd] WeChat-like context: a deadline with a Chinese string round trip', async () => {
  const w = wechat();
  for (const g of REMOVED) {
    assert.equal(vm.runInContext(`typeof ${g}`, w.context), 'undefined', g);
  }
  const shegong = w.require('./index.js');
  const sg = await shegong.load({ path: '/shegong.wasm' });
  assert.deepEqual(w.calls, ['/shegong.wasm']);
  const cal = sg.Calendar.china();
  assert.equal(cal.addWorkdays('2026-02-12', 5), '2026-02-26');
  // Chinese text in, through the shim's encoder, the core, and back through its decoder.
  const agency = cal.withAgencyDays('苏州某机构（社工站）', [{ date: '2026-03-06', note: '全员培训日🎓' }], []);
  assert.equal(agency.name, '苏州某机构（社工站）');
  assert.equal(agency.day('2026-03-06').note, '全员培训日🎓');
  // A lone surrogate is refused before the shim's encoder could replace it (no U+FFFD name).
  assert.throws(() => cal.withAgencyDays('苏州\uD800', [], []), (e) => e.code === 'malformed');
  // A Calendar is not a Case, whatever `this` a method is called with.
  assert.throws(() => sg.Case.prototype.toJson.call(cal), (e) => e.code === 'invalid_input');
  const c = sg.Case.start({
    occurred_at: '2026-02-12T09:00:00+08:00', recorded_at: '2026-02-12T09:00:00+08:00',
    actor: { id: 'w-li', role: 'worker' },
    event: { type: 'received', case_number: 'SZ-2026-0007',
      client: { id: 'c-1', name: '王阿姨', date_of_birth: '1950-05-01' },
      source: { kind: 'voluntary' }, channel: 'in_person', topic: '居家养老' },
  });
  c.apply({ occurred_at: '2026-02-12T10:00:00+08:00', recorded_at: '2026-02-12T10:00:00+08:00',
    actor: { id: 'w-li', role: 'worker' }, event: { type: 'not_opened', reasons: '无需开案' } });
  const [ob] = sg.RuleSet.preset().obligations(c, cal, '2026-02-13T09:00:00+08:00');
  assert.equal(ob.due_date, '2026-02-26');
  assert.match(ob.owed, /咨询结果告知/);
  assert.equal(c.history[0].event.client.name, '王阿姨');
  // Errors are real Errors of the context, with name and code.
  let err = null;
  try { cal.addWorkdays('2030-01-02', 1); } catch (e) { err = e; }
  assert.equal(err.name, 'OutOfRange');
  assert.equal(err.code, 'out_of_range');
  // Deep input is refused with a typed error, not a crash.
  err = null;
  try { sg.Case.replay(nested(100000)); } catch (e) { err = e; }
  assert.equal(err.name, 'LimitExceeded');
  // A second load resolves to the same module.
  // [agreement-before-access] The Viewer registry (a WeakMap) works without
  // FinalizationRegistry: a built viewer is recognised, a plain volunteer claim is refused.
  const subject = { id: 'c-1', groups: ['G-1'], minor_under_14: false, specific_identity: false };
  const viewer = sg.Viewer.staff('w-li', 'worker', ['G-1']);
  assert.equal(new sg.Access().decide(viewer, 'service_record', 'phone', subject).outcome, 'allow');
  viewer.free();
  err = null;
  try {
    new sg.Access().decide({ id: 'v-1', role: 'psychological_volunteer' }, 'service_record', 'phone', subject);
  } catch (e) { err = e; }
  assert.equal(err && err.code, 'malformed');
  assert.equal(await shegong.load({ path: '/shegong.wasm' }), sg);
});

test('load refuses a missing path and a runtime without a path-based instantiate', async () => {
  const w = wechat();
  const shegong = w.require('./index.js');
  await assert.rejects(shegong.load({}), /options\.path/);
  delete w.context.WXWebAssembly;
  const w2 = wechat();
  delete w2.context.WXWebAssembly;
  await assert.rejects(w2.require('./index.js').load({ path: '/shegong.wasm' }), /pass options\.instantiate/);
});

test('the text shim round-trips UTF-8 like the native classes', () => {
  const shim = require(path.join(mp, 'text-shim.js'));
  const samples = ['', 'ascii', '社工 王阿姨', '🎓𠮷', 'é\u0000\u07ff\u0800\uffff'];
  for (const s of samples) {
    const bytes = new shim.TextEncoder().encode(s);
    assert.deepEqual(Array.from(bytes), Array.from(new TextEncoder().encode(s)), s);
    assert.equal(new shim.TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes), s);
  }
  assert.equal(new shim.TextDecoder('utf-8').decode(new Uint8Array([0xff, 0x41])), '\ufffdA');
  assert.throws(() => new shim.TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xc0, 0x80])));
});
