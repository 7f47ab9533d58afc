'use strict';
// shegong for mini-programs (WeChat, Douyin; Alipay and others through `instantiate`).
// Plain ES2015 CommonJS: no fetch, no ES module syntax, no async functions, and no TextEncoder or
// TextDecoder needed (a small UTF-8 shim is used when the runtime has none).
//
//   var shegong = require('shegong'); // or a relative path to this folder
//   shegong.load({ path: '/packageShegong/shegong.wasm' }).then(function (sg) {
//     sg.Calendar.china().addWorkdays('2026-02-12', 5); // '2026-02-26'
//   });

var shim = require('./text-shim.js');
var factory = require('./shegong_glue.js');

var loaded = null;
var pending = null;

// The platform's path-based instantiate: WeChat's WXWebAssembly, Douyin's TTWebAssembly.
function platformInstantiate() {
  if (typeof WXWebAssembly !== 'undefined') {
    return function (path, imports) { return WXWebAssembly.instantiate(path, imports); };
  }
  if (typeof TTWebAssembly !== 'undefined') {
    return function (path, imports) { return TTWebAssembly.instantiate(path, imports); };
  }
  return null;
}

/**
 * Loads and instantiates the module once; resolves to its exports (`Calendar`, `Case`, …).
 * `options.path` is the package-local path of `shegong.wasm` (or of `shegong.wasm.br`, which
 * WeChat (base library 2.14.0+) and Douyin (2.92.0.0+) read compressed). `options.instantiate`
 * replaces the platform's `(path, imports) => Promise<{instance, module}>`.
 */
function load(options) {
  if (loaded) {
    return Promise.resolve(loaded);
  }
  if (pending) {
    return pending;
  }
  var opts = options || {};
  var instantiate = opts.instantiate || platformInstantiate();
  if (typeof opts.path !== 'string' || opts.path === '') {
    return Promise.reject(new TypeError('shegong.load: options.path must be the package-local path of shegong.wasm'));
  }
  if (typeof instantiate !== 'function') {
    return Promise.reject(new TypeError('shegong.load: no WXWebAssembly or TTWebAssembly here; pass options.instantiate'));
  }
  // The glue runs `new TextDecoder(...)` as it is evaluated: choose the classes first.
  var mod = factory(
    typeof TextEncoder !== 'undefined' ? TextEncoder : shim.TextEncoder,
    typeof TextDecoder !== 'undefined' ? TextDecoder : shim.TextDecoder
  );
  pending = Promise.resolve()
    .then(function () { return instantiate(opts.path, mod.__wbg_get_imports()); })
    .then(function (result) {
      var instance = result && result.instance ? result.instance : result;
      mod.__wbg_finalize_init(instance, result ? result.module : undefined);
      loaded = mod;
      return mod;
    }, function (err) {
      pending = null;
      throw err;
    });
  return pending;
}

module.exports = { load: load };
