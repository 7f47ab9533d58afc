// Sample histories of one worker (w-li), as the events a platform would have recorded.
const at = (when, actor, event) => ({ occurred_at: when, recorded_at: when, actor, event });
const li = { id: 'w-li', role: 'worker' };
const zhang = { id: 's-zhang', role: 'first_line_supervisor' };
const received = (when, number, client, topic) => at(when, li, {
  type: 'received', case_number: number, client, source: { kind: 'voluntary' },
  channel: 'in_person', topic,
});

export const now = '2026-03-09T09:00:00+08:00';

export const histories = [
  // A consultation closed without opening: the reply is owed within 5 working days.
  [
    received('2026-03-02T09:00:00+08:00', 'SZ-2026-0011',
      { id: 'c-11', name: '李先生', date_of_birth: null }, '政策咨询'),
    at('2026-03-02T10:00:00+08:00', li, { type: 'not_opened', reasons: '无需开案' }),
  ],
  // An opened case waiting for its supervisor's decision.
  [
    received('2026-03-02T09:00:00+08:00', 'SZ-2026-0007',
      { id: 'c-1', name: '王阿姨', date_of_birth: '1950-05-01' }, '居家养老'),
    at('2026-03-02T10:00:00+08:00', li, { type: 'consultation_held', summary: '咨询面谈', topic: '' }),
    at('2026-03-02T10:30:00+08:00', li, { type: 'rights_informed', how: 'oral', summary: '介绍申请及退出机制' }),
    at('2026-03-03T09:00:00+08:00', li, { type: 'intake_accepted', summary: '接案' }),
    at('2026-03-03T09:30:00+08:00', { id: 'c-1', role: 'client' }, {
      type: 'consent_given',
      consent: { id: 'k-service', capacity: 'client', given_by: '王阿姨', purpose: { kind: 'service' }, scope: '个案服务' },
    }),
    at('2026-03-03T10:00:00+08:00', li, { type: 'opened', summary: '开案' }),
    at('2026-03-05T10:00:00+08:00', li, { type: 'opening_submitted', supervisor: 's-zhang' }),
    at('2026-03-06T10:00:00+08:00', zhang, { type: 'opening_decided', decision: { outcome: 'approved', comments: '' } }),
  ],
  // Received before the Spring Festival break, not yet decided.
  [
    received('2026-02-12T09:00:00+08:00', 'SZ-2026-0003',
      { id: 'c-3', name: '赵奶奶', date_of_birth: '1944-10-01' }, '助餐服务'),
    at('2026-02-12T10:00:00+08:00', li, { type: 'not_opened', reasons: '转介社区食堂' }),
  ],
];
