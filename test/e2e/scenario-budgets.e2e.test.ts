import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { passwordFor } from '../helpers/app.js';
import { giveBudget } from '../helpers/plan-budget.js';
import { seedSupportPlans } from '../../src/seed/support-plans.js';
import { startE2eServer, type E2eServer } from './server.js';
import { arrive, expectHeading, expectNoAxeViolations, launchBrowser, skipBrowserTests } from './browser.js';

/**
 * Holding a budget, in the browser (issue 14 §2): S6 — Joan's direct payment goes to her friend
 * Sheila as suitable person, refused until the council's checks are recorded; S7 — Mrs N's budget on
 * a prepaid card, then £45 a week switched back to a council-managed budget from a date; S10 — a
 * small one-off payment for Mr M's gardener, refused over the scheme's £500 limit with the reason.
 * axe-core on every page; the Money tab shows each.
 */
const iso = (d: Date) => d.toISOString().slice(0, 10);
const mondayOffset = (weeks: number) => {
  const today = new Date();
  const monday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) + weeks * 7);
  return iso(monday);
};

describe.skipIf(skipBrowserTests())('holding a budget: S6, S7 and S10 in the browser', { timeout: 300_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    // Joan's capacity assessment, best-interests decision and Sheila's power of attorney (S6), as the demo has them.
    await seedSupportPlans(server.database.db, server.org);
    for (const [key, pence] of [
      ['joan', 19_800],
      ['mrsN', 21_300],
    ] as const)
      await giveBudget(server.database.db, server.org.orgId, server.people[key]!, {
        indicativePence: pence,
        agreedPence: pence,
      });
    context = await browser.newContext({ baseURL: server.baseUrl });
    page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill('sam.practitioner');
    await page.getByLabel('Password').fill(passwordFor('sam.practitioner'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await arrive(page, `${server.baseUrl}/`);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const mainText = async () => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
  async function fillDate(prefix: string, date: string): Promise<void> {
    const [y, m, d] = date.split('-');
    await page.locator(`[name="${prefix}-day"]`).fill(String(Number(d)));
    await page.locator(`[name="${prefix}-month"]`).fill(String(Number(m)));
    await page.locator(`[name="${prefix}-year"]`).fill(y!);
  }
  async function openMoney(personKey: string, heading: RegExp) {
    await page.goto(`/people/${server.people[personKey]}`);
    await expectHeading(page, heading);
    await page
      .getByRole('navigation', { name: 'Record sections' })
      .getByRole('link', { name: 'Money', exact: true })
      .click();
    await arrive(page, `${server.baseUrl}/people/${server.people[personKey]}/money`);
    await expectHeading(page, 'Money');
  }
  const errorSummary = async () => {
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    return (await summary.textContent()) ?? '';
  };

  it('S6: a direct payment to Sheila as suitable person is refused until the checks are recorded, then set up', async () => {
    await openMoney('joan', /Joan Whitmore/);
    await expectNoAxeViolations(page, 'Joan’s Money tab, nothing set up');
    await page.getByRole('link', { name: 'Set up part of the budget' }).click();
    await expectNoAxeViolations(page, 'set up part of the budget');
    // First as a direct payment to Joan herself: refused, because she cannot consent to one.
    await page.getByLabel('Direct payment to the person', { exact: true }).check();
    await page.getByLabel('Who holds the money').fill('Joan Whitmore');
    await page.getByLabel('Weekly amount').fill('198.00');
    await fillDate('startsOn', mondayOffset(1));
    await fillDate('signedOn', mondayOffset(0));
    await page.getByLabel('Who signed it').fill('Sheila Parr');
    await page.getByRole('button', { name: 'Set it up' }).click();
    expect(await errorSummary()).toContain('lacks capacity to consent to a direct payment');
    await expectNoAxeViolations(page, 'set up part of the budget, refused');
    // Then to Sheila, without the references checked: the check is named.
    await page.getByLabel('Direct payment to a suitable person', { exact: true }).check();
    await page.getByLabel('Suitable person’s name').fill('Sheila Parr');
    await page.getByLabel('Their relationship to the person').fill('Friend, holds enduring power of attorney');
    await fillDate('spAppointed', mondayOffset(0));
    await page.getByLabel('They agree to act in the person’s best interests').check();
    await page.getByRole('button', { name: 'Set it up' }).click();
    expect(await errorSummary()).toContain('Check the suitable person’s references before appointing them');
    expect(
      await server.database.db
        .selectFrom('budget_part')
        .select('id')
        .where('person_id', '=', server.people.joan!)
        .execute(),
    ).toEqual([]);
    await page.getByLabel('Their references have been checked').check();
    await page.getByRole('button', { name: 'Set it up' }).click();
    await arrive(page, `${server.baseUrl}/people/${server.people.joan}/money`);
    const main = await mainText();
    expect(main).toContain('Direct payment to a suitable person: Sheila Parr');
    expect(main).toContain('Sheila Parr (Friend, holds enduring power of attorney), appointed on');
    expect(main).toContain('Reported to CLD as');
    await expectNoAxeViolations(page, 'Joan’s Money tab with Sheila appointed');
  });

  it('S7: Mrs N’s budget on a prepaid card, then £45 a week switched back to a council-managed budget from a date', async () => {
    await openMoney('mrsN', /Nair/);
    await page.getByRole('link', { name: 'Set up part of the budget' }).click();
    await page.getByLabel('Prepaid card', { exact: true }).check();
    await page.getByLabel('Who holds the money').fill('Nirmala Nair (her granddaughter checks it)');
    await page.getByLabel('Restrictions on the card (optional)').fill('No cash withdrawals');
    await page.getByLabel('Weekly amount').fill('213.00');
    await fillDate('startsOn', mondayOffset(-4));
    await fillDate('signedOn', mondayOffset(-5));
    await page.getByLabel('Who signed it').fill('Nirmala Nair, with an interpreter');
    await page.getByRole('button', { name: 'Set it up' }).click();
    await arrive(page, `${server.baseUrl}/people/${server.people.mrsN}/money`);
    expect(await mainText()).toContain('Prepaid card: Nirmala Nair (her granddaughter checks it)');

    await page.getByRole('link', { name: /^Switch/ }).click();
    await expectHeading(page, /Switch part of the budget/);
    await expectNoAxeViolations(page, 'switch form');
    await fillDate('from', mondayOffset(1));
    await page.getByLabel('Weekly amount to switch').fill('45.00');
    await page.getByLabel('Council-managed budget', { exact: true }).check();
    await page.getByLabel('Who holds the money').fill('Fenshire County Council (day centre)');
    await page.getByRole('button', { name: 'Switch' }).click();
    await arrive(page, `${server.baseUrl}/people/${server.people.mrsN}/money`);
    const main = await mainText();
    expect(main).toContain('Starting later');
    expect(main).toContain('Council-managed budget: Fenshire County Council (day centre)');
    expect(main).toContain('£168.00 a week');
    expect(main).toContain('£45.00 a week');
    await expectNoAxeViolations(page, 'Mrs N’s Money tab after the switch');
  });

  it('S10: a small one-off payment for Mr M’s gardener, refused over the £500 limit with the reason', async () => {
    await openMoney('mrM', /Maurice/);
    await page.getByRole('link', { name: 'Set up part of the budget' }).click();
    await page.getByLabel('Small one-off payment', { exact: true }).check();
    await page.getByLabel('Who holds the money').fill('Maurice (carer)');
    await page.getByLabel('One-off amount').fill('620');
    await fillDate('startsOn', mondayOffset(1));
    await page.getByRole('button', { name: 'Set it up' }).click();
    expect(await errorSummary()).toContain(
      'A small payment can be up to £500.00: £620.00 is £120.00 over the scheme’s limit',
    );
    await page.getByLabel('One-off amount').fill('480');
    await page.getByRole('button', { name: 'Set it up' }).click();
    await arrive(page, `${server.baseUrl}/people/${server.people.mrM}/money`);
    expect(await mainText()).toContain('£480.00 once');
    await expectNoAxeViolations(page, 'Mr M’s Money tab');
  });
});
