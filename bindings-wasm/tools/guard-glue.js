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
// The glue also keeps each object's pointer into wasm memory in a plain property,
// `__wbg_ptr`, and trusts whatever object carries one: `Object.create(Case.prototype)` given a
// `__wbg_ptr` passed `instanceof`, and `Case.prototype.apply.call(aCalendar, ...)` handed a
// Calendar's memory to Rust as a Case. The pointers are kept instead in a WeakMap that only the
// glue writes, with the class each was made for: a method reads its own class's pointer (0,
// refused by Rust as a null pointer, for anything else) and `_assertClass` checks the same
// entry. The glue's own errors (a wrong, freed or forged object; re-entrant use) are thrown
// as the binding's typed `InvalidInput`, not as a bare `Error` without a `code`.
//
// Plain ES2015 (the mini-program glue is made from this output). Fails when the glue no longer
// has a function or pattern it rewrites, so a wasm-bindgen upgrade cannot silently drop a
// guard.
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
var __shegongPtrs;
function __shegongTable() {
    if (__shegongPtrs === undefined) __shegongPtrs = new WeakMap();
    return __shegongPtrs;
}
function __shegongSet(obj, ptr) {
    if (ptr === 0) __shegongTable().delete(obj);
    else __shegongTable().set(obj, [ptr, Object.getPrototypeOf(obj)]);
}
function __shegongThis(obj, klass) {
    const e = (typeof obj === 'object' || typeof obj === 'function') && obj !== null ? __shegongTable().get(obj) : undefined;
    // The prototype it was made with (a subclass's, for a subclass of an exported class).
    return e !== undefined && (e[1] === klass.prototype || klass.prototype.isPrototypeOf(e[1])) ? e[0] : 0;
}
function __shegongPtr(obj) {
    const e = (typeof obj === 'object' || typeof obj === 'function') && obj !== null ? __shegongTable().get(obj) : undefined;
    return e !== undefined ? e[0] : 0;
}
function __shegongThrown(message) {
    if (message === 'null pointer passed to rust') {
        message = 'the object was freed (free()) or moved into an earlier call, or is not one this module made for that method';
    } else if (/recursive use of an object/.test(message)) {
        message = 'the object is in use by a call still running (re-entrant use)';
    }
    return __shegongError('InvalidInput', 'invalid_input', message);
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

// Rewrites the glue's pointer property into the WeakMap (see the header); throws when a
// pattern it relies on is gone.
function guardPointers(file, src) {
  const need = (ok, what) => {
    if (!ok) throw new Error(`${file}: ${what} not found: has wasm-bindgen changed?`);
  };
  // Writes: `obj.__wbg_ptr = ptr;`, `this.__wbg_ptr = r0;`, `this.__wbg_ptr = 0;`.
  let writes = 0;
  src = src.replace(/\b(this|obj)\.__wbg_ptr = ([^;\n]+);/g, (_, o, v) => {
    writes += 1;
    return `__shegongSet(${o}, ${v});`;
  });
  need(writes > 0, 'a __wbg_ptr assignment');
  // A class's own reads of `this`: only an object made as that class has a pointer.
  let classes = 0;
  // A class ends at the first `}` indented as its head (the no-modules glue indents all).
  src = src.replace(/^( *)((?:export )?class (\w+) \{\n)([\s\S]*?\n\1\}\n)/gm, (_, indent, head, name, body) => {
    classes += 1;
    return indent + head + body.replace(/\bthis\.__wbg_ptr\b/g, `__shegongThis(this, ${name})`);
  });
  need(classes > 0, 'a class');
  // Arguments, read after `_assertClass` (or given to the finalization registry).
  src = src.replace(/\b(\w+)\.__wbg_ptr\b/g, (_, o) => `__shegongPtr(${o})`);
  need(!/__wbg_ptr/.test(src), 'every __wbg_ptr rewritten (one is left)');
  const assertHead = /function _assertClass\(instance, klass\) \{\n\s*if \(!\(instance instanceof klass\)\) \{\n\s*throw new Error\(`expected instance of \$\{klass\.name\}`\);/;
  need(assertHead.test(src), '_assertClass');
  src = src.replace(assertHead,
    'function _assertClass(instance, klass) {\n' +
    '    if (__shegongThis(instance, klass) === 0) {\n' +
    "        throw __shegongError('InvalidInput', 'invalid_input', 'expected a live ' + klass.name + ' made by this module, found ' + " +
    "(instance instanceof klass ? 'one that was freed, moved into an earlier call, or not made by it' : __shegongTypeOf(instance)));");
  // An import object's member (`name: function(arg0, arg1) {`) or, in the bundler's glue, an
  // exported function (`function name(arg0, arg1) {`).
  const thrower = /(__wbindgen_throw_\w+(?:: function)?\(arg0, arg1\) \{\s*)throw new Error\(getStringFromWasm0\(arg0, arg1\)\);/;
  need(thrower.test(src), 'the __wbindgen_throw import');
  src = src.replace(thrower, '$1throw __shegongThrown(getStringFromWasm0(arg0, arg1));');
  return src;
}

for (const file of process.argv.slice(2)) {
  let src = fs.readFileSync(file, 'utf8');
  if (src.includes('function __shegongError(')) continue; // already guarded
  src = guardPointers(file, src);
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
