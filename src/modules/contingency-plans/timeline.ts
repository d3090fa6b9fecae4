import type { Tx } from '../../platform/db/scope.js';
import type { TimelineItem } from '../people/index.js';
import { formatDate } from '../../platform/views/format.js';
import { statusLabels } from './presenters.js';

/**
 * Plans agreed and changed, and plans activated, on the person's timeline. They are not CLD
 * events (no defined list has a value for them), so they come from this module's own tables.
 */
export async function contingencyTimeline(tx: Tx, personId: string): Promise<TimelineItem[]> {
  const [versions, activations] = await Promise.all([
    tx
      .selectFrom('contingency_plan_version')
      .select(['version', 'agreed_on', 'review_date'])
      .where('person_id', '=', personId)
      .execute(),
    tx
      .selectFrom('contingency_plan_activation')
      .select(['id', 'situation', 'note', 'status', 'activated_at'])
      .where('person_id', '=', personId)
      .execute(),
  ]);
  return [
    ...versions.map((v): TimelineItem => ({
      date: v.agreed_on,
      kind: 'module',
      title: v.version === 1 ? 'Contingency plan agreed' : `Contingency plan changed (version ${v.version})`,
      detail: [`Review by ${formatDate(v.review_date)}`],
      outcome: '',
      summary: null,
      href: `/people/${personId}/contingency-plans/versions/${v.version}`,
    })),
    ...activations.map((a): TimelineItem => ({
      date: a.activated_at.toISOString().slice(0, 10),
      kind: 'module',
      title: `Contingency plan activated: ${a.situation}`,
      detail: [statusLabels[a.status]],
      outcome: '',
      summary: a.note,
      href: `/people/${personId}/contingency-plans/activations/${a.id}`,
    })),
  ];
}
