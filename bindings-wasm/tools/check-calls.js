// Checks that the test files together called every export of the built Node package: every
// function, static method, constructor, method and getter (toString/toJSON count when called
// through String() and JSON.stringify). Reads the names recorded by tests/helpers.js.
// Usage: node check-calls.js <pkg dir> <calls dir>
'use strict';
const fs = require('fs');
const path = require('path');

const [pkg, dir] = process.argv.slice(2);
const sg = require(path.join(path.resolve(pkg), 'node', 'shegong.js'));
const expected = [];
for (const [name, value] of Object.entries(sg)) {
  if (typeof value !== 'function') continue;
  if (!/^[A-Z]/.test(name)) { expected.push(name); continue; }
  for (const key of Object.getOwnPropertyNames(value)) {
    if (['length', 'name', 'prototype'].includes(key) || key.startsWith('__')) continue;
    if (typeof value[key] === 'function') expected.push(`${name}.${key}`);
  }
  for (const key of Object.getOwnPropertyNames(value.prototype)) {
    if (['constructor', 'free'].includes(key) || key.startsWith('__')) continue;
    if (key === Symbol.dispose) continue;
    expected.push(`${name}#${key}`);
  }
}
const called = new Set();
for (const f of fs.readdirSync(dir)) {
  for (const n of JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))) called.add(n);
}
const missing = expected.filter((n) => !called.has(n) && !called.has(n.replace('.constructor', '')));
console.log(`exports called by the tests: ${expected.length - missing.length} of ${expected.length}`);
if (missing.length) {
  console.error(`never called: ${missing.join(', ')}`);
  process.exit(1);
}
