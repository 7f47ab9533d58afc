// Guards the two places where wasm-bindgen's JS glue copies a caller's argument into wasm
// memory without looking at its type: `passStringToWasm0` (every string parameter: dates,
// ids, names) and `passArrayJsValueToWasm0` (every array parameter). Given a `Date`, a number
// or `{length: 1e9}`, the unguarded glue sizes an allocation from `arg.length`, writes past
// it and traps ("memory access out of bounds", "unreachable") or leaves the module's memory
// corrupt for every later call. The guard runs before anything is allocated and throws the
// binding's own typed errors: `InvalidInput` (code `invalid_input`) for a value of the wrong
// type, `LimitExceeded` (code `limit_exceeded`) for an array longer than the batch limit. The
// message names the type found, never the value (it could be an ID number).
//
// Plain ES2015 (the mini-program glue is made from this output). Fails when the glue no longer
// has either function, so a wasm-bindgen upgrade cannot silently drop the guard.
// Usage: node guard-glue.js <glue.js>...
'use strict';
const fs = require('fs');

// The core's MAX_BATCH_HISTORIES: no array argument of the API may be longer.
const MAX_ARRAY = 1000000;

const helpers = `
function __shegongError(name, code, message) {
    const e = new Error(message);
    e.name = name;
    e.code = code;
    e.ruleId = null;
    return e;
}
function __shegongTypeOf(v) {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'an array';
    if (typeof v === 'object') {
        const c = Object.getPrototypeOf(v);
        const n = c && c.constructor && typeof c.constructor.name === 'string' ? c.constructor.name : '';
        return n && n !== 'Object' ? 'a ' + n : 'an object';
    }
    return 'a ' + typeof v;
}
`;

const guards = [
  {
    head: 'function passStringToWasm0(arg, malloc, realloc) {',
    check: "    if (typeof arg !== 'string') throw __shegongError('InvalidInput', 'invalid_input', " +
      "'expected a string (an ISO date, an instant, an id or a name), found ' + __shegongTypeOf(arg));",
  },
  {
    head: 'function passArrayJsValueToWasm0(array, malloc) {',
    check: "    if (!Array.isArray(array)) throw __shegongError('InvalidInput', 'invalid_input', " +
      "'expected an array, found ' + __shegongTypeOf(array));\n" +
      `    if (array.length > ${MAX_ARRAY}) throw __shegongError('LimitExceeded', 'limit_exceeded', ` +
      `'an array argument holds ' + array.length + ' values; at most ${MAX_ARRAY} are accepted [limits]');`,
  },
];

for (const file of process.argv.slice(2)) {
  let src = fs.readFileSync(file, 'utf8');
  if (src.includes('function __shegongError(')) continue; // already guarded
  let found = 0;
  for (const g of guards) {
    const at = src.indexOf(g.head);
    if (at < 0) continue;
    found += 1;
    src = src.slice(0, at + g.head.length) + '\n' + g.check + src.slice(at + g.head.length);
  }
  if (found === 0) {
    throw new Error(`${file}: neither passStringToWasm0 nor passArrayJsValueToWasm0 found: has wasm-bindgen changed?`);
  }
  const first = src.indexOf('function passStringToWasm0(');
  if (first < 0) throw new Error(`${file}: no passStringToWasm0: has wasm-bindgen changed?`);
  src = src.slice(0, first) + helpers.trimStart() + '\n' + src.slice(first);
  fs.writeFileSync(file, src);
  console.log(`   ${file.replace(/^.*\/pkg\//, 'pkg/')}: ${found} argument copies guarded`);
}
