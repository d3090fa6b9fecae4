import type { Tx } from '../../platform/db/scope.js';
import { formatDate, formatDateTime } from '../../platform/views/format.js';
import { episodesForPerson } from './repository.js';
import { episodeHref } from './handoffs.js';

/**
 * The person's crisis episodes for their record page, newest first: open ones say so, ended ones
 * when they ended. For the people module to read inside the record's own transaction (its one
 * audit entry covers what it shows) and list under "Crisis episodes", with a link to refer.
 */
export async function crisisEpisodesOnRecord(tx: Tx, personId: string) {
  const rows = await episodesForPerson(tx, personId);
  return rows.map((e) => ({
    href: episodeHref(e.id),
    open: e.status === 'open',
    text: e.status === 'open'
      ? `Open since ${formatDateTime(e.referred_at)} (${e.urgency_label})`
      : `${formatDate(e.starts_on)} to ${formatDate(e.closed_on ?? e.ends_on)}`,
    reason: e.referral_reason,
  }));
}

export const crisisReferralHref = (personId: string) => `/people/${personId}/crisis/new`;
