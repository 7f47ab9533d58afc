// A small size profile (what twiggy's `top` shows): reads a wasm's code section and its name
// section, and prints the largest functions and the code size per crate.
// Usage: node size-profile.js file.wasm [top-n]
'use strict';
const fs = require('fs');

const buf = fs.readFileSync(process.argv[2]);
const top = Number(process.argv[3] || 20);
let pos = 8;
function leb() {
  let result = 0, shift = 0, byte;
  do { byte = buf[pos++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return result;
}
let imported = 0;
const bodies = [];
const names = new Map();
while (pos < buf.length) {
  const id = buf[pos++];
  const size = leb();
  const end = pos + size;
  if (id === 2) { // imports: count the imported functions, which come first in the index space
    const n = leb();
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 2; k++) { const l = leb(); pos += l; }
      const kind = buf[pos++];
      if (kind === 0) { leb(); imported++; }
      else if (kind === 1) { pos++; const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 3) { pos += 2; }
    }
  } else if (id === 10) {
    const n = leb();
    for (let i = 0; i < n; i++) { const l = leb(); bodies.push(l); pos += l; }
  } else if (id === 0) {
    const l = leb();
    const name = buf.toString('utf8', pos, pos + l);
    pos += l;
    if (name === 'name') {
      while (pos < end) {
        const sub = buf[pos++];
        const subSize = leb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const n = leb();
          for (let i = 0; i < n; i++) {
            const idx = leb(); const sl = leb();
            names.set(idx, buf.toString('utf8', pos, pos + sl)); pos += sl;
          }
        }
        pos = subEnd;
      }
    }
  }
  pos = end;
}

// Rust's legacy mangling: _ZN 3foo 3bar 17h<hash> E -> foo::bar
function demangle(s) {
  if (!s.startsWith('_ZN')) return s;
  const parts = [];
  let i = 3;
  while (i < s.length && s[i] !== 'E') {
    let j = i;
    while (/[0-9]/.test(s[j])) j++;
    const n = Number(s.slice(i, j));
    if (!n) break;
    parts.push(s.slice(j, j + n));
    i = j + n;
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ')
    .replace(/\$C\$/g, ',').replace(/\$RF\$/g, '&').replace(/\$BP\$/g, '*').replace(/\.\./g, '::');
}

const total = bodies.reduce((a, b) => a + b, 0);
const fns = bodies.map((size, i) => ({ size, name: demangle(names.get(i + imported) || `func[${i + imported}]`) }));
fns.sort((a, b) => b.size - a.size);
console.log(`   code section: ${total} B in ${bodies.length} functions (of ${buf.length} B before wasm-opt)`);
console.log(`   largest ${top} functions:`);
for (const f of fns.slice(0, top)) {
  console.log(`   ${String(f.size).padStart(8)} B ${(100 * f.size / total).toFixed(1).padStart(5)}%  ${f.name.slice(0, 110)}`);
}
const byCrate = new Map();
for (const f of fns) {
  // Demangled `a::b` names: the first path segment; v0-mangled `_R…Cs<hash>_<len><crate>`.
  const m = /([a-z_][a-z0-9_]*)::/.exec(f.name) || /Cs[0-9A-Za-z]+_\d+([a-z_][a-z0-9_]*)/.exec(f.name);
  const krate = m ? m[1] : '(unnamed)';
  byCrate.set(krate, (byCrate.get(krate) || 0) + f.size);
}
console.log('   code per crate (by the first path segment of each name):');
for (const [k, v] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
  console.log(`   ${String(v).padStart(8)} B ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
}
