import type { Tx } from '../../../platform/db/scope.js';
import { formatDate, formatDateTime } from '../../../platform/views/format.js';
import type { RecordSection } from '../../people/index.js';
import { episodesForPerson } from '../repository.js';
import { episodeHref } from '../presenters.js';

export const crisisReferralHref = (personId: string) => `/people/${personId}/crisis/new`;

/**
 * The person's crisis episodes on their record page, newest first (people/record-sections.ts):
 * open ones say since when and how urgent, ended ones when they ran; and a link to refer.
 */
export async function crisisRecordSection(tx: Tx, personId: string): Promise<RecordSection> {
  const rows = await episodesForPerson(tx, personId);
  const hasOpen = rows.some((e) => e.status === 'open');
  return {
    id: 'crisis',
    heading: 'Crisis episodes',
    items: rows.map((e) => ({
      href: episodeHref(e.id),
      text:
        e.status === 'open'
          ? `Open since ${formatDateTime(e.referred_at)} (${e.urgency_label})`
          : `${formatDate(e.starts_on)} to ${formatDate(e.closed_on ?? e.ends_on)}`,
      detail: e.referral_reason,
      open: e.status === 'open',
      tag:
        e.status === 'open'
          ? { text: 'Open', classes: 'govuk-tag--red' }
          : { text: 'Ended', classes: 'govuk-tag--grey' },
    })),
    empty: 'No crisis episodes.',
    // One open episode at a time: while one is open, the way in is the episode itself.
    actions: hasOpen
      ? []
      : [{ href: crisisReferralHref(personId), text: 'Make a crisis referral', policy: 'crisis.write' }],
  };
}
