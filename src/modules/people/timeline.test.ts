import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline.js';
import type { PersonEventRow, PersonRow } from './tables.js';

const person = { created_at: new Date('2024-01-10T09:00:00Z') } as PersonRow;
const event = (start: string, type: string, extra: Partial<PersonEventRow> = {}) =>
  ({
    id: start,
    event_type: type,
    start_date: start,
    end_date: null,
    event_outcome: null,
    route_of_access: null,
    assessment_type: null,
    service_type: null,
    service_component: null,
    delivery_mechanism: null,
    review_reason: null,
    summary: null,
    ...extra,
  }) as PersonEventRow;

describe('timeline', () => {
  it('puts events and other records in date order, newest first', () => {
    const items = buildTimeline({
      person,
      events: [
        event('2024-03-01', 'Request', { event_outcome: 'NFA: Information and advice or signposting' }),
        event('2025-06-01', 'Review'),
      ],
      relationships: [
        {
          created_at: new Date('2024-02-01T10:00:00Z'),
          relationship_type: 'daughter',
          contact_name: 'Susan Jones',
          related_given_name: null,
          related_family_name: null,
        },
      ],
      communication: [],
    });
    expect(items.map((i) => i.date)).toEqual(['2025-06-01', '2024-03-01', '2024-02-01', '2024-01-10']);
    expect(items[1]?.outcome).toBe('No further action: information and advice, or signposting');
    expect(items[2]?.title).toBe('Susan Jones added to their network');
    expect(items[3]?.title).toBe('Record created');
  });
});
