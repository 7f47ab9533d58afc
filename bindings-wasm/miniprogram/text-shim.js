'use strict';
// A small UTF-8 TextEncoder/TextDecoder for runtimes without them (WeChat, Alipay and Douyin
// mini-programs). ES2015, no dependencies. The loader uses it only when the runtime lacks
// the native classes; it never writes to the global object.

function ShimTextEncoder() {}
ShimTextEncoder.prototype.encoding = 'utf-8';
ShimTextEncoder.prototype.encode = function (input) {
  var s = input === undefined ? '' : String(input);
  var out = [];
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      var d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    } else if (c >= 0xd800 && c <= 0xdfff) {
      c = 0xfffd; // a lone surrogate
    }
    if (c < 0x80) {
      out.push(c);
    } else if (c < 0x800) {
      out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    } else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
  }
  return new Uint8Array(out);
};

function ShimTextDecoder(label, options) {
  var name = label === undefined ? 'utf-8' : String(label).toLowerCase();
  if (name !== 'utf-8' && name !== 'utf8') {
    throw new RangeError('text-shim: only utf-8 is supported');
  }
  this.encoding = 'utf-8';
  this.fatal = !!(options && options.fatal);
  this.ignoreBOM = !!(options && options.ignoreBOM);
}
ShimTextDecoder.prototype.decode = function (input) {
  if (input === undefined || input === null) {
    return '';
  }
  var bytes = input instanceof Uint8Array ? input : new Uint8Array(input.buffer || input);
  var units = [];
  var out = '';
  var fatal = this.fatal;
  var i = 0;
  if (!this.ignoreBOM && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    i = 3;
  }
  function bad() {
    if (fatal) {
      throw new TypeError('text-shim: invalid utf-8');
    }
    return 0xfffd;
  }
  while (i < bytes.length) {
    var b = bytes[i];
    var c;
    var need = 0;
    if (b < 0x80) { c = b; } else if (b >= 0xc2 && b < 0xe0) { c = b & 0x1f; need = 1; } else if (b >= 0xe0 && b < 0xf0) { c = b & 0x0f; need = 2; } else if (b >= 0xf0 && b < 0xf5) { c = b & 0x07; need = 3; } else { c = -1; }
    i++;
    for (var k = 0; k < need && c >= 0; k++) {
      if (i < bytes.length && (bytes[i] & 0xc0) === 0x80) {
        c = (c << 6) | (bytes[i] & 0x3f);
        i++;
      } else {
        c = -1;
      }
    }
    if (c < 0 || (need === 2 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (need === 3 && (c < 0x10000 || c > 0x10ffff))) {
      c = bad();
    }
    if (c >= 0x10000) {
      c -= 0x10000;
      units.push(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
    } else {
      units.push(c);
    }
    if (units.length >= 8192) {
      out += String.fromCharCode.apply(null, units);
      units = [];
    }
  }
  return out + String.fromCharCode.apply(null, units);
};

module.exports = { TextEncoder: ShimTextEncoder, TextDecoder: ShimTextDecoder };
