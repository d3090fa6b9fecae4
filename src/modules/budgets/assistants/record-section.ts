import type { Tx } from '../../../platform/db/scope.js';
import { formatDate } from '../../../platform/views/format.js';
import type { RecordSection } from '../../people/index.js';
import { DEFAULT_RENEWAL_DAYS, insuranceState } from './renewals.js';
import { listAssistants } from './repository.js';
import { INSURANCE_TAGS } from './presenters.js';

/**
 * The person's PAs on their record, in a line each, for the lead to place (a record tab of its own,
 * or the budget's): lapsed or soon-renewing insurance is marked `open`, so the summary's "Open now"
 * warns whoever opens the record. Read inside the record's own transaction and audit entry.
 */
export async function assistantsRecordSection(tx: Tx, personId: string, today: string): Promise<RecordSection> {
  const href = `/people/${personId}/assistants`;
  const current = (await listAssistants(tx, personId)).filter((a) => a.ends_on === null || a.ends_on >= today);
  return {
    id: 'personal-assistants',
    heading: 'Personal assistants',
    items: current.map((a) => {
      const state = insuranceState(a.insurance_renews_on, today, DEFAULT_RENEWAL_DAYS);
      const warn = state === 'lapsed' || state === 'due';
      return {
        href,
        text: `${a.name}${a.employed_through === 'agency' ? ` (through ${a.agency_name})` : ''}`,
        detail: warn
          ? `Employer’s liability insurance ${state === 'lapsed' ? 'lapsed on' : 'renews on'} ${formatDate(a.insurance_renews_on)}`
          : `Employed since ${formatDate(a.starts_on)}`,
        tag: INSURANCE_TAGS[state],
        open: warn,
      };
    }),
    empty: 'No personal assistants recorded.',
    actions: [{ href: `${href}/new`, text: 'Add a personal assistant', policy: 'assistants.write' }],
  };
}
