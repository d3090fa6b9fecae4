import type { Tx } from '../../platform/db/scope.js';
import type { TimelineItem } from '../people/index.js';
import { labelFor } from '../../platform/cld/index.js';
import { formatDate } from '../../platform/views/format.js';
import { londonParts } from './schema.js';
import { episodeHref, sourceLabels } from './presenters.js';

/**
 * Crisis episodes on the person's timeline: opened, first contact, ended. The CLD request event the
 * episode wrote shows there too, from the event store; these say what happened in the episode.
 */
export async function crisisTimeline(tx: Tx, personId: string): Promise<TimelineItem[]> {
  const episodes = await tx
    .selectFrom('crisis_episode')
    .select([
      'id',
      'source',
      'referred_by',
      'referral_reason',
      'referred_at',
      'urgency_label',
      'ends_on',
      'first_contact_at',
      'first_contact_note',
      'status',
      'closed_on',
      'event_outcome',
      'close_note',
    ])
    .where('person_id', '=', personId)
    .execute();
  return episodes.flatMap((e) => {
    const href = episodeHref(e.id);
    const items: TimelineItem[] = [
      {
        date: londonParts(e.referred_at).date,
        kind: 'module',
        title: `Crisis episode opened (${sourceLabels[e.source].toLowerCase()})`,
        detail: [`Referred by ${e.referred_by}`, `Urgency: ${e.urgency_label}`, `Time limit: ${formatDate(e.ends_on)}`],
        outcome: '',
        summary: e.referral_reason,
        href,
      },
    ];
    if (e.first_contact_at) {
      items.push({
        date: londonParts(e.first_contact_at).date,
        kind: 'module',
        title: 'Crisis episode: first contact',
        detail: [],
        outcome: '',
        summary: e.first_contact_note,
        href,
      });
    }
    if (e.status === 'closed' && e.closed_on) {
      items.push({
        date: e.closed_on,
        kind: 'module',
        title: 'Crisis episode ended',
        detail: [],
        outcome: labelFor('eventOutcome', e.event_outcome),
        summary: e.close_note,
        href,
      });
    }
    return items;
  });
}
