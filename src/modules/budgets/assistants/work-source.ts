import { todayInLondon } from '../../../platform/dates.js';
import type { OpenWork, WorkSource } from '../../casework/index.js';
import { listRenewalWork } from './renewals.js';

/**
 * Employer's liability insurance lapsed or renewing within 30 days, as open work on caseloads and in
 * team queues: someone should ring the person (or whoever helps them with forms) before it lapses.
 */
export const insuranceRenewalSource: WorkSource = {
  kind: 'pa-insurance-renewal',
  label: 'Personal assistants’ insurance to renew',
  policy: 'assistants.read',
  listOpen: async (tx, q) => {
    const today = todayInLondon().toString();
    const due = await listRenewalWork(tx, today, { ids: q.workIds, personId: q.personId });
    return due.map((r): OpenWork => ({
      workId: r.assistantId,
      personId: r.personId,
      teamId: null,
      what: r.renewsOn < today ? 'Employer’s liability insurance lapsed' : 'Employer’s liability insurance renews soon',
      since: todayInLondon(r.since).toString(),
      due: { text: 'Check the insurance is renewed', on: r.renewsOn },
      href: `/people/${r.personId}/assistants`,
    }));
  },
};
