// The example page (examples/web) in Debian's headless Chromium: the page loads the web build,
// computes a worker's deadline board from sample histories, and the test reads the rendered
// DOM. Chromium is the system's (/usr/bin/chromium); nothing downloads a browser.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');
const { root } = require('./helpers.js');
const { serve } = require('./serve.js');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function dumpDom(url) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'shegong-chromium-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${profile}`, '--virtual-time-budget=15000', '--dump-dom', url];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, args, { timeout: 120000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      fs.rmSync(profile, { recursive: true, force: true });
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

test('[consult-reply-5wd] the deadline board example renders in headless Chromium', {
  skip: fs.existsSync(CHROMIUM) ? false : `no ${CHROMIUM}`,
}, async () => {
  const server = await serve(root);
  try {
    const url = `http://127.0.0.1:${server.address().port}/examples/web/index.html`;
    const dom = await dumpDom(url);
    const status = /<p id="status" data-state="([a-z]+)">([^<]*)<\/p>/.exec(dom);
    assert.ok(status, dom.slice(0, 2000));
    assert.equal(status[1], 'done', status[2]);
    assert.match(status[2], /^\d+ obligations as of 2026-03-09T09:00:00\+08:00$/);
    const rows = [...dom.matchAll(/<tr class="([a-z_]+)">((?:<td>[^<]*<\/td>)+)<\/tr>/g)]
      .map((m) => [...m[2].matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1]));
    assert.equal(rows.length, Number(status[2].split(' ')[0]));
    // [consult-reply-5wd] SZ-2026-0003, not opened on 02-12: due 02-26 across the Spring
    // Festival break, overdue on 03-09; SZ-2026-0011's reply is due 03-09.
    const reply3 = rows.find((r) => r[0] === 'SZ-2026-0003' && r[1] === 'consult-reply-5wd');
    assert.deepEqual([reply3[3], reply3[4]], ['2026-02-26', 'overdue']);
    const reply11 = rows.find((r) => r[0] === 'SZ-2026-0011' && r[1] === 'consult-reply-5wd');
    assert.equal(reply11[3], '2026-03-09');
    assert.ok(rows.some((r) => r[0] === 'SZ-2026-0007'));
  } finally {
    server.close();
  }
});
