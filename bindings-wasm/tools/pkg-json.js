// Writes the built package's package.json from the source one: entry points for Node (CJS),
// bundlers (ESM), plain browsers, and WeChat's npm build (the `miniprogram` field).
'use strict';
const fs = require('fs');
const src = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = {
  name: src.name,
  version: src.version,
  description: src.description,
  license: src.license,
  main: './node/shegong.js',
  module: './bundler/shegong.js',
  types: './node/shegong.d.ts',
  miniprogram: 'miniprogram',
  exports: {
    '.': {
      node: { types: './node/shegong.d.ts', default: './node/shegong.js' },
      types: './bundler/shegong.d.ts',
      default: './bundler/shegong.js',
    },
    './web': { types: './web/shegong.d.ts', default: './web/shegong.js' },
    './miniprogram': { types: './miniprogram/index.d.ts', default: './miniprogram/index.js' },
  },
  sideEffects: ['./bundler/shegong.js', './bundler/shegong_bg.js'],
  files: ['node', 'bundler', 'web', 'miniprogram', 'README.md'],
};
fs.writeFileSync(process.argv[3], JSON.stringify(out, null, 2) + '\n');
