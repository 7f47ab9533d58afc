// Copies a wasm module without one custom section. The build drops `target_features`: it
// lists what the precompiled std was compiled with (reference types, bulk memory…), not what
// the module uses, and wasm-bindgen would then emit externref glue for an MVP build. The
// final validation with those features disabled proves the module does not use them.
// Usage: node drop-section.js <in.wasm> <section name> <out.wasm>
'use strict';
const fs = require('fs');

const [input, drop, output] = process.argv.slice(2);
const buf = fs.readFileSync(input);
const keep = [buf.subarray(0, 8)];
let pos = 8;
function leb() {
  let result = 0, shift = 0, byte;
  do { byte = buf[pos++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return result;
}
let dropped = 0;
while (pos < buf.length) {
  const start = pos;
  const id = buf[pos++];
  const size = leb();
  const body = pos;
  const end = body + size;
  let name = null;
  if (id === 0) {
    const len = leb();
    name = buf.toString('utf8', pos, pos + len);
  }
  if (name === drop) dropped++;
  else keep.push(buf.subarray(start, end));
  pos = end;
}
fs.writeFileSync(output, Buffer.concat(keep));
console.log(`   ${input.split('/').pop()}: dropped ${dropped} \`${drop}\` section(s)`);
