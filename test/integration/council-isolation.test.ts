import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { conversationForm } from '../helpers/conversations.js';
import { demoAccounts, seedOrganisation, type SeededOrganisation } from '../../src/seed/organisation.js';
import { londonParts } from '../../src/modules/crisis/schema.js';

/**
 * Two councils in one database. The second council's staff must never be offered the first
 * council's patches or staff in any form, and a post that names one anyway (a forged form, an API
 * call) is refused with the field's error and saves nothing: foreign keys alone would accept them.
 */
const otherAccounts = [
  {
    role: 'practitioner' as const,
    username: 'olu.practitioner',
    password: 'other-practitioner',
    displayName: 'Olu Adeyemi',
    patch: 'Fenland North',
  },
  { role: 'administrator' as const, username: 'oona.admin', password: 'other-admin', displayName: 'Oona Byrne' },
];

describe.each(testEngines())('one council never sees or names another’s staff and patches (%s)', (engine) => {
  let t: TestApp;
  let other: SeededOrganisation;
  let olu: Agent, oona: Agent;
  let personId: string;
  /** Every id and name of the first council's patches and staff, any of which on a page is a leak. */
  let firstCouncilMarks: string[];

  const db = () => t.database.db;
  const errorsOn = (body: string) => [...body.matchAll(/<a href="#([\w-]+)">/g)].map((m) => m[1]);
  const firstPatch = () => t.org.patchIds['Fenland North']!;
  const firstWorker = () => t.org.userIds['sam.practitioner']!;
  const leaks = (body: string) => firstCouncilMarks.filter((mark) => body.includes(mark));

  beforeAll(async () => {
    t = await startTestApp(engine);
    other = await seedOrganisation(db(), {
      council: { name: 'Otherland District Council', kind: 'council', ods_code: 'OTH0001' },
      accounts: otherAccounts,
    });
    olu = await signIn(t.app, 'olu.practitioner', 'other-practitioner');
    oona = await signIn(t.app, 'oona.admin', 'other-admin');
    firstCouncilMarks = [
      ...Object.values(t.org.patchIds),
      ...Object.values(t.org.userIds),
      ...demoAccounts.map((a) => a.displayName),
    ];
    personId = await createPersonThroughPages(olu, 'Olive', 'Otherton', validNhsNumber(955_100_000));
  }, 180_000);
  afterAll(async () => t?.close());

  it('offers only the council’s own patches on the person form, and refuses another council’s', async () => {
    const form = await olu.get('/people/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(other.patchIds['Fenland North']);
    expect(leaks(form.body)).toEqual([]);
    const res = await olu.post('/people', {
      givenName: 'Pat',
      familyName: 'Wrongpatch',
      'dateOfBirth-day': '2',
      'dateOfBirth-month': '9',
      'dateOfBirth-year': '1944',
      interpreterNeeded: 'no',
      patchId: firstPatch(),
    });
    expect(res.statusCode).toBe(422);
    expect(errorsOn(res.body)).toContain('patchId');
    expect(res.body).toContain('Select a patch from the list');
    const api = await olu.api('POST', '/api/v1/people', {
      givenName: 'Pat',
      familyName: 'Wrongpatch',
      dateOfBirth: '1944-09-02',
      patchId: firstPatch(),
    });
    expect(api.statusCode).toBe(422);
    expect(api.body).toContain('patchId');
    expect(await db().selectFrom('person').select('id').where('family_name', '=', 'Wrongpatch').execute()).toEqual([]);
  });

  it('lists none of them on the crisis referral form and refuses them when posted', async () => {
    const form = await olu.get(`/people/${personId}/crisis/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(other.userIds['olu.practitioner']);
    expect(leaks(form.body)).toEqual([]);
    for (const [field, value] of [
      ['patchId', firstPatch()],
      ['leadWorkerId', firstWorker()],
    ] as const) {
      const res = await olu.post(`/people/${personId}/crisis/new`, referralForm({ [field]: value }));
      expect(res.statusCode, field).toBe(422);
      expect(errorsOn(res.body), field).toEqual([field]);
    }
    expect(await episodes()).toEqual([]);
  });

  it('lists none of them on triage and refuses them when posted; the episode is unchanged', async () => {
    const opened = await olu.post(`/people/${personId}/crisis/new`, referralForm());
    expect(opened.statusCode).toBe(303);
    const [episode] = await episodes();
    const form = await olu.get(`/crisis/episodes/${episode!.id}/triage`);
    expect(form.statusCode).toBe(200);
    expect(leaks(form.body)).toEqual([]);
    const triage = (overrides: Record<string, string>) =>
      olu.post(`/crisis/episodes/${episode!.id}/triage`, {
        version: String(episode!.version),
        urgencyKey: 'within_24_hours',
        patchId: other.patchIds['Fenland North']!,
        leadWorkerId: other.userIds['olu.practitioner']!,
        ...overrides,
      });
    for (const [field, value] of [
      ['patchId', firstPatch()],
      ['leadWorkerId', firstWorker()],
    ] as const) {
      const res = await triage({ [field]: value });
      expect(res.statusCode, field).toBe(422);
      expect(errorsOn(res.body), field).toEqual([field]);
    }
    expect(await episodes()).toEqual([episode]);
    const board = await olu.get('/crisis');
    expect(leaks(board.body)).toEqual([]);
  });

  it('lists none of their patches on the register form and refuses one when posted', async () => {
    const form = await olu.get(`/people/${personId}/early-identification/new`);
    expect(form.statusCode).toBe(200);
    expect(leaks(form.body)).toEqual([]);
    const res = await olu.post(`/people/${personId}/early-identification/new`, registerForm(firstPatch()));
    expect(res.statusCode).toBe(422);
    expect(errorsOn(res.body)).toEqual(['patchId']);
    expect(res.body).toContain('Select the patch team from the list');
    expect(await db().selectFrom('register_entry').select('id').where('person_id', '=', personId).execute()).toEqual(
      [],
    );
    const register = await olu.get('/early-identification');
    expect(leaks(register.body)).toEqual([]);
    // The council's own patch is taken: the refusal above was about whose patch it was.
    const own = await olu.post(
      `/people/${personId}/early-identification/new`,
      registerForm(other.patchIds['Fenland North']!),
    );
    expect(own.statusCode).toBe(303);
  });

  it('lists none of their staff for follow-ups and refuses one as the assignee', async () => {
    const today = londonParts(new Date()).date;
    const form = await olu.get(`/people/${personId}/conversations/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(other.userIds['olu.practitioner']);
    expect(leaks(form.body)).toEqual([]);
    const withFollowUp = await olu.post(
      `/people/${personId}/conversations/new`,
      conversationForm(today, { followUpWhat: 'Ring back', followUpDue: '1w', followUpAssignedTo: firstWorker() }),
    );
    expect(withFollowUp.statusCode).toBe(422);
    expect(errorsOn(withFollowUp.body)).toEqual(['followUpAssignedTo']);
    expect(await db().selectFrom('conversation').select('id').where('person_id', '=', personId).execute()).toEqual([]);
    const saved = await olu.post(`/people/${personId}/conversations/new`, conversationForm(today));
    expect(saved.statusCode).toBe(303);
    const conversationUrl = String(saved.headers.location);
    expect(leaks((await olu.get(conversationUrl)).body)).toEqual([]);
    const followUp = await olu.post(`${conversationUrl}/follow-ups`, {
      what: 'Ring back',
      due: '1w',
      assignedTo: firstWorker(),
    });
    expect(followUp.statusCode).toBe(422);
    expect(errorsOn(followUp.body)).toEqual(['assignedTo']);
    expect(await db().selectFrom('follow_up').select('id').where('person_id', '=', personId).execute()).toEqual([]);
    expect(leaks((await olu.get('/follow-ups')).body)).toEqual([]);
  });

  it('gives the administrator only the council’s own staff and teams, and refuses another council’s team', async () => {
    for (const url of ['/admin/users', '/admin/users/new', '/admin/patches']) {
      const page = await oona.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(leaks(page.body), url).toEqual([]);
    }
    expect((await oona.get(`/admin/users/${firstWorker()}`)).statusCode).toBe(404);
    const res = await oona.post('/admin/users/new', newUserForm({ teamId: firstPatch() }));
    expect(res.statusCode).toBe(422);
    expect(errorsOn(res.body)).toEqual(['teamId']);
    expect(
      await db().selectFrom('staff_user').select('id').where('username', '=', 'nina.newstarter').execute(),
    ).toEqual([]);
  });

  it('still finds a username or email taken in another council (sign-in and single sign-on need them unique)', async () => {
    const username = await oona.post('/admin/users/new', newUserForm({ username: 'Sam.Practitioner' }));
    expect(username.statusCode).toBe(422);
    expect(username.body).toContain('Someone already has this username');
    await db()
      .updateTable('staff_user')
      .set({ email: 'sam@fenshire.example' })
      .where('id', '=', firstWorker())
      .execute();
    const email = await oona.post('/admin/users/new', newUserForm({ email: 'SAM@fenshire.example' }));
    expect(email.statusCode).toBe(422);
    expect(email.body).toContain('Another account already has this email address');
    const fine = await oona.post('/admin/users/new', newUserForm({ teamId: other.patchIds['Fenland North']! }));
    expect(fine.statusCode).toBe(303);
  });

  function episodes() {
    return db().selectFrom('crisis_episode').selectAll().where('person_id', '=', personId).execute();
  }

  function referralForm(overrides: Record<string, string> = {}): Record<string, string> {
    const at = londonParts(new Date(Date.now() - 30 * 60_000));
    const [year, month, day] = at.date.split('-');
    return {
      referredBy: 'A neighbour',
      referralReason: 'Her husband was taken into hospital overnight',
      'referredAt-day': String(Number(day)),
      'referredAt-month': String(Number(month)),
      'referredAt-year': year!,
      referredAtTime: at.time,
      urgencyKey: 'within_4_hours',
      patchId: other.patchIds['Fenland North']!,
      leadWorkerId: other.userIds['olu.practitioner']!,
      routeOfAccess: 'Community / Other route',
      ...overrides,
    };
  }

  function registerForm(patchId: string): Record<string, string> {
    return {
      patchId,
      referrerKind: 'gp_practice',
      referrerName: 'Dr Rao',
      referrerOrganisation: 'Otherland Medical Practice',
      reason: 'Her husband looks after her; his health is failing',
      riskFactors: 'dementia',
      consent: 'given',
      consentRecordedBy: 'Olu Adeyemi',
      'consentRecordedOn-day': '2',
      'consentRecordedOn-month': '3',
      'consentRecordedOn-year': '2026',
      'reviewDate-day': '1',
      'reviewDate-month': '9',
      'reviewDate-year': '2030',
      'triggers-0-eventType': 'admission',
      'triggers-0-description': 'If she is admitted to hospital',
    };
  }

  function newUserForm(overrides: Record<string, string>): Record<string, string> {
    return {
      username: 'nina.newstarter',
      displayName: 'Nina Newstarter',
      role: 'practitioner',
      email: '',
      teamId: '',
      signInMethod: 'password',
      password: 'a-long-enough-password-for-nina',
      ...overrides,
    };
  }
});
