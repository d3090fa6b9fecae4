import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { registerActivationHandler, type ActivationHandoff } from '../../src/modules/contingency-plans/index.js';

/** A complete, valid plan form for Edna, with overrides. */
function planForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'situations-0-situation': 'If Harold is admitted to hospital',
    'situations-0-whatShouldHappen':
      'Carol stays at the house for the first nights. Home support twice a day for Edna.',
    wants: 'To stay at home with her own things around her',
    doesNotWant: 'No respite bed unless Carol cannot stay',
    increasesDistress: 'Strangers arriving without warning; noise in the evening',
    reducesDistress: 'Her radio, a familiar routine, seeing Pat from next door',
    'callList-0-name': 'Fenland North duty team',
    'callList-0-phone': '01632 960 100',
    'callList-0-when': 'First, any time of day',
    'support-0-what': 'Home support visits morning and evening',
    'support-0-providedBy': 'A home-care agency from the directory',
    agreedWithPerson: 'yes',
    agreedWithOthers: 'Harold Jones (husband), Carol Jones (daughter)',
    'agreedOn-day': '2',
    'agreedOn-month': '3',
    'agreedOn-year': '2026',
    'reviewDate-day': '2',
    'reviewDate-month': '9',
    'reviewDate-year': '2099',
    ...overrides,
  };
}

