import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { withOrg } from '../../src/platform/db/scope.js';
import { directPaymentConsentStatus } from '../../src/modules/capacity/index.js';
import { passwordFor } from '../helpers/app.js';
import { startE2eServer, type E2eServer } from './server.js';
import { arrive, expectHeading, expectNoAxeViolations, launchBrowser, skipBrowserTests } from './browser.js';

/**
 * Scenario S6's records end to end: Joan Whitmore has dementia. Sam records a decision-specific
 * capacity assessment (consenting to a direct payment) that finds she lacks capacity for it, with how
 * she was helped to decide and the reasons; then the best-interests decision, with her friend Sheila
 * consulted and Joan's own wishes; then Sheila's enduring power of attorney for property and financial
 * affairs with its Office of the Public Guardian reference. Joan's record shows all three, and the
 * one question the budgets issue will ask before paying a suitable person answers from them. A
 * result that does not follow from the answers is refused with a GOV.UK error summary, nothing saved.
 * axe-core on every page.
 */
const DECISION = 'Whether Joan agrees to a direct payment to pay for her support at home';
const HELPED =
  'Seen at home in the morning, her best time of day, with Sheila there as she asked. ' +
  'An easy-read leaflet about direct payments, explained twice over two visits, one thing at a time.';
const REASONS =
  'Joan understood that the council would help her, but on both visits could not remember that money would be paid ' +
  'to someone each month, and could not weigh up managing it against the council arranging her support.';
const EPA_REFERENCE = '7000-4312-8876';

/** A day this many days before today, in London, as the date boxes want it. */
function daysAgo(days: number): { day: string; month: string; year: string } {
  const [day, month, year] = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  })
    .format(new Date(Date.now() - days * 86_400_000))
    .split('/');
  return { day: day!, month: month!, year: year! };
}

