import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { userActor } from '../helpers/matrix.js';
import { seedScenarioPeople } from '../../src/seed/scenario-people.js';
import { seedPersonalAssistants } from '../../src/seed/personal-assistants.js';
import { assistantsRecordSection, listRenewals } from '../../src/modules/budgets/index.js';
import { withOrg } from '../../src/platform/db/scope.js';

/** The demo county's personal assistants: Shirley's (S5), due for renewal, and Joan's through an agency (S6). */
describe.each(testEngines())('personal assistants seed (%s)', (engine) => {
  let t: TestApp;
  let scenario: Record<string, string>;
  const asOf = '2026-11-10';

  beforeAll(async () => {
    t = await startTestApp(engine);
    scenario = await seedScenarioPeople(t.database.db, t.org);
    await seedPersonalAssistants(t.database.db, t.org, asOf);
  }, 120_000);
  afterAll(async () => t?.close());

  it('gives Shirley a directly employed PA whose insurance renews in 20 days, and Joan an agency PA', async () => {
    const rows = await t.database.db
      .selectFrom('personal_assistant')
      .select(['person_id', 'name', 'employed_through', 'agency_name', 'insurance_renews_on', 'form_helper'])
      .orderBy('name')
      .execute();
    expect(rows).toEqual([
      {
        person_id: scenario.shirley,
        name: 'Maria Lopez',
        employed_through: 'direct',
        agency_name: null,
        insurance_renews_on: '2026-11-30',
        form_helper: 'Lisa Bennett (daughter)',
      },
      {
        person_id: scenario.joan,
        name: 'Priya Shah',
        employed_through: 'agency',
        agency_name: 'Homecare Together',
        insurance_renews_on: null,
        form_helper: 'Sheila Parr (friend, suitable person)',
      },
    ]);
    const sam = userActor('practitioner', t.org.userIds['sam.practitioner']!, t.org.orgId);
    const due = await withOrg(t.database.db, t.org.orgId, (tx) => listRenewals(tx, sam, asOf, 30));
    expect(due.map((r) => [r.personName, r.assistantName, r.state])).toEqual([
      ['Shirley Bennett', 'Maria Lopez', 'due'],
    ]);
  });

  it('offers a record section whose soon-renewing insurance is open work for the summary', async () => {
    const section = (personId: string) =>
      withOrg(t.database.db, t.org.orgId, (tx) => assistantsRecordSection(tx, personId, asOf));
    expect((await section(scenario.shirley!)).items).toEqual([
      {
        href: `/people/${scenario.shirley}/assistants`,
        text: 'Maria Lopez',
        detail: 'Employer’s liability insurance renews on 30 November 2026',
        tag: { text: 'Renews soon', classes: 'govuk-tag--orange' },
        open: true,
      },
    ]);
    const joans = await section(scenario.joan!);
    expect(joans.items.map((i) => [i.text, i.tag?.text, i.open])).toEqual([
      ['Priya Shah (through Homecare Together)', 'Not recorded', false],
    ]);
  });

  it('records each support decision as the table recommends', async () => {
    const decisions = await t.database.db
      .selectFrom('dp_support_decision')
      .select(['person_id', 'recommended_level', 'decided_level', 'reason'])
      .orderBy('decided_on')
      .execute();
    expect(decisions).toEqual([
      { person_id: scenario.shirley, recommended_level: 'light', decided_level: 'light', reason: null },
      { person_id: scenario.joan, recommended_level: 'regular', decided_level: 'regular', reason: null },
    ]);
  });
});
