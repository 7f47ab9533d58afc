// Prints raw / gzip -9 / brotli 11 sizes of each file given, in bytes and KB.
'use strict';
const fs = require('fs');
const zlib = require('zlib');

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const file of process.argv.slice(2)) {
  const bytes = fs.readFileSync(file);
  const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 },
  }).length;
  console.log(`   ${file.split('/').slice(-2).join('/')}: raw ${bytes.length} B (${kb(bytes.length)}), ` +
    `gzip ${gzip} B (${kb(gzip)}), brotli ${brotli} B (${kb(brotli)})`);
}
