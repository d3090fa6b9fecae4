import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { passwordFor } from '../helpers/app.js';
import { seedSupportPlans } from '../../src/seed/support-plans.js';
import { seedScenarioBudgets } from '../../src/seed/allocations.js';
import { startE2eServer, type E2eServer } from './server.js';
import { arrive, expectHeading, expectNoAxeViolations, launchBrowser, skipBrowserTests } from './browser.js';

/**
 * Scenario S2 end to end: Mrs N (Nirmala Nair, West Sussex) plans her own support within a direct
 * payment. The demo seed has her draft plan — personal care from a small local agency charging only
 * the hours used, her grandson as a personal assistant for shopping at student rates, a PA for
 * household jobs, monthly chiropody — and three quotes for her gardening and car cleaning (£8, £25,
 * £40), none chosen, against the budget Sam agreed with her (£213.00 a week). She picks the £40 quote:
 * the costing shows each item a week and a year, and says the plan is over budget and by how much.
 * She picks the £25 one instead and it fits; adds a small float for bank-holiday agency rates; notes
 * that she does her own payroll. The plan is agreed and Sam approves it within his limit. Bad input
 * on the support form once: an error summary, nothing saved. axe-core on every page.
 */
const GARDEN = 'Gardening and cleaning the car';
const PAYROLL =
  'I decide who works for me. I employ my personal assistants myself and do my own payroll; my grandson helps me check the timesheets.';

