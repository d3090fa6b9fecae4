import { expect } from 'vitest';
import type { TestApp, Agent } from './app.js';
import { createPersonThroughPages, validNhsNumber } from './people.js';
import { ednaForm, entryIdFrom, partnerEvent } from '../integration/early-identification-fixtures.js';
import { formatNhsNumber } from '../../src/platform/identifiers/nhs-number.js';
import { todayInLondon } from '../../src/platform/dates.js';

/** A date relative to today in London: `day(-10)` is ten days ago. */
export const day = (offset: number) => todayInLondon().add({ days: offset }).toString();

/** A GOV.UK date input's three boxes for a 'YYYY-MM-DD' date. */
export function dateParts(id: string, date: string): Record<string, string> {
  const [y, m, d] = date.split('-').map((p) => String(Number(p)));
  return { [`${id}-day`]: d!, [`${id}-month`]: m!, [`${id}-year`]: y! };
}

export interface PathPerson {
  id: string;
  nhs: string;
}

/**
 * The tier 1 and tier 2 journeys of test/integration/cld-paths.test.ts, each through the real pages
 * (staff) or the partner API (a token), each expecting the answer a person using it would get.
 */
export class PathDriver {
  private nhsSeed = 951_100_000;

  constructor(
    private readonly t: TestApp,
    private readonly sam: Agent,
    private readonly partnerToken: string,
  ) {}

  /** A new person through the "Add person" pages, with their NHS number for the partner API. */
  async newPerson(given: string): Promise<PathPerson> {
    this.nhsSeed += 1_000;
    const nhs = validNhsNumber(this.nhsSeed);
    return { id: await createPersonThroughPages(this.sam, given, 'Pathworth', nhs), nhs };
  }

  /** Someone with a record here added to the person's network, in the given role. */
  async linkInNetwork(
    personId: string,
    other: PathPerson,
    role: 'otherReceivesCare' | 'otherProvidesCare',
    carerLabel = 'declined',
  ): Promise<void> {
    const res = await this.sam.post(`/people/${personId}/relationships/new`, {
      who: 'person',
      relationshipType: 'spouse-or-partner',
      roles: role,
      carerLabel,
      relatedIdentifier: formatNhsNumber(other.nhs),
    });
    expect(res.statusCode, res.body).toBe(303);
  }

  /** A tier-one conversation; returns its page's address and id. */
  async converse(personId: string, form: Record<string, string>): Promise<{ url: string; id: string }> {
    const res = await this.sam.post(`/people/${personId}/conversations/new`, form);
    expect(res.statusCode, res.body).toBe(303);
    const url = String(res.headers.location);
    return { url, id: url.split('/').at(-1)! };
  }

  /** The staff referral page, referred `daysAgo` days ago at 10am; returns the episode's id. */
  async refer(personId: string, daysAgo: number, routeOfAccess: string): Promise<string> {
    const res = await this.sam.post(`/people/${personId}/crisis/new`, {
      referredBy: 'Carol (daughter)',
      referralReason: 'Her husband was admitted to hospital overnight',
      ...dateParts('referredAt', day(-daysAgo)),
      referredAtTime: '10:00',
      urgencyKey: 'within_4_hours',
      patchId: this.t.org.patchIds['Fenland North']!,
      leadWorkerId: this.t.org.userIds['sam.practitioner']!,
      routeOfAccess,
    });
    expect(res.statusCode, res.body).toBe(303);
    return String(res.headers.location).split('/').at(-1)!;
  }

  /** The episode's version, as its pages post it back. */
  async versionOf(episodeId: string): Promise<string> {
    const row = await this.t.database.db
      .selectFrom('crisis_episode')
      .select('version')
      .where('id', '=', episodeId)
      .executeTakeFirstOrThrow();
    return String(row.version);
  }

  /** "Put support in" on the episode page (a practitioner, unless another agent is given). */
  async putIn(episodeId: string, form: Record<string, string>, agent = this.sam): Promise<void> {
    const res = await agent.post(`/crisis/episodes/${episodeId}/services/new`, {
      version: await this.versionOf(episodeId),
      description: 'Support in the crisis',
      provider: 'Fenshire Council',
      ...form,
    });
    expect(res.statusCode, res.body).toBe(303);
  }

  /** "End this support" for the episode's only item, as "It did not go ahead"; returns the item's id. */
  async cancelOnlySupport(episodeId: string): Promise<string> {
    const item = await this.t.database.db
      .selectFrom('crisis_service')
      .select('id')
      .where('episode_id', '=', episodeId)
      .executeTakeFirstOrThrow();
    const res = await this.sam.post(`/crisis/episodes/${episodeId}/services/${item.id}/end`, {
      version: await this.versionOf(episodeId),
      ending: 'cancelled',
    });
    expect(res.statusCode, res.body).toBe(303);
    return item.id;
  }

  async closeEpisode(episodeId: string, form: Record<string, string>): Promise<void> {
    const res = await this.sam.post(`/crisis/episodes/${episodeId}/close`, {
      version: await this.versionOf(episodeId),
      ...form,
    });
    expect(res.statusCode, res.body).toBe(303);
  }

  /** An early-identification register entry whose trigger is `eventType` (about `relatedPersonId`, if given). */
  async onRegister(personId: string, eventType: string, relatedPersonId = ''): Promise<void> {
    const form = ednaForm(relatedPersonId, {
      patchId: this.t.org.patchIds['Fenland North']!,
      'triggers-0-eventType': eventType,
      'triggers-0-description': 'If this happens, we step in',
    });
    entryIdFrom(await this.sam.post(`/people/${personId}/early-identification/new`, form));
  }

  /** A partner's event about an NHS number, an hour ago, through `POST /api/v1/partner-events`. */
  async partnerSays(nhs: string, eventType: string): Promise<void> {
    const res = await this.t.app.inject({
      method: 'POST',
      url: '/api/v1/partner-events',
      headers: { authorization: `Bearer ${this.partnerToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        ...partnerEvent(nhs, `PATH-${nhs}-${eventType}`, eventType),
        occurred_at: new Date(Date.now() - 3600_000).toISOString(),
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  /** A contingency plan agreed with the person, then activated for its one situation. */
  async activatePlan(personId: string): Promise<void> {
    const plan = await this.sam.post(`/people/${personId}/contingency-plans/new`, {
      'situations-0-situation': 'If her husband is admitted to hospital',
      'situations-0-whatShouldHappen': 'Her daughter stays for the first nights',
      wants: 'To stay at home',
      'helpers-0-relationshipId': 'new',
      'helpers-0-relationshipType': 'daughter',
      'helpers-0-name': 'Carol Pathworth',
      'helpers-0-phone': '07700 900 321',
      'helpers-0-does': 'Stays overnight',
      agreedWithPerson: 'yes',
      ...dateParts('agreedOn', day(-100)),
      ...dateParts('reviewDate', day(200)),
    });
    expect(plan.statusCode, plan.body).toBe(303);
    const form = await this.sam.get(`/people/${personId}/contingency-plans/activate`);
    const situationKey =
      /name="situationKey" type="radio" value="([^"]+)"/.exec(form.body)?.[1] ??
      /value="([^"]+)"[^>]*name="situationKey"/.exec(form.body)?.[1];
    expect(situationKey).toBeTruthy();
    const res = await this.sam.post(`/people/${personId}/contingency-plans/activate`, {
      situationKey: situationKey!,
      note: 'The hospital called',
    });
    expect(res.statusCode, res.body).toBe(303);
  }
}