describe.each(testEngines())('contingency plans (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, priya: Agent, bea: Agent;
  let ednaId: string, hiddenId: string, carolRelationshipId: string;
  let unregister: (() => void) | undefined;

  const base = (id: string) => `/people/${id}/contingency-plans`;
  const audits = (personId: string, action: string) =>
    t.database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id', 'resource_id'])
      .where('person_id', '=', personId)
      .where('action', '=', action)
      .orderBy('id')
      .execute();
  const versionsOf = (personId: string) =>
    t.database.db
      .selectFrom('contingency_plan_version')
      .select(['version', 'content'])
      .where('person_id', '=', personId)
      .orderBy('version')
      .execute();

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, priya, bea] = await Promise.all([
      signIn(t.app, 'sam.practitioner'),
      signIn(t.app, 'priya.manager'),
      signIn(t.app, 'bea.broker'),
    ]);
    ednaId = await createPersonThroughPages(sam, 'Edna', 'Plansworth', validNhsNumber(702000001));
    hiddenId = await createPersonThroughPages(sam, 'Hester', 'Hidden', validNhsNumber(702000101));
    await t.database.db.updateTable('person').set({ restricted: true }).where('id', '=', hiddenId).execute();
    const added = await sam.post(`/people/${ednaId}/relationships/new`, {
      who: 'contact',
      contactName: 'Carol Plansworth',
      contactPhone: '07700 900 123',
      relationshipType: 'daughter',
      carerLabel: 'accepted',
    });
    expect(added.statusCode).toBe(303);
    const rel = await t.database.db
      .selectFrom('relationship')
      .select('id')
      .where('person_id', '=', ednaId)
      .executeTakeFirstOrThrow();
    carolRelationshipId = rel.id;
  }, 180_000);
  afterAll(async () => t?.close());
  afterEach(() => unregister?.());

  it('says there is no plan yet, and sends "change" to "agree" until there is one', async () => {
    const page = await sam.get(base(ednaId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('does not have a contingency plan yet');
    expect(page.body).toContain(`${base(ednaId)}/new`);
    const edit = await sam.get(`${base(ednaId)}/edit`);
    expect(edit.statusCode).toBe(303);
    expect(edit.headers.location).toBe(`${base(ednaId)}/new`);
    expect((await sam.get(`${base(ednaId)}/new`)).body).toContain('Who, from Edna’s network');
  });

  it('refuses an empty or inconsistent plan with GOV.UK messages, keeping what was typed', async () => {
    const empty = await sam.post(`${base(ednaId)}/new`, {});
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Enter at least one situation the plan is for');
    expect(empty.body).toContain('Enter date the plan was agreed');
    expect(empty.body).toContain('href="#agreedOn-day"');

    const bad = await sam.post(
      `${base(ednaId)}/new`,
      planForm({
        'situations-1-situation': 'If Carol is away',
        'callList-0-phone': 'call me',
        'helpers-0-does': 'Feed the cat',
        'reviewDate-year': '2026',
        'reviewDate-month': '1',
        agreedWithPerson: '',
        agreedWithOthers: '',
        'support-0-directoryServiceId': 'not a link',
      }),
    );
    expect(bad.statusCode).toBe(422);
    for (const message of [
      'Enter what should happen if this happens',
      'Enter a phone number, like 01632 960 001',
      'Select who will do this from their network, or ‘someone not in the network yet’',
      'Enter the address of a community directory service page, or leave it blank',
    ]) {
      expect(bad.body).toContain(message);
    }
    expect(bad.body).toContain('href="#situations-1-whatShouldHappen"');
    expect(bad.body).toContain('Feed the cat');
    // Cross-field rules are checked once every field reads right.
    const crossed = await sam.post(
      `${base(ednaId)}/new`,
      planForm({ 'reviewDate-year': '2026', 'reviewDate-month': '1', agreedWithPerson: '', agreedWithOthers: '' }),
    );
    expect(crossed.statusCode).toBe(422);
    expect(crossed.body).toContain('Review date must be after the date the plan was agreed');
    expect(crossed.body).toContain('Say who agreed the plan');
    const unknownService = await sam.post(
      `${base(ednaId)}/new`,
      planForm({ 'support-0-directoryServiceId': `http://localhost/information/services/${crypto.randomUUID()}` }),
    );
    expect(unknownService.statusCode).toBe(422);
    expect(unknownService.body).toContain('No open community directory service has that address');
    expect(await versionsOf(ednaId)).toEqual([]);
  });

  it('adds a blank row without saving when asked, so the form works without JavaScript', async () => {
    const more = await sam.post(`${base(ednaId)}/new`, planForm({ _add: 'helpers' }));
    expect(more.statusCode).toBe(200);
    expect(more.body).toContain('name="helpers-2-does"');
    expect(more.body).not.toContain('name="helpers-3-does"');
    expect(more.body).toContain('No respite bed unless Carol cannot stay');
    expect(await versionsOf(ednaId)).toEqual([]);
  });

  it('saves version 1 with the network member’s name and phone, audited, and shows it print-ready', async () => {
    const saved = await sam.post(
      `${base(ednaId)}/new`,
      planForm({
        'helpers-0-relationshipId': carolRelationshipId,
        'helpers-0-does': 'Stays with Edna and does the evening routine',
      }),
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(base(ednaId));
    const [v1] = await versionsOf(ednaId);
    expect(v1!.version).toBe(1);
    expect(v1!.content).toMatchObject({
      helpers: [{ relationshipId: carolRelationshipId, name: 'Carol Plansworth', phone: '07700 900 123' }],
      agreedOn: '2026-03-02',
    });
    expect(await audits(ednaId, 'contingency-plan.create')).toHaveLength(1);

    const page = await sam.get(base(ednaId));
    expect(page.statusCode).toBe(200);
    for (const text of [
      'If Harold is admitted to hospital',
      'No respite bed unless Carol cannot stay',
      'Carol Plansworth',
      '07700 900 123',
      '01632 960 100',
      'Harold Jones (husband), Carol Jones (daughter)',
      'Activate the plan',
    ]) {
      expect(page.body).toContain(text);
    }
    expect(page.body).toContain('govuk-!-display-none-print');
    // Agreeing a second plan is refused: there is one current plan, changed by new versions.
    expect((await sam.get(`${base(ednaId)}/new`)).headers.location).toBe(`${base(ednaId)}/edit`);
    const again = await sam.post(`${base(ednaId)}/new`, planForm());
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already has a contingency plan');
  });

  it('keeps every version, shows earlier ones unchanged, and refuses a stale edit saying what changed', async () => {
    const editPage = await sam.get(`${base(ednaId)}/edit`);
    expect(editPage.body).toContain('name="version" value="1"');
    const key = /name="situations-0-key" value="([^"]+)"/.exec(editPage.body)![1]!;
    const change = await sam.post(
      `${base(ednaId)}/edit`,
      planForm({
        version: '1',
        'situations-0-key': key,
        doesNotWant: 'No respite bed unless Carol and Harold both agree',
        'helpers-0-relationshipId': carolRelationshipId,
        'helpers-0-does': 'Stays with Edna',
      }),
    );
    expect(change.statusCode).toBe(303);
    const versions = await versionsOf(ednaId);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    // The situation keeps its key, so an activation can name it across versions.
    expect((versions[1]!.content as { situations: { key: string }[] }).situations[0]!.key).toBe(key);

    const v1 = await sam.get(`${base(ednaId)}/versions/1`);
    expect(v1.statusCode).toBe(200);
    expect(v1.body).toContain('No respite bed unless Carol cannot stay');
    expect(v1.body).toContain('This is an earlier version');
    const v2 = await sam.get(`${base(ednaId)}/versions/2`);
    expect(v2.body).toContain('Changed from version 1: What they do not want');
    expect((await sam.get(`${base(ednaId)}/versions/3`)).statusCode).toBe(404);
    expect((await sam.get(`${base(ednaId)}/versions/first`)).statusCode).toBe(404);
    expect((await sam.get(base(ednaId))).body).toContain('/contingency-plans/versions/1');

    // Priya opened version 1 before Sam saved version 2. A mistake first: the form keeps the version she opened.
    const mistake = await priya.post(
      `${base(ednaId)}/edit`,
      planForm({ version: '1', 'situations-0-key': key, 'callList-0-phone': 'none' }),
    );
    expect(mistake.statusCode).toBe(422);
    expect(mistake.body).toContain('name="version" value="1"');
    const stale = await priya.post(
      `${base(ednaId)}/edit`,
      planForm({ version: '1', 'situations-0-key': key, wants: 'To stay at home, with Harold when he is well' }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this plan after you opened it');
    expect(stale.body).toContain('What someone else changed');
    expect(stale.body).toContain('No respite bed unless Carol and Harold both agree');
    expect(stale.body).toContain('name="version" value="2"');
    expect((await versionsOf(ednaId)).map((v) => v.version)).toEqual([1, 2]);
  });

  it('records an activation with a snapshot of the plan, waiting for a crisis episode when no handler opens one', async () => {
    // The crisis module's handler opens episodes; this test is about the plan's side alone.
    unregister = registerActivationHandler(async () => null);
    expect((await sam.post(`${base(ednaId)}/activate`, {})).statusCode).toBe(422);
    const wrong = await sam.post(`${base(ednaId)}/activate`, { situationKey: crypto.randomUUID(), note: 'Admitted' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Select what has happened');
    const form = await sam.get(`${base(ednaId)}/activate`);
    const key =
      /name="situationKey" type="radio" value="([^"]+)"/.exec(form.body)?.[1] ??
      /value="([^"]+)"[^>]*name="situationKey"/.exec(form.body)?.[1];
    expect(key).toBeTruthy();
    const activated = await sam.post(`${base(ednaId)}/activate`, {
      situationKey: key!,
      note: 'The hospital called: Harold admitted overnight',
    });
    expect(activated.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('contingency_plan_activation')
      .selectAll()
      .where('person_id', '=', ednaId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      plan_version: 2,
      situation: 'If Harold is admitted to hospital',
      status: 'awaiting_crisis_episode',
      activated_by: t.org.userIds['sam.practitioner'],
      crisis_episode_id: null,
    });
    expect(row.snapshot).toMatchObject({
      doesNotWant: 'No respite bed unless Carol and Harold both agree',
      helpers: [{ name: 'Carol Plansworth' }],
      situation: { key },
    });
    expect(activated.headers.location).toBe(`${base(ednaId)}/activations/${row.id}`);
    const page = await sam.get(activated.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Awaiting a crisis episode');
    expect(page.body).toContain('Phone your patch team’s duty worker now');
    expect(page.body).toContain('Carol stays at the house for the first nights');
    const plan = await sam.get(base(ednaId));
    expect(plan.body).toContain('is waiting for a crisis episode');
    expect(plan.body).toContain(row.id);
    const timeline = await sam.get(`/people/${ednaId}/timeline`);
    for (const text of [
      'Contingency plan agreed',
      'Contingency plan changed (version 2)',
      'Contingency plan activated: If Harold is admitted to hospital',
      'The hospital called: Harold admitted overnight',
    ]) {
      expect(timeline.body).toContain(text);
    }
    expect(timeline.body).toContain(`href="${base(ednaId)}/activations/${row.id}"`);
    expect(timeline.body).toContain(`href="${base(ednaId)}/versions/2"`);
    expect(await audits(ednaId, 'contingency-plan.activate')).toEqual([
      expect.objectContaining({ resource_id: row.id, actor_id: t.org.userIds['sam.practitioner'] }),
    ]);
    expect((await sam.get(`${base(ednaId)}/activations/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('hands the activation to the registered handler in the same transaction and records the episode it opened', async () => {
    const calls: ActivationHandoff['activation'][] = [];
    unregister = registerActivationHandler(async ({ tx, activation }) => {
      calls.push(activation);
      // The handler sees the activation row inside the same, organisation-scoped transaction.
      const seen = await tx
        .selectFrom('contingency_plan_activation')
        .select('id')
        .where('id', '=', activation.id)
        .executeTakeFirst();
      expect(seen?.id).toBe(activation.id);
      return { episodeId: '00000000-0000-4000-8000-00000000e915', href: `/crisis/episodes/${activation.id}` };
    });
    const key = ((await versionsOf(ednaId))[1]!.content as { situations: { key: string }[] }).situations[0]!.key;
    const res = await priya.post(`${base(ednaId)}/activate`, { situationKey: key, note: 'Second admission' });
    expect(res.statusCode).toBe(303);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      personId: ednaId,
      planVersion: 2,
      note: 'Second admission',
      snapshot: {
        person: { id: ednaId, name: 'Edna Plansworth' },
        situation: { situation: 'If Harold is admitted to hospital' },
      },
    });
    const row = await t.database.db
      .selectFrom('contingency_plan_activation')
      .selectAll()
      .where('id', '=', calls[0]!.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'crisis_episode_opened',
      crisis_episode_id: '00000000-0000-4000-8000-00000000e915',
    });
    expect((await priya.get(res.headers.location as string)).body).toContain(`/crisis/episodes/${row.id}`);

    // A handler that fails leaves nothing half-done.
    unregister();
    unregister = registerActivationHandler(async () => {
      throw new Error('crisis module down');
    });
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('contingency_plan_activation')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const failed = await priya.post(`${base(ednaId)}/activate`, { situationKey: key, note: 'Third admission' });
    expect(failed.statusCode).toBe(500);
    expect(await count()).toBe(before);
  });

  it('lets brokers read but not change or activate, and hides a restricted person as not found', async () => {
    const read = await bea.get(base(ednaId));
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('Activate the plan');
    expect((await bea.get(`${base(ednaId)}/edit`)).statusCode).toBe(403);
    expect((await bea.post(`${base(ednaId)}/activate`, { note: 'x' })).statusCode).toBe(403);

    const before = await audits(hiddenId, 'contingency-plan.view');
    for (const path of ['', '/new', '/edit', '/activate', '/versions/1', `/activations/${crypto.randomUUID()}`]) {
      expect((await sam.get(`${base(hiddenId)}${path}`)).statusCode, path).toBe(404);
    }
    expect((await sam.post(`${base(hiddenId)}/new`, planForm())).statusCode).toBe(404);
    expect((await sam.post(`${base(hiddenId)}/activate`, { situationKey: 'x', note: 'y' })).statusCode).toBe(404);
    expect(await audits(hiddenId, 'contingency-plan.view')).toEqual(before);
    const plans = await t.database.db
      .selectFrom('contingency_plan')
      .select('id')
      .where('person_id', '=', hiddenId)
      .execute();
    expect(plans).toEqual([]);
  });

  it('says when a plan is past its review date', async () => {
    const oldId = await createPersonThroughPages(sam, 'Olive', 'Overdue', validNhsNumber(702000201));
    const past = { 'agreedOn-year': '2020', 'reviewDate-year': '2021', 'reviewDate-month': '3' };
    expect((await sam.post(`${base(oldId)}/new`, planForm(past))).statusCode).toBe(303);
    expect((await sam.get(base(oldId))).body).toContain('This plan was due to be reviewed by 2 March 2021');
    expect((await sam.get(base(ednaId))).body).not.toContain('was due to be reviewed');
  });

  it('audits one entry per read of a plan page, by the reader', async () => {
    const before = (await audits(ednaId, 'contingency-plan.view')).length;
    await bea.get(base(ednaId));
    const after = await audits(ednaId, 'contingency-plan.view');
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.actor_id).toBe(t.org.userIds['bea.broker']);
  });

  it('cannot change or delete a saved version as the application role', async () => {
    const org = t.org.orgId;
    await expect(
      t.database.db.transaction().execute(async (tx) => {
        await sql`select set_config('app.org_id', ${org}, true), set_config('role', 'tl_app', true)`.execute(tx);
        await tx
          .updateTable('contingency_plan_version')
          .set({ agreed_on: '2020-01-01' })
          .where('person_id', '=', ednaId)
          .execute();
      }),
    ).rejects.toThrow();
  });
});