describe.skipIf(skipBrowserTests())('scenario S2 (Mrs N) in Chromium', { timeout: 300_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    // As the demo county has her: the draft plan (S2's quotes) and the budget agreed with her.
    await seedSupportPlans(server.database.db, server.org);
    await seedScenarioBudgets(server.database.db, server.org);
    context = await browser.newContext({ baseURL: server.baseUrl });
    page = await context.newPage();
    base = `/people/${server.people.mrsN}/support-plan`;
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const planVersions = () =>
    server.database.db
      .selectFrom('support_plan_version')
      .select(['version', 'changed_part'])
      .where('person_id', '=', server.people.mrsN!)
      .orderBy('version')
      .execute();
  const mainText = async () => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
  /** The costing table's body rows, each as its non-empty cells' texts joined by single spaces. */
  const costingRows = () =>
    page
      .locator('table', { has: page.locator('caption', { hasText: 'Costing' }) })
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) =>
          [...row.querySelectorAll('th, td')]
            .map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())
            .filter(Boolean)
            .join(' '),
        ),
      );
  const warning = () => page.locator('main .govuk-warning-text');

  async function signIn(username: string): Promise<void> {
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(passwordFor(username));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await arrive(page, `${server.baseUrl}/`);
  }

  /** Open the gardening item's form from the plan. */
  async function openGarden(): Promise<void> {
    await page.goto(base);
    await page.getByRole('link', { name: `Change ${GARDEN}`, exact: true }).click();
    await expectHeading(page, 'Change this support');
  }

  async function chooseQuote(quote: string): Promise<void> {
    await openGarden();
    await page.getByLabel(quote, { exact: true }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}`);
    expect(await mainText()).toContain('The plan has been saved as version');
  }

  it('Sam opens Mrs N’s plan: her support so far, three quotes none chosen, costed against her agreed budget', async () => {
    await signIn('sam.practitioner');
    await page.goto(`/people/${server.people.mrsN}`);
    await expectHeading(page, /Nirmala Nair/);
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}`);
    await expectHeading(page, 'Support plan');
    const main = await mainText();
    for (const text of [
      'Help to wash and dress in the mornings, paying only for the hours used',
      'Shopping trips with her grandson as her personal assistant, at student rates',
      'Household jobs',
      'Chiropody at home',
      'Village Odd Jobs: £8.00',
      'Greenway Gardens: £25.00',
      'Sparkle Car and Garden Care: £40.00',
      'The budget was agreed at £213.00 a week.',
    ])
      expect(main).toContain(text);
    expect(await warning().count()).toBe(0);
    await expectNoAxeViolations(page, 'Mrs N’s draft plan');
  });

  it('refuses the gardening form with no quote chosen and a price that is not money: error summary, nothing saved', async () => {
    const before = await planVersions();
    await openGarden();
    await expectNoAxeViolations(page, 'gardening and car cleaning form');
    await page.getByLabel('Quote 3: price', { exact: true }).fill('forty pounds');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    const errors = ((await summary.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(errors).toContain('Select the quote chosen');
    expect(errors).toContain('Quote 3');
    // What was typed is kept, each error is beside its box, and the plan is as it was.
    expect(await page.getByLabel('Quote 3: price', { exact: true }).inputValue()).toBe('forty pounds');
    expect(await page.locator('.govuk-error-message').count()).toBeGreaterThanOrEqual(2);
    await expectNoAxeViolations(page, 'gardening form with errors');
    expect(await planVersions()).toEqual(before);
  });

  it('she picks the £40 quote: each item a week and a year, and a warning naming how much over budget', async () => {
    await chooseQuote('Quote 3');
    const rows = await costingRows();
    expect(rows).toEqual([
      'Help to wash and dress in the mornings, paying only for the hours used every week £138.60 £7,207.20',
      `${GARDEN} every 2 weeks £20.00 £1,040.00`,
      'Shopping trips with her grandson as her personal assistant, at student rates every week £28.50 £1,482.00',
      'Household jobs: changing the beds, the heavier cleaning and the washing every week £23.00 £1,196.00',
      'Chiropody at home every month £7.38 £384.00',
      'Contingency every week £0.00 £0.00',
      'Total cost £217.48 £11,309.20',
      'Agreed budget £213.00 £11,076.00',
      "Left in the year's budget £0.00",
    ]);
    expect(((await warning().textContent()) ?? '').replace(/\s+/g, ' ')).toContain(
      'This plan is £4.48 a week (£233.20 a year) over the budget',
    );
    expect(await mainText()).toContain('Sparkle Car and Garden Care: £40.00');
    await expectNoAxeViolations(page, 'plan over budget');
  });

  it('she picks the £25 quote instead: the plan fits, no warning', async () => {
    await chooseQuote('Quote 2');
    const rows = await costingRows();
    expect(rows).toContain(`${GARDEN} every 2 weeks £12.50 £650.00`);
    expect(rows).toContain('Total cost £209.98 £10,919.20');
    expect(rows).toContain("Left in the year's budget £156.80");
    expect(await warning().count()).toBe(0);
    await expectNoAxeViolations(page, 'plan within budget');
  });

  it('adds a small float for bank-holiday agency rates on the About form: still within budget', async () => {
    await page.getByRole('link', { name: 'Change who helped write it, the contingency and fees', exact: true }).click();
    await expectHeading(page, 'Who helped write the plan, its contingency and fees');
    await expectNoAxeViolations(page, 'about the plan form');
    await page.getByLabel('The person', { exact: true }).check();
    await page.getByLabel('Family', { exact: true }).check();
    await page.getByLabel('Contingency each week', { exact: true }).fill('2.50');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}`);
    const rows = await costingRows();
    expect(rows).toContain('Contingency every week £2.50 £130.00');
    expect(rows).toContain('Total cost £212.48 £11,049.20');
    expect(rows).toContain("Left in the year's budget £26.80");
    expect(await warning().count()).toBe(0);
    expect(await mainText()).toContain('The person, Family');
  });

  it('notes in the plan that she does her own payroll', async () => {
    await page.getByRole('link', { name: 'Write How I make decisions', exact: true }).click();
    await expectHeading(page, 'How I make decisions');
    await page.getByLabel('How they make decisions and who helps', { exact: true }).fill(PAYROLL);
    await page.getByLabel('The person', { exact: true }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}`);
    expect(await mainText()).toContain('do my own payroll');
    await expectNoAxeViolations(page, 'plan with her payroll note');
  });

  it('the plan is agreed with her, and Sam approves it within his delegated limit', async () => {
    await page.getByRole('link', { name: 'Record that the plan is agreed', exact: true }).click();
    await expectHeading(page, 'Record that the plan is agreed');
    await page.getByLabel('Nirmala', { exact: true }).check();
    await page.getByLabel('They have read the plan, or had it explained, and agree with it', { exact: true }).check();
    await expectNoAxeViolations(page, 'agreement form');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}`);

    await page.getByRole('link', { name: 'Approve the plan', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}/approve`);
    const form = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(form).toContain('£212.48 a week');
    await expectNoAxeViolations(page, 'approval form');
    await page.getByRole('button', { name: 'Approve the plan', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}`);

    const main = await mainText();
    expect(main).toContain('Status: approved.');
    expect(main).toContain('at £212.48 a week against an agreed budget of £213.00');
    expect(main).toContain('Approved by Sam Okafor');
    await expectNoAxeViolations(page, 'approved plan');

    // Approval started a CLD long-term support Service event for each item the budget pays for.
    const events = await server.database.db
      .selectFrom('person_event')
      .select(['event_type', 'service_type'])
      .where('person_id', '=', server.people.mrsN!)
      .where('source_module', '=', 'planning')
      .execute();
    expect(events).toHaveLength(5);
    expect(new Set(events.map((e) => e.service_type))).toEqual(new Set(['Long term support: Community']));
    const approval = await server.database.db
      .selectFrom('support_plan_approval')
      .select(['weekly_cost_pence', 'agreed_budget_weekly_pence', 'approved_by_role'])
      .where('person_id', '=', server.people.mrsN!)
      .executeTakeFirstOrThrow();
    expect([Number(approval.weekly_cost_pence), Number(approval.agreed_budget_weekly_pence)]).toEqual([21_248, 21_300]);
    expect(approval.approved_by_role).toBe('practitioner');
  });
});
