import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';

/** The page as a person reads it: tags gone, spaces collapsed. */
const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** One wording for a lead worker nobody has been given yet, and no "to not set". */
describe.each(testEngines())('crisis wording (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let episodeId: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
    const personId = await insertPersonAsOwner(t.database.db, t.org.orgId, 'Wanda', 'Wording');
    const episode = await insertCrisisEpisode(t.database.db, t.org, personId, { lead_worker_id: null });
    episodeId = episode.id;
    await t.database.db
      .insertInto('crisis_service')
      .values({
        org_id: t.org.orgId,
        episode_id: episode.id,
        person_id: personId,
        kind: 'reablement',
        provider: 'Fenshire Reablement',
        directory_service_id: null,
        relationship_id: null,
        starts_on: episode.starts_on,
        ends_on: null,
        service_type: 'Short Term Support: Ongoing Reablement',
        service_component: null,
        override_reason: null,
        override_by: null,
        outcome: null,
        cld_event_id: null,
        created_by: null,
      })
      .execute();
  });
  afterAll(async () => t?.close());

  it('says a lead worker is "Not yet allocated", as the board does', async () => {
    const page = await sam.get(`/crisis/episodes/${episodeId}`);
    expect(page.statusCode).toBe(200);
    expect(words(page.body)).toContain('Lead worker Not yet allocated');
  });

  it('writes support with no end date as running from its start, never "to not set"', async () => {
    const page = words((await sam.get(`/crisis/episodes/${episodeId}`)).body);
    expect(page).not.toMatch(/to not set/i);
    expect(page).toMatch(/From \d{1,2} \w+ \d{4} \(no end date yet\)/);
  });
});
