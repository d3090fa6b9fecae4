import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { passwordFor } from '../helpers/app.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { insertServices } from '../helpers/conversations.js';
import { seedSupportPlans } from '../../src/seed/support-plans.js';
import { seedAllocations } from '../../src/seed/allocations.js';
import { seedPlansAtEveryStage } from '../../src/seed/support-plans-stages.js';
import { seedBudgetHoldings } from '../../src/seed/budgets.js';
import { seedPersonalAssistants } from '../../src/seed/personal-assistants.js';
import { seedPool } from '../../src/seed/pools.js';
import { seedMonitoring } from '../../src/seed/monitoring.js';
import { seedPaymentRuns } from '../../src/seed/payment-runs.js';
import { startE2eServer, type E2eServer } from './server.js';
import { arrive, expectHeading, expectNoAxeViolations, launchBrowser, skipBrowserTests } from './browser.js';

/**
 * The money side of the demo county in the browser, as each role meets it, with axe-core on every
 * page: S3 (a provider sees only the fund lodged with it), S5 (Shirley's personal assistant and her
 * light-touch statement), S8 (Leonard's surplus for a conversation and his saved-up hours), S9 (the
 * pool, two of three signatories) and the payment runs (the second finance officer releases).
 */
describe.skipIf(skipBrowserTests())(
  'the demo county’s budgets in the browser: S3, S5, S8, S9 and payment runs',
  { timeout: 300_000 },
  () => {
    let server: E2eServer;
    let browser: Browser;
    let poolId: string | null;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
      const { db } = server.database;
      const services = await insertServices(db, server.org.orgId, [
        { name: 'Acorn Home Care' },
        { name: 'Brightwell Support' },
      ]);
      await db
        .updateTable('directory_service')
        .set({ tl_owner_user_id: server.org.userIds['paul.provider']! })
        .where('id', '=', services['Acorn Home Care']!)
        .execute();
      await seedSupportPlans(db, server.org);
      for (let n = 0; n < 40; n++) await insertPersonAsOwner(db, server.org.orgId, `Resident${n}`, 'Fenshire');
      await seedAllocations(db, server.org);
      await seedPlansAtEveryStage(db, server.org);
      await seedBudgetHoldings(db, server.org);
      await seedPersonalAssistants(db, server.org);
      poolId = await seedPool(db, server.org);
      await seedMonitoring(db, server.org);
      await seedPaymentRuns(db, server.org);
    }, 240_000);

    afterAll(async () => {
      for (const c of contexts) await c.close();
      await browser?.close();
      await server?.close();
    });

    async function signedIn(username: string): Promise<Page> {
      const context = await browser.newContext({ baseURL: server.baseUrl });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill(passwordFor(username));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await arrive(page, `${server.baseUrl}/`);
      return page;
    }
    const text = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

    it('S5 and S8: Sam sees Shirley’s PA and light-touch statement, and Leonard’s surplus and saved-up hours', async () => {
      const page = await signedIn('sam.practitioner');
      await page.goto(`/people/${server.people.shirley}/money`);
      await expectHeading(page, 'Money');
      await expectNoAxeViolations(page, 'Shirley’s Money tab');
      await page.getByRole('link', { name: /Personal assistants Shirley employs/ }).click();
      expect(await text(page)).toContain('Maria');
      await expectNoAxeViolations(page, 'Shirley’s personal assistants');
      await page.goto(`/people/${server.people.shirley}/money`);
      await page.getByRole('link', { name: /^Statements and monitoring/ }).click();
      await expectNoAxeViolations(page, 'Shirley’s statements');
      await page.goto(`/people/${server.people.shirley}/money`);
      await page.getByRole('link', { name: 'The statement for the last 12 months' }).click();
      await expectHeading(page, 'Statement for the last 12 months');
      await expectNoAxeViolations(page, 'Shirley’s statement for the last 12 months');

      await page.goto(`/people/${server.people.mrL}/money`);
      expect(await text(page)).toContain('Managed account fee');
      await page.getByRole('link', { name: /^Statements and monitoring/ }).click();
      const monitoring = await text(page);
      expect(monitoring).toContain('Money building up');
      expect(monitoring).toContain('For a conversation');
      expect(monitoring).toContain('not a penalty');
      await expectNoAxeViolations(page, 'Leonard’s statements and monitoring');
      await page.goto(`/people/${server.people.mrL}/money`);
      await page.getByRole('link', { name: /^Saved-up hours/ }).click();
      expect(await text(page)).toContain('3.5');
      await expectNoAxeViolations(page, 'Leonard’s saved-up hours');
      await page.goto('/budgets/monitoring');
      expect(await text(page)).toContain('Leonard');
      await expectNoAxeViolations(page, 'budgets flagged for a conversation');
    });

    it('S9: the pool shows the trip paid on two signatures and the hall hire waiting for a second, and a member’s record sheet', async () => {
      expect(poolId).not.toBeNull();
      const page = await signedIn('sam.practitioner');
      await page.goto('/pools');
      await page.getByRole('link', { name: 'Wednesday Friends group' }).click();
      const pool = await text(page);
      expect(pool).toContain('Coach trip to the coast');
      expect(pool).toContain('Hall hire for the tea dance');
      expect(pool).toContain('in place of Rukhsana Begum');
      await expectNoAxeViolations(page, 'the pool');

      // Tom Ashby stands down: the form refuses a blank name, then his successor takes over from today.
      await page.getByRole('link', { name: 'Replace Tom Ashby as a signatory' }).click();
      await expectHeading(page, 'Replace a signatory');
      await expectNoAxeViolations(page, 'replace a signatory');
      await page.getByRole('button', { name: 'Replace the signatory' }).click();
      expect(await text(page)).toContain('Enter the new signatory’s name');
      await expectNoAxeViolations(page, 'replace a signatory, with an error');
      await page.getByLabel('The new signatory’s name').fill('Winston Clarke');
      await page.getByRole('button', { name: 'Replace the signatory' }).click();
      await arrive(page, `${server.baseUrl}/pools/${poolId}`);
      const changed = await text(page);
      expect(changed).toContain('Winston Clarke is now a signatory in place of Tom Ashby');
      expect(changed).toMatch(/Approved by[^£]*Tom Ashby/);
      const member = await server.database.db
        .selectFrom('budget_pool_member')
        .select('person_id')
        .where('pool_id', '=', poolId!)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await page.goto(`/pools/${poolId}/members/${member.person_id}`);
      await expectNoAxeViolations(page, 'a member’s record sheet');
    });

    it('S3: the provider sees only the fund lodged with its service, and records what was delivered', async () => {
      const page = await signedIn('paul.provider');
      await page.goto('/isf');
      const list = await text(page);
      expect(list).toContain('Acorn Home Care');
      expect(list).not.toContain('Brightwell Support');
      await expectNoAxeViolations(page, 'the provider’s service funds');
      await page
        .getByRole('link', { name: /Margaret/ })
        .first()
        .click();
      await expectNoAxeViolations(page, 'Margaret’s service fund, as the provider');
    });

    it('Payment runs: Frank sees this period’s run sent and the next prepared; Fiona releases it after re-entering her password', async () => {
      const frank = await signedIn('frank.finance');
      await frank.goto('/payments/runs');
      await expectNoAxeViolations(frank, 'payment runs');
      const runs = await server.database.db
        .selectFrom('payment_run')
        .select(['id', 'status'])
        .orderBy('period_start')
        .execute();
      expect(runs.map((r) => r.status)).toEqual(['completed', 'prepared']);
      await frank.goto(`/payments/runs/${runs[0]!.id}`);
      expect(await text(frank)).toMatch(/held back/i);
      await expectNoAxeViolations(frank, 'a completed run');

      const fiona = await signedIn('fiona.finance');
      await fiona.goto(`/payments/runs/${runs[1]!.id}/release`);
      await expectNoAxeViolations(fiona, 'release a run');
      await fiona.getByLabel(/password/i).fill(passwordFor('fiona.finance'));
      await fiona.getByRole('button', { name: /Release/ }).click();
      await arrive(fiona, new RegExp(`/payments/runs/${runs[1]!.id}$`));
      const released = await server.database.db
        .selectFrom('payment_run')
        .select('status')
        .where('id', '=', runs[1]!.id)
        .executeTakeFirstOrThrow();
      expect(released.status).toBe('released');
      await expectNoAxeViolations(fiona, 'a released run');
    });
  },
);
