// Prints raw / gzip -9 / brotli 11 sizes of each file given, in bytes and KB. The outputs
// share one wasm: each distinct content is compressed once, and a `<file>.br` written by the
// build (brotli 11, window 24, the same parameters) is measured instead of compressed again.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const zlib = require('zlib');

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const seen = new Map();
for (const file of process.argv.slice(2)) {
  const bytes = fs.readFileSync(file);
  const key = crypto.createHash('sha256').update(bytes).digest('hex');
  if (!seen.has(key)) {
    const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
    const br = `${file}.br`;
    const brotli = fs.existsSync(br) && fs.statSync(br).mtimeMs >= fs.statSync(file).mtimeMs
      ? fs.statSync(br).size
      : zlib.brotliCompressSync(bytes, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 },
      }).length;
    seen.set(key, { gzip, brotli });
  }
  const { gzip, brotli } = seen.get(key);
  console.log(`   ${file.split('/').slice(-2).join('/')}: raw ${bytes.length} B (${kb(bytes.length)}), ` +
    `gzip ${gzip} B (${kb(gzip)}), brotli ${brotli} B (${kb(brotli)})`);
}
