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

/**
 * The built Node package, wrapped so that every call of an exported function, static
 * method, method or getter is recorded; at exit the names are written to
 * target/wasm-ci/calls/<pid>.json, and tools/check-calls.js checks that the test files
 * together called every export (the record of real calls, not a search of the sources).
 */
function shegong() {
  const sg = require(path.join(pkg, 'node', 'shegong.js'));
  const called = new Set();
  const out = {};
  for (const [name, value] of Object.entries(sg)) {
    if (typeof value !== 'function') { out[name] = value; continue; }
    if (!/^[A-Z]/.test(name)) {
      out[name] = function (...args) { called.add(name); return value.apply(this, args); };
      continue;
    }
    for (const key of Object.getOwnPropertyNames(value)) {
      if (['length', 'name', 'prototype'].includes(key) || key.startsWith('__')) continue;
      const original = value[key];
      if (typeof original !== 'function' || original.__recorded) continue;
      const wrapped = function (...args) { called.add(`${name}.${key}`); return original.apply(this, args); };
      wrapped.__recorded = true;
      value[key] = wrapped;
    }
    const proto = value.prototype;
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || key.startsWith('__')) continue;
      const desc = Object.getOwnPropertyDescriptor(proto, key);
      if (desc.get && !desc.get.__recorded) {
        const get = desc.get;
        const wrapped = function () { called.add(`${name}#${key}`); return get.call(this); };
        wrapped.__recorded = true;
        Object.defineProperty(proto, key, { ...desc, get: wrapped });
      } else if (typeof desc.value === 'function' && !desc.value.__recorded) {
        const fn = desc.value;
        const wrapped = function (...args) { called.add(`${name}#${key}`); return fn.apply(this, args); };
        wrapped.__recorded = true;
        Object.defineProperty(proto, key, { ...desc, value: wrapped });
      }
    }
    out[name] = new Proxy(value, {
      construct(target, args) { called.add(`${name}.constructor`); return Reflect.construct(target, args); },
    });
  }
  process.on('exit', () => {
    const dir = path.join(root, 'target', 'wasm-ci', 'calls');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify([...called]));
  });
  return out;
}

const replayedFiles = new Set();

/**
 * Records that a vector file (`family/name.json`) was replayed to its end through JS; at exit
 * the list is written to target/conformance/js/<test file>.txt, which scripts/conformance
 * compares with the files on disk and with the other languages' records.
 */
function replayed(rel) {
  if (replayedFiles.size === 0) {
    process.on('exit', () => {
      const dir = path.join(root, 'target', 'conformance', 'js');
      fs.mkdirSync(dir, { recursive: true });
      const name = path.basename(process.argv[1] || 'tests');
      fs.writeFileSync(path.join(dir, `${name}.txt`), [...replayedFiles].sort().map((f) => `${f}\n`).join(''));
    });
  }
  replayedFiles.add(rel);
}

module.exports = { root, pkg, vector, vectors, thrown, nested, shegong, replayed };
