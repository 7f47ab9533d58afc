// A worker's deadline board: every obligation of the sample histories as of `now`, most
// urgent first, computed in the browser by the WASM build (pkg/web).
import init, { Calendar, Case, RuleSet } from '../../bindings-wasm/pkg/web/shegong.js';
import { histories, now } from './sample-histories.js';

const board = document.getElementById('board');
const status = document.getElementById('status');
try {
  await init();
  const calendar = Calendar.china();
  const rules = RuleSet.preset();
  const rows = [];
  for (const events of histories) {
    const c = Case.start(events[0]);
    for (const e of events.slice(1)) c.apply(e);
    for (const o of rules.obligations(c, calendar, now)) rows.push(o);
    c.free();
  }
  rows.sort((a, b) => (a.due_date || a.due_at).localeCompare(b.due_date || b.due_at));
  for (const o of rows) {
    const tr = document.createElement('tr');
    tr.className = o.status.status;
    for (const text of [o.subject, o.rule, o.owed, o.due_date || o.due_at, o.status.status]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.appendChild(td);
    }
    board.tBodies[0].appendChild(tr);
  }
  status.textContent = `${rows.length} obligations as of ${now}`;
  status.dataset.state = 'done';
} catch (e) {
  status.textContent = `${e.name} (${e.code}): ${e.message}`;
  status.dataset.state = 'error';
}
