import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { insertServices } from '../helpers/conversations.js';
import { agreeBudget, giveBudget, insertWelfarePower } from '../helpers/plan-budget.js';

/** The support plan the person leads (issue 13 §3): its parts, costing, versions and stale edits. */
describe.each(testEngines())('support plans (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, priya: Agent, carla: Agent;
  let ruthId: string, hiddenId: string;
  let services: Record<string, string>;

  const base = (id: string) => `/people/${id}/support-plan`;
  const versionsOf = (personId: string) =>
    t.database.db
      .selectFrom('support_plan_version')
      .select(['version', 'content', 'changed_part', 'created_by'])
      .where('person_id', '=', personId)
      .orderBy('version')
      .execute();
  const currentVersion = async (personId: string) => (await versionsOf(personId)).length;
  const audits = (personId: string, action: string) =>
    t.database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id'])
      .where('person_id', '=', personId)
      .where('action', '=', action)
      .execute();

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, priya, carla] = await Promise.all([
      signIn(t.app, 'sam.practitioner'),
      signIn(t.app, 'priya.manager'),
      signIn(t.app, 'carla.commissioner'),
    ]);
    ruthId = await createPersonThroughPages(sam, 'Ruth', 'Planwright', validNhsNumber(703000001));
    hiddenId = await createPersonThroughPages(sam, 'Hilda', 'Hiddenplan', validNhsNumber(703000101));
    await t.database.db.updateTable('person').set({ restricted: true }).where('id', '=', hiddenId).execute();
    services = await insertServices(t.database.db, t.org.orgId, [
      { name: 'Shine Car Care' },
      { name: 'Closed Cleaning Co', withdrawn: true },
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('starts with no plan, and a profile section written with who wrote it becomes version 1', async () => {
    const empty = await sam.get(base(ruthId));
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('does not have a support plan yet');
    expect(await audits(ruthId, 'support-plan.view')).toHaveLength(1);

    const form = await sam.get(`${base(ruthId)}/profile/appreciations`);
    expect(form.statusCode).toBe(200);
    const saved = await sam.post(`${base(ruthId)}/profile/appreciations`, {
      version: '0',
      text: 'Ruth is funny & kind; she remembers everyone’s birthday',
      writtenBy: 'family',
    });
    expect(saved.statusCode).toBe(303);
    const [v1] = await versionsOf(ruthId);
    expect(v1).toMatchObject({ version: 1, changed_part: 'What people like and admire about me' });
    expect(await audits(ruthId, 'support-plan.create')).toHaveLength(1);

    const page = await sam.get(base(ruthId));
    expect(page.body).toContain('Ruth is funny &amp; kind');
    expect(page.body).toContain('Written by: Family');
    const profile = await sam.get(`${base(ruthId)}/profile`);
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain('What people like and admire about me');
    expect(profile.body).toContain('/support-plan/print.css');
    expect(await audits(ruthId, 'support-plan.view-profile')).toHaveLength(1);
  });

  it('refuses bad input with GOV.UK errors and saves nothing', async () => {
    const before = await currentVersion(ruthId);
    const version = String(before);
    const cases: [string, Record<string, string>, string][] = [
      ['/profile/history', { version, text: 'Born in Wisbech' }, 'Select who wrote this'],
      ['/items/new', { version, giver: 'family', frequency: 'weekly', funding: 'unpaid' }, 'Enter what the support is'],
      [
        '/items/new',
        { version, what: 'Cleaning', giver: 'other', frequency: 'weekly', funding: 'personal_budget', amount: '-3' },
        'The price must be £0 or more',
      ],
      [
        '/items/new',
        {
          version,
          what: 'Cleaning',
          giver: 'other',
          frequency: 'weekly',
          funding: 'personal_budget',
          amount: '10',
          units: 'lots',
        },
        'Units must be a number',
      ],
      [
        '/items/new',
        {
          version,
          what: 'Car',
          giver: 'other',
          frequency: 'weekly',
          funding: 'own_money',
          'quote-0-supplier': 'A',
          'quote-0-amount': '8',
        },
        'Select the quote chosen',
      ],
      [
        '/items/new',
        { version, what: 'Lunch club', giver: 'provider', frequency: 'weekly', funding: 'free' },
        'Search the community directory',
      ],
      ['/outcomes/new', { version, words: '' }, 'Enter the outcome in their own words'],
      ['/risks/new', { version, risk: 'Falls on the stairs' }, 'Enter how the risk will be managed'],
      ['/about', { version, contingency: '12.345' }, 'must not have more than 2 decimal places'],
      ['/about', { version, feeAmount: '5' }, 'Enter what the fee is for'],
      ['/profile/history', { text: 'Born in Wisbech', writtenBy: 'person' }, 'Open the form again'],
    ];
    for (const [path, form, message] of cases) {
      const res = await sam.post(`${base(ruthId)}${path}`, form);
      expect(res.statusCode, `${path} ${message}`).toBe(422);
      expect(res.body).toContain('There is a problem');
      expect(res.body).toContain(message);
    }
    // A withdrawn directory service is refused by the service, after the form's own checks.
    const withdrawn = await sam.post(`${base(ruthId)}/items/new`, {
      version,
      what: 'Cleaning',
      giver: 'provider',
      directoryServiceId: services['Closed Cleaning Co']!,
      frequency: 'weekly',
      funding: 'free',
    });
    expect(withdrawn.statusCode).toBe(422);
    expect(withdrawn.body).toContain('withdrawn or removed');
    expect(await currentVersion(ruthId)).toBe(before);
  });

  it('costs paid support against the budget, lists unpaid support beside it, and warns by how much it is over', async () => {
    const v = async () => String(await currentVersion(ruthId));
    expect((await sam.get(base(ruthId))).body).toContain('No budget has been worked out yet');
    // The budget comes from the allocation: indicative first, labelled so, then agreed.
    const allocation = await giveBudget(t.database.db, t.org.orgId, ruthId, {
      indicativePence: 15_000,
      agreedPence: null,
    });
    const indicative = await sam.get(base(ruthId));
    expect(indicative.body).toContain('Indicative budget (not agreed yet)');
    expect(indicative.body).toContain('£150.00 a week is the indicative budget from the assessment (Fixture RAS)');
    await agreeBudget(t.database.db, allocation, 15_000);
    const post = async (path: string, form: Record<string, string>) => {
      const res = await sam.post(`${base(ruthId)}${path}`, { version: await v(), ...form });
      expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    };
    await post('/about', {
      contingency: '5',
      feeLabel: 'Managed account',
      feeAmount: '7.50',
      helpedBy: 'person',
    });
    await post('/items/new', {
      what: 'Personal assistant: help to get up',
      giver: 'personal_assistant',
      giverName: 'Jo',
      when: 'Weekday mornings',
      frequency: 'weekly',
      funding: 'personal_budget',
      amount: '12.50',
      units: '7.5',
    });
    await post('/items/new', {
      what: 'Sunday lunch',
      giver: 'family',
      giverName: 'Her son',
      frequency: 'weekly',
      funding: 'unpaid',
    });
    // S2: three quotes from £8 to £40; the cheapest chosen becomes the price.
    const search = await sam.post(`${base(ruthId)}/items/new`, {
      version: await v(),
      giverName: 'Shine',
      _find: 'yes',
    });
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain(services['Shine Car Care']);
    await post('/items/new', {
      what: 'Car cleaning',
      giver: 'provider',
      directoryServiceId: services['Shine Car Care']!,
      frequency: 'four_weekly',
      funding: 'personal_budget',
      'quote-0-supplier': 'Shine Car Care',
      'quote-0-amount': '8',
      'quote-1-supplier': 'Valet Plus',
      'quote-1-amount': '25',
      'quote-2-supplier': 'Premier Valeting',
      'quote-2-amount': '40',
      chosenQuote: '0',
    });
    const page = await sam.get(base(ruthId));
    // 7.5 × £12.50 = £93.75 a week; car £8 × 13 = £104 a year = £2.00 a week; £5 + £7.50 a week.
    // Year: 93.75×52 + 104 + 5×52 + 7.5×52 = 4875 + 104 + 260 + 390 = £5,629.00; budget £7,800.00.
    expect(page.body).toContain('£5,629.00');
    expect(page.body).toContain('£7,800.00');
    expect(page.body).toContain('£2,171.00');
    expect(page.body).toContain('Sunday lunch: unpaid, every week (not part of the budget');
    expect(page.body).toContain('Shine Car Care: £8.00');
    expect(page.body).toContain('Chosen');
    expect(page.body).not.toContain('over the budget');
    expect(page.body).toContain('How the costs are worked out');
    expect(page.body).toContain('The budget was agreed at £150.00 a week.');

    await agreeBudget(t.database.db, allocation, 10_000);
    const over = await sam.get(base(ruthId));
    // £5,629.00 − £5,200.00 = £429.00 a year over, £8.25 a week.
    expect(over.body).toContain('This plan is £8.25 a week (£429.00 a year) over the budget');
    expect(over.body).toContain('govuk-warning-text');
  });

  it('links outcomes in the person’s words to the support that serves them, and records risks the person accepts', async () => {
    const versions = await versionsOf(ruthId);
    const items = (versions.at(-1)!.content as { items: { id: string; what: string }[] }).items;
    const car = items.find((i) => i.what === 'Car cleaning')!;
    const res = await sam.post(`${base(ruthId)}/outcomes/new`, {
      version: String(versions.length),
      words: 'I want my car to look nice for church',
      itemIds: car.id,
    });
    expect(res.statusCode).toBe(303);
    const risk = await sam.post(`${base(ruthId)}/risks/new`, {
      version: String(versions.length + 1),
      risk: 'Walking to the shop alone',
      howManaged: 'A pendant alarm; the shop knows her',
      positiveRiskTaking: 'She keeps her independence and sees people',
      personAccepts: 'yes',
    });
    expect(risk.statusCode).toBe(303);
    const incompletePanel = await sam.post(`${base(ruthId)}/risks/new`, {
      version: String(versions.length + 2),
      risk: 'Swimming in the sea',
      howManaged: 'With a friend who swims',
      panelHeld: 'yes',
      panelQuestion: 'Can the budget pay for a swimming companion?',
    });
    expect(incompletePanel.statusCode).toBe(422);
    expect(incompletePanel.body).toContain('Enter who sat on the panel');
    expect(incompletePanel.body).toContain('Enter what the panel decided');
    const panel = await sam.post(`${base(ruthId)}/risks/new`, {
      version: String(versions.length + 2),
      risk: 'Swimming in the sea',
      howManaged: 'With a friend who swims',
      panelHeld: 'yes',
      panelQuestion: 'Can the budget pay for a swimming companion?',
      panelMembers: 'Team manager, OT, peer supporter',
      panelPersonView: 'Swimming is what keeps me well',
      panelPersonCouldAttend: 'yes',
      panelDecision: 'Agreed, with a companion who has life-saving training',
      panelResources: 'Two hours a week',
    });
    expect(panel.statusCode).toBe(303);
    const page = await sam.get(base(ruthId));
    expect(page.body).toContain('I want my car to look nice for church');
    expect(page.body).toMatch(/I want my car to look nice for church<\/td>\s*<td[^>]*>\s*Car cleaning/);
    expect(page.body).toContain('Ruth accepts this risk as theirs to take');
    expect(page.body).toContain('Who sat: Team manager, OT, peer supporter');
    expect(page.body).toContain('The person could attend the panel');
    expect(page.body).toContain('Decision: Agreed, with a companion who has life-saving training');
    expect(page.body).toContain('does not have a contingency plan yet');
  });

  it('refuses a stale edit to the same part, showing both, and keeps edits to different parts', async () => {
    const opened = String(await currentVersion(ruthId));
    const first = await sam.post(`${base(ruthId)}/profile/hopes`, {
      version: opened,
      text: 'To go to Hunstanton',
      writtenBy: 'person',
    });
    expect(first.statusCode).toBe(303);
    const second = await priya.post(`${base(ruthId)}/profile/hopes`, {
      version: opened,
      text: 'To see the sea again',
      writtenBy: 'staff',
    });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else changed this part of the plan');
    expect(second.body).toContain('To go to Hunstanton');
    expect(second.body).toContain('To see the sea again');
    // The form is opened again on the saved version, so saving again is not refused.
    expect(second.body).toContain(`name="version" value="${Number(opened) + 1}"`);

    // A different part, from the same stale version: made on top of the other change, nothing lost.
    const other = await priya.post(`${base(ruthId)}/profile/history`, {
      version: opened,
      text: 'Worked at the cannery for 30 years',
      writtenBy: 'person',
    });
    expect(other.statusCode).toBe(303);
    const latest = (await versionsOf(ruthId)).at(-1)!;
    const content = latest.content as { profile: Record<string, { fields: Record<string, string> }> };
    expect(content.profile.hopes!.fields.text).toBe('To go to Hunstanton');
    expect(content.profile.history!.fields.text).toBe('Worked at the cannery for 30 years');
    expect(latest.created_by).toBe(t.org.userIds['priya.manager']);
  });

  it('shows each version with a readable difference and who made it', async () => {
    const versions = await versionsOf(ruthId);
    const last = versions.at(-1)!;
    const page = await sam.get(`${base(ruthId)}/versions/${last.version}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('My history');
    expect(page.body).toContain('(not in the plan)');
    expect(page.body).toContain('Worked at the cannery for 30 years');
    expect(page.body).toContain('Priya');
    expect((await sam.get(`${base(ruthId)}/versions/999`)).statusCode).toBe(404);
    const plan = await sam.get(base(ruthId));
    expect(plan.body).toContain(`/support-plan/versions/${last.version}`);
    const record = await sam.get(`/people/${ruthId}`);
    expect(record.body).toContain(`Support plan, version ${last.version}`);
  });

  it('removes support from the plan and from the outcomes it served', async () => {
    const versions = await versionsOf(ruthId);
    const content = versions.at(-1)!.content as { items: { id: string; what: string }[] };
    const car = content.items.find((i) => i.what === 'Car cleaning')!;
    const res = await sam.post(`${base(ruthId)}/items/${car.id}`, { version: String(versions.length), _remove: 'yes' });
    expect(res.statusCode).toBe(303);
    const after = (await versionsOf(ruthId)).at(-1)!;
    expect(after.changed_part).toBe('Removed Support: Car cleaning');
    const next = after.content as { items: { id: string }[]; outcomes: { itemIds: string[] }[] };
    expect(next.items.some((i) => i.id === car.id)).toBe(false);
    expect(next.outcomes[0]!.itemIds).toEqual([]);
  });

  it('refuses a stale edit to the same support item, showing both, and keeps an edit to another item', async () => {
    const versions = await versionsOf(ruthId);
    const items = (versions.at(-1)!.content as { items: { id: string; what: string }[] }).items;
    const pa = items.find((i) => i.what === 'Personal assistant: help to get up')!;
    const lunch = items.find((i) => i.what === 'Sunday lunch')!;
    const opened = String(versions.length);
    const item = (what: string, amount: string) => ({
      version: opened,
      what,
      giver: 'personal_assistant',
      giverName: 'Jo',
      frequency: 'weekly',
      funding: 'personal_budget',
      amount,
      units: '7.5',
    });
    const first = await sam.post(`${base(ruthId)}/items/${pa.id}`, item('Personal assistant: help to get up', '13.00'));
    expect(first.statusCode).toBe(303);
    const second = await priya.post(`${base(ruthId)}/items/${pa.id}`, item('Personal assistant: mornings', '12.00'));
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else changed this part of the plan');
    expect(second.body).toContain('7.5 × £13.00');
    expect(second.body).toContain('7.5 × £12.00');
    // Another item from the same stale version: made on top, and the first change is kept.
    const other = await priya.post(`${base(ruthId)}/items/${lunch.id}`, {
      version: opened,
      what: 'Sunday lunch',
      giver: 'family',
      giverName: 'Her son and his wife',
      frequency: 'weekly',
      funding: 'unpaid',
    });
    expect(other.statusCode).toBe(303);
    const latest = (await versionsOf(ruthId)).at(-1)!.content as {
      items: { id: string; what: string; amountPence: number; giverName: string }[];
    };
    expect(latest.items.find((i) => i.id === pa.id)).toMatchObject({
      what: 'Personal assistant: help to get up',
      amountPence: 1300,
    });
    expect(latest.items.find((i) => i.id === lunch.id)!.giverName).toBe('Her son and his wife');
  });

  it('records the person’s or their representative’s agreement, which any later change undoes', async () => {
    const status = async () =>
      (
        await t.database.db
          .selectFrom('support_plan')
          .select('status')
          .where('person_id', '=', ruthId)
          .executeTakeFirstOrThrow()
      ).status;
    const version = String(await currentVersion(ruthId));
    const unconfirmed = await sam.post(`${base(ruthId)}/agree`, { version, by: 'person' });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain('Confirm they have read the plan');
    const representative = await sam.post(`${base(ruthId)}/agree`, { version, by: 'representative', confirm: 'yes' });
    expect(representative.statusCode).toBe(422);
    expect(representative.body).toContain('Enter the representative’s name');
    expect(representative.body).toContain('Select how the representative can agree for them');
    expect(await status()).toBe('draft');

    const asAttorney = {
      version,
      by: 'representative',
      representativeName: 'Martin Planwright',
      representativeBasis: 'lpa_health_welfare',
      confirm: 'yes',
    };
    // An attorney agrees only with the power on the capacity record: refused, nothing saved, until it is.
    const unbacked = await sam.post(`${base(ruthId)}/agree`, asAttorney);
    expect(unbacked.statusCode).toBe(422);
    expect(unbacked.body).toContain(
      'There is no registered lasting power of attorney for health and welfare naming Martin Planwright',
    );
    expect(unbacked.body).toContain(`href="/people/${ruthId}/capacity"`);
    expect(await status()).toBe('draft');
    expect(String(await currentVersion(ruthId))).toBe(version);
    await insertWelfarePower(t.database.db, t.org.orgId, ruthId, 'lpa', 'Martin Planwright');
    const agreed = await sam.post(`${base(ruthId)}/agree`, asAttorney);
    expect(agreed.statusCode).toBe(303);
    expect(await status()).toBe('agreed');
    const page = await sam.get(base(ruthId));
    expect(page.body).toContain(
      'Martin Planwright (lasting power of attorney for health and welfare) agreed the plan on',
    );

    const changed = await sam.post(`${base(ruthId)}/profile/history`, {
      version: String(Number(version) + 1),
      text: 'Worked at the cannery for 31 years',
      writtenBy: 'person',
    });
    expect(changed.statusCode).toBe(303);
    expect(await status()).toBe('draft');
    expect((await sam.get(base(ruthId))).body).toContain('Not agreed yet.');

    const noraId = await createPersonThroughPages(sam, 'Nora', 'Noplan', validNhsNumber(703000201));
    const empty = await sam.post(`${base(noraId)}/agree`, { version: '0', by: 'person', confirm: 'yes' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Write the plan with them before recording that it is agreed');
    expect(await currentVersion(noraId)).toBe(0);
  });

  it('prints the whole plan with its costing, without the links to change it', async () => {
    const page = await sam.get(`${base(ruthId)}/print`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('What the budget pays for');
    expect(page.body).not.toContain('/support-plan/items/new');
    const css = await sam.get('/support-plan/print.css');
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('@media print');
  });

  it('hides a restricted person’s plan and refuses roles that may not write one', async () => {
    expect((await sam.get(base(hiddenId))).statusCode).toBe(404);
    expect(
      (await sam.post(`${base(hiddenId)}/profile/hopes`, { version: '0', text: 'x', writtenBy: 'person' })).statusCode,
    ).toBe(404);
    expect((await carla.get(base(ruthId))).statusCode).toBe(403);
    const unknownItem = `${base(ruthId)}/items/00000000-0000-4000-8000-000000000000`;
    expect((await sam.get(unknownItem)).statusCode).toBe(404);
    const before = await currentVersion(ruthId);
    const posted = await sam.post(unknownItem, {
      version: String(before),
      what: 'Made up',
      giver: 'family',
      frequency: 'weekly',
      funding: 'unpaid',
    });
    expect(posted.statusCode).toBe(404);
    expect(await currentVersion(ruthId)).toBe(before);
  });
});