describe.skipIf(skipBrowserTests())(
  'scenario S6 (Joan): capacity, best interests, power of attorney',
  { timeout: 300_000 },
  () => {
    let server: E2eServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let capacity: string;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
      context = await browser.newContext({ baseURL: server.baseUrl });
      page = await context.newPage();
      capacity = `/people/${server.people.joan}/capacity`;
    }, 240_000);

    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await server?.close();
    });

    const mainText = async () => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
    const joansAssessments = () =>
      server.database.db
        .selectFrom('capacity_assessment')
        .select('id')
        .where('person_id', '=', server.people.joan!)
        .execute();

    async function fillDate(prefix: string, date: { day: string; month: string; year: string }): Promise<void> {
      await page.locator(`[name="${prefix}-day"]`).fill(date.day);
      await page.locator(`[name="${prefix}-month"]`).fill(date.month);
      await page.locator(`[name="${prefix}-year"]`).fill(date.year);
    }
    // The capacity pages' "Record …" actions are GOV.UK buttons made of links (role="button").
    /** A yes/no question is a fieldset of its own: answer inside it. */
    const answer = (question: string, choice: 'Yes' | 'No') =>
      page.getByRole('group', { name: question }).getByLabel(choice, { exact: true }).check();

    it('Sam opens Joan’s record and goes to her mental capacity and legal powers', async () => {
      await page.goto('/sign-in');
      await page.getByLabel('Username').fill('sam.practitioner');
      await page.getByLabel('Password').fill(passwordFor('sam.practitioner'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await arrive(page, `${server.baseUrl}/`);

      await page.goto(`/people/${server.people.joan}`);
      await expectHeading(page, /Joan Whitmore/);
      // Capacity is on the record's Assessments tab.
      await page
        .getByRole('navigation', { name: 'Record sections' })
        .getByRole('link', { name: 'Assessments', exact: true })
        .click();
      expect(await mainText()).toContain('No capacity assessments or powers of attorney recorded.');
      await page.getByRole('link', { name: 'Mental capacity and legal powers', exact: true }).click();
      await arrive(page, `${server.baseUrl}${capacity}`);
      await expectHeading(page, /Mental capacity and legal powers/);
      await expectNoAxeViolations(page, 'Joan’s capacity page, empty');
    });

    it('refuses an assessment whose result does not follow from the answers: error summary, nothing saved', async () => {
      await page.getByRole('button', { name: 'Record a capacity assessment' }).click();
      await arrive(page, `${server.baseUrl}${capacity}/assessments/new`);
      await expectNoAxeViolations(page, 'capacity assessment form');
      await page.getByLabel('What decision needs making?').fill(DECISION);
      await page.getByLabel('Consent to a direct payment', { exact: true }).check();
      await page.getByLabel('What was done to help them make the decision themselves?').fill(HELPED);
      await answer('Is there an impairment of, or disturbance in the functioning of, the mind or brain?', 'Yes');
      await page.getByLabel('If yes, what is it?').fill('Dementia (Alzheimer’s type), diagnosed 2022');
      await answer('Can they understand the information relevant to the decision?', 'Yes');
      await answer('Can they retain that information?', 'No');
      await answer('Can they use or weigh that information as part of deciding?', 'No');
      await answer('Can they communicate their decision (by talking, sign language or any other means)?', 'Yes');
      // Wrong on purpose: the answers say she lacks capacity for this decision, and the reasons are missing.
      await page.getByLabel('Has capacity', { exact: true }).check();
      await page.getByLabel('Role', { exact: true }).fill('Social worker');
      await fillDate('assessedOn', daysAgo(10));
      await page.getByRole('button', { name: 'Save the assessment' }).click();

      const summary = page.locator('.govuk-error-summary');
      await expect.poll(() => summary.isVisible()).toBe(true);
      const errors = (await summary.textContent()) ?? '';
      expect(errors).toContain('The result must follow from the answers');
      expect(errors).toContain('Enter the reasons for the result');
      expect(await page.getByLabel('What decision needs making?').inputValue()).toBe(DECISION);
      await expectNoAxeViolations(page, 'capacity assessment form with errors');
      expect(await joansAssessments()).toEqual([]);
    });

    it('records the assessment: she lacks capacity to consent to a direct payment, how she was helped, why', async () => {
      await page.getByLabel('Lacks capacity', { exact: true }).check();
      await page.getByLabel('Reasons', { exact: true }).fill(REASONS);
      await page.getByRole('button', { name: 'Save the assessment' }).click();
      await arrive(page, new RegExp(`${capacity}/assessments/[0-9a-f-]{36}$`));
      await expectHeading(page, /Capacity assessment: Consent to a direct payment/);
      const main = await mainText();
      for (const text of [DECISION, 'Lacks capacity for this decision', 'an easy-read leaflet', 'could not remember'])
        expect(main.toLowerCase()).toContain(text.toLowerCase());
      expect(main).toContain('Sam Okafor (Social worker)');
      expect(main).toContain('No best-interests decision recorded yet.');
      await expectNoAxeViolations(page, 'the capacity assessment');
    });

    it('records the best-interests decision: Sheila consulted, Joan’s wishes, the decision and why', async () => {
      const assessmentUrl = page.url();
      await page.getByRole('button', { name: 'Record a best-interests decision' }).click();
      await expectHeading(page, /Record a best-interests decision/);
      await expectNoAxeViolations(page, 'best-interests form');
      await page.locator('#consulted-0-name').fill('Sheila Parr');
      await page.locator('#consulted-0-role').fill('Friend, holds enduring power of attorney');
      await page
        .locator('#consulted-0-view')
        .fill(
          'Joan was unhappy in the care home; with support at home she is herself again. I will manage the payments.',
        );
      await page
        .getByLabel('Their past and present wishes and feelings')
        .fill('Joan has always said she wants to live in her own home, and to choose who helps her.');
      await page
        .getByLabel('What was decided')
        .fill(
          'Her personal budget is paid as a direct payment to Sheila as suitable person, to arrange support at home.',
        );
      await page
        .getByLabel('Why this is in their best interests')
        .fill('It keeps Joan at home as she wishes, with people she chooses; the care home did not suit her.');
      await page.getByLabel('Who made the decision').fill('Sam Okafor, social worker');
      await fillDate('decidedOn', daysAgo(3));
      await page.getByRole('button', { name: 'Save the decision' }).click();
      await arrive(page, assessmentUrl);
      const main = await mainText();
      expect(main).toContain('Sheila Parr (Friend, holds enduring power of attorney)');
      expect(main).toContain('wants to live in her own home, and to choose who helps her');
      expect(main).toContain('direct payment to Sheila as suitable person');
      expect(main).not.toContain('No best-interests decision recorded yet.');
      await expectNoAxeViolations(page, 'assessment with its best-interests decision');
    });

    it('records Sheila’s enduring power of attorney for property and financial affairs with its reference', async () => {
      await page.goto(capacity);
      await page.getByRole('button', { name: 'Record a power of attorney or deputyship' }).click();
      await expectHeading(page, /Record a power of attorney or deputyship/);
      await expectNoAxeViolations(page, 'power of attorney form');
      await page.getByLabel('Enduring power of attorney (made before October 2007)', { exact: true }).check();
      await page.getByLabel('Property and financial affairs', { exact: true }).check();
      await page.getByLabel('Names of the attorneys, or of the deputy').fill('Sheila Parr');
      await page.getByLabel('Reference', { exact: true }).fill(EPA_REFERENCE);
      await fillDate('registeredOn', { day: '14', month: '5', year: '2019' });
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await arrive(page, `${server.baseUrl}${capacity}`);
      const main = await mainText();
      expect(main).toContain('Enduring power of attorney (made before October 2007): property and financial affairs');
      expect(main).toContain(EPA_REFERENCE);
      expect(main).toContain('14 May 2019');
      // The assessment and its one best-interests decision are listed with it.
      const cells = await page
        .locator('tbody tr', { hasText: DECISION })
        .locator('td')
        .evaluateAll((tds) => tds.map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()));
      expect(cells.slice(1)).toEqual([`${DECISION}Consent to a direct payment`, 'Lacks capacity', '1']);
      // The page says, in one place, what a direct payment to a suitable person rests on.
      const directPayments = ((await page.locator('#direct-payments + p + dl').textContent()) ?? '').replace(
        /\s+/g,
        ' ',
      );
      expect(directPayments).toContain('Can they consent to a direct payment? Lacks capacity');
      expect(directPayments).toContain('Best-interests decision');
      expect(directPayments).toContain(
        `Power over their money Sheila Parr: Enduring power of attorney (made before October 2007), reference ${EPA_REFERENCE}`,
      );
      await expectNoAxeViolations(page, 'Joan’s capacity page with all three');
    });

    it('Joan’s record shows the finding and the power', async () => {
      await page.goto(`/people/${server.people.joan}/record/assessments`);
      // The record's capacity section: its heading (id "capacity") and the list under it.
      const text = ((await page.locator('#capacity + ul').textContent()) ?? '').replace(/\s+/g, ' ');
      expect(text).toContain('Consent to a direct payment: lacks capacity');
      expect(text).toContain(`Sheila Parr (${EPA_REFERENCE})`);
      await expectNoAxeViolations(page, 'Joan’s record');
    });

    it('the check the budgets issue makes before paying a suitable person answers from these records', async () => {
      // The capacity page shows this summary (above); the budgets issue will call the check itself. Ask it directly.
      const status = await withOrg(server.database.db, server.org.orgId, (tx) =>
        directPaymentConsentStatus(tx, server.people.joan!),
      );
      expect(status.lacksCapacity).toBe(true);
      expect(status.assessment).toMatchObject({ decision: DECISION, result: 'lacks_capacity' });
      expect(status.bestInterests?.consulted.map((c) => c.name)).toEqual(['Sheila Parr']);
      expect(status.powers).toEqual([
        expect.objectContaining({
          kind: 'epa',
          holders: 'Sheila Parr',
          reference: EPA_REFERENCE,
          registeredOn: '2019-05-14',
        }),
      ]);
    });
  },
);
