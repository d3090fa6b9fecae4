import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { addRecordSection, addRecordTab } from '../../src/modules/people/index.js';

/**
 * Stand-ins for what other modules add: the casework module's allocated worker (a section with no
 * tab, so on the summary), a section of the Assessments tab that counts its loads (to prove a page
 * reads only its own tab's sections), one offering open work with an item that is not open, and a
 * tab only caseworkers may open.
 */
let assessmentsTabLoads = 0;
addRecordSection({
  policy: 'people.read',
  load: async (_tx, personId) => ({
    id: 'allocated-worker',
    heading: 'Allocated worker',
    items: [{ href: `/people/${personId}/allocation`, text: 'Sam Practitioner, Fenland North' }],
    empty: 'Not allocated',
    actions: [],
  }),
});
addRecordSection({
  policy: 'people.read',
  tab: 'assessments',
  load: async () => {
    assessmentsTabLoads++;
    return { id: 'counted', heading: 'Counted section', items: [], empty: 'Nothing counted.', actions: [] };
  },
});
addRecordSection({
  policy: 'people.read',
  tab: 'crisis',
  openWork: true,
  load: async (_tx, personId) => ({
    id: 'reviews',
    heading: 'Reviews',
    items: [
      { href: `/people/${personId}/reviews/1`, text: 'Review due in March', open: true },
      { href: `/people/${personId}/reviews/0`, text: 'Review done last year' },
    ],
    empty: 'No reviews.',
    actions: [],
  }),
});
addRecordTab({
  key: 'caseworkers-only',
  label: 'Casework notes',
  order: 85,
  policy: 'assessments.read',
  href: (personId) => `/people/${personId}/casework-notes`,
});

const TAB_PAGES = [
  ['', 'person.view'],
  ['/details', 'person.view-details'],
  ['/network', 'person.view-network'],
  ['/conversations-and-plans', 'person.view-prevention'],
  ['/record/crisis', 'person.view-crisis'],
  ['/record/assessments', 'person.view-assessments'],
  ['/timeline', 'person.timeline'],
] as const;

/** The tab marked current on a page, by its text. */
const currentTabs = (html: string) =>
  [...html.matchAll(/<a class="moj-sub-navigation__link[^"]*" href="[^"]*" aria-current="page">([^<]*)<\/a>/g)].map(
    (m) => m[1],
  );

