// Shared helpers for the tests over the built package (bindings-wasm/pkg).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const pkg = path.resolve(__dirname, '..', 'pkg');

/** A shared vector file (tests/vectors/...). */
function vector(rel) {
  return JSON.parse(fs.readFileSync(path.join(root, 'tests', 'vectors', rel), 'utf8'));
}

/** Every vector file of a family. */
function vectors(family) {
  const dir = path.join(root, 'tests', 'vectors', family);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ file: f, data: vector(path.join(family, f)) }));
}

/** Runs `fn` and returns what it threw (failing when it does not throw). */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** An array nested `depth` levels deep. */
function nested(depth) {
  let v = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

module.exports = { root, pkg, vector, vectors, thrown, nested };