describe.each(testEngines())('the person record’s tabs (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, bea: Agent, paul: Agent;
  let personId: string;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
    bea = await signIn(t.app, 'bea.broker');
    paul = await signIn(t.app, 'paul.provider');
    personId = await createPersonThroughPages(sam, 'Tabitha', 'Recordworth', validNhsNumber(948_100_000));
    await insertCrisisEpisode(db(), t.org, personId, { referral_reason: 'Her husband went into hospital' });
    await db()
      .insertInto('assessment')
      .values({
        org_id: t.org.orgId,
        person_id: personId,
        kind: 'adult',
        method: 'face_to_face',
        started_on: '2026-01-05',
      })
      .execute();
    await db()
      .insertInto('relationship')
      .values([
        { org_id: t.org.orgId, person_id: personId, contact_name: 'Nora Neighbour', relationship_type: 'neighbour' },
        {
          org_id: t.org.orgId,
          person_id: personId,
          contact_name: 'Kit Recordworth',
          relationship_type: 'daughter',
          is_key_contact: true,
        },
      ])
      .execute();
  }, 120_000);
  afterAll(async () => t?.close());

  async function auditsDuring(send: () => Promise<{ statusCode: number; body: string }>) {
    const before = await db()
      .selectFrom('audit_event')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    const response = await send();
    const rows = await db()
      .selectFrom('audit_event')
      .select(['action', 'person_id'])
      .where('id', '>', Number(before?.max ?? 0))
      .execute();
    return { response, rows };
  }

  it('audits each tab page exactly once per view, with what was looked at', async () => {
    for (const [path, action] of TAB_PAGES) {
      const { response, rows } = await auditsDuring(() => sam.get(`/people/${personId}${path}`));
      expect(response.statusCode, path).toBe(200);
      expect(rows, path).toEqual([{ action, person_id: personId }]);
    }
  });

  it('shows on each tab only its own sections, reading no others', async () => {
    const loadsBefore = assessmentsTabLoads;
    const crisis = (await sam.get(`/people/${personId}/record/crisis`)).body;
    expect(crisis).toContain('Crisis episodes');
    expect(crisis).toContain('Her husband went into hospital');
    expect(crisis).not.toContain('Mental capacity and legal powers');
    expect(crisis).not.toContain('Counted section');
    const summary = (await sam.get(`/people/${personId}`)).body;
    expect(summary).not.toContain('Counted section');
    expect(summary).not.toContain('Mental capacity and legal powers');
    expect(assessmentsTabLoads).toBe(loadsBefore);

    const assessments = (await sam.get(`/people/${personId}/record/assessments`)).body;
    expect(assessmentsTabLoads).toBe(loadsBefore + 1);
    for (const heading of ['Assessment requests', 'Assessments', 'Mental capacity and legal powers', 'Counted section'])
      expect(assessments).toContain(`${heading}</h2>`);
    expect(assessments).not.toContain('Crisis episodes');
    expect(assessments).not.toContain('Allocated worker');
  });

  it('sums the record up: who they are, the allocated worker, what is open now and key contacts', async () => {
    const summary = (await sam.get(`/people/${personId}`)).body;
    expect(summary).toContain('<span class="govuk-caption-l">Person record</span>Tabitha Recordworth</h1>');
    expect(summary).toContain('Allocated worker');
    expect(summary).toContain('Sam Practitioner, Fenland North');
    // Open now: the open episode, the assessment in progress, the review due; never the review done.
    const openNow = summary.slice(summary.indexOf('id="open-now"'), summary.indexOf('id="key-contacts"'));
    expect(openNow).toContain('Crisis episodes: <a');
    expect(openNow).toContain('Her husband went into hospital');
    expect(openNow).toContain('In progress');
    expect(openNow).toContain('Review due in March');
    expect(openNow).not.toContain('Review done last year');
    // Key contacts: the one marked as such, not the whole network.
    const contacts = summary.slice(summary.indexOf('id="key-contacts"'));
    expect(contacts).toContain('Kit Recordworth');
    expect(contacts).not.toContain('Nora Neighbour');
    expect(contacts).toContain('Their whole network (2 people)');
    // The other tabs do not repeat the summary's parts.
    const details = (await sam.get(`/people/${personId}/details`)).body;
    expect(details).not.toContain('Allocated worker');
    expect(details).toContain('Primary support reason');
  });

  it('marks the current tab on its own pages and on the pages modules keep', async () => {
    const pages: [string, string][] = [
      ['', 'Summary'],
      ['/details', 'Details'],
      ['/network', 'Network'],
      ['/conversations-and-plans', 'Conversations and plans'],
      ['/conversations', 'Conversations and plans'],
      ['/contingency-plans', 'Conversations and plans'],
      ['/record/crisis', 'Crisis'],
      ['/record/assessments', 'Assessments'],
      ['/assessments', 'Assessments'],
      ['/capacity', 'Assessments'],
      ['/support-plan', 'Plan'],
      ['/timeline', 'Timeline'],
    ];
    for (const [path, tab] of pages) {
      const page = await sam.get(`/people/${personId}${path}`);
      expect(page.statusCode, path).toBe(200);
      expect(page.body, path).toContain('<nav class="moj-sub-navigation" aria-label="Record sections">');
      expect(currentTabs(page.body), path).toEqual([tab]);
    }
    // In the order the tabs were given, whoever added them.
    const nav = (await sam.get(`/people/${personId}`)).body;
    const order = ['Summary', 'Details', 'Network', 'Conversations and plans', 'Crisis', 'Assessments', 'Plan'];
    const positions = order.map((label) => nav.indexOf(`>${label}</a></li>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('hides the tabs and sections a role may not open', async () => {
    const samNav = (await sam.get(`/people/${personId}`)).body;
    expect(samNav).toContain('Casework notes</a>');
    const beaSummary = await bea.get(`/people/${personId}`);
    expect(beaSummary.statusCode).toBe(200);
    expect(beaSummary.body).not.toContain('Casework notes');
    expect(beaSummary.body).toContain('>Assessments</a>');
    // A broker sees the assessments, not who is waiting for one.
    const beaAssessments = (await bea.get(`/people/${personId}/record/assessments`)).body;
    expect(beaAssessments).toContain('Assessments</h2>');
    expect(beaAssessments).not.toContain('Assessment requests');
    // A provider may not open the record at all.
    for (const [path] of TAB_PAGES) expect((await paul.get(`/people/${personId}${path}`)).statusCode, path).toBe(403);
  });

  it('keeps a restricted record hidden on every tab, and says nothing of it', async () => {
    await db().updateTable('person').set({ restricted: true }).where('id', '=', personId).execute();
    try {
      for (const [path] of TAB_PAGES) {
        const { response, rows } = await auditsDuring(() => bea.get(`/people/${personId}${path}`));
        expect(response.statusCode, path).toBe(404);
        expect(response.body, path).not.toContain('Tabitha');
        expect(rows, path).toEqual([]);
      }
    } finally {
      await db().updateTable('person').set({ restricted: false }).where('id', '=', personId).execute();
    }
  });
});
