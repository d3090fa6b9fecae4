import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { passwordFor } from '../helpers/app.js';
import { issueToken } from '../helpers/matrix.js';
import { startE2eServer, type E2eServer } from './server.js';
import { arrive, expectHeading, expectNoAxeViolations, launchBrowser, skipBrowserTests } from './browser.js';

/**
 * Scenario S1 step 3 (tier 2) end to end: the hospital tells the council through the partner API
 * that Harold Jones has been admitted; Edna's early-identification trigger raises an alert and a
 * crisis episode opens for Edna with a response clock; Sam activates the Jones contingency plan (no
 * respite bed), which fills the episode from the plan; Sam records first contact, a check-in and a
 * short-term assessment, puts reablement in when Harold comes home, and steps Edna back down to
 * tier 1. The time to first contact and the episode's length are then on the episode and in the
 * figures. axe-core on every page.
 */
const HAROLD_NHS = '9990000018';
const london = (d: Date, part: 'date' | 'time') =>
  new Intl.DateTimeFormat(
    'en-GB',
    part === 'date'
      ? { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' }
      : { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  ).format(d);

describe.skipIf(skipBrowserTests())(
  'scenario S1 step 3 (tier 2) through the API and in Chromium',
  { timeout: 300_000 },
  () => {
    let server: E2eServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let token: string;
    let episodeId: string;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startE2eServer({ tier1: true }), launchBrowser()]);
      token = (await issueToken(server.database.db, server.org.orgId, ['partner-events:write'])).token;
      context = await browser.newContext({ baseURL: server.baseUrl });
      page = await context.newPage();
    }, 240_000);

    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await server?.close();
    });

    const partnerEvent = (body: Record<string, unknown>) =>
      fetch(`${server.baseUrl}/api/v1/partner-events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ednasEpisodes = () =>
      server.database.db
        .selectFrom('crisis_episode')
        .selectAll()
        .where('person_id', '=', server.people.mrsJones!)
        .execute();

    /** GOV.UK buttons that are links carry role="button", the workspace's do not: find either by text. */
    const clickLinkOrButton = (text: string) => page.locator('main a').filter({ hasText: text }).first().click();

    async function fillDate(prefix: string, date: Date): Promise<void> {
      const [day, month, year] = london(date, 'date').split('/');
      await page.locator(`#${prefix}-day`).fill(day!);
      await page.locator(`[name="${prefix}-month"]`).fill(month!);
      await page.locator(`[name="${prefix}-year"]`).fill(year!);
    }

    it('the hospital reports Harold’s admission through the API; an episode opens for Edna, once', async () => {
      const admission = {
        external_id: 'NWA-ADM-2026-0042',
        event_type: 'admission',
        nhs_number: HAROLD_NHS,
        occurred_at: new Date(Date.now() - 3_600_000).toISOString(),
        source_organisation: 'North West Anglia NHS Foundation Trust',
        details: 'Emergency admission overnight: COPD exacerbation',
      };
      const first = await partnerEvent(admission);
      expect(first.status, await first.clone().text()).toBeLessThan(300);
      const again = await partnerEvent(admission);
      expect(again.status).toBeLessThan(300);
      const episodes = await ednasEpisodes();
      expect(episodes).toHaveLength(1);
      expect(episodes[0]).toMatchObject({ source: 'partner_event', status: 'open', first_contact_at: null });
      episodeId = episodes[0]!.id;
      // The call came in half an hour ago, so first contact can be recorded at the current minute.
      await server.database.db
        .updateTable('crisis_episode')
        .set({
          referred_at: new Date(Date.now() - 1_800_000),
          response_due_at: new Date(Date.now() - 1_800_000 + episodes[0]!.response_minutes * 60_000),
        })
        .where('id', '=', episodeId)
        .execute();
    });

    it('Sam sees the alert and the episode with its clock on the crisis board', async () => {
      await page.goto('/sign-in');
      await page.getByLabel('Username').fill('sam.practitioner');
      await page.getByLabel('Password').fill(passwordFor('sam.practitioner'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await arrive(page, `${server.baseUrl}/`);

      await page.getByRole('link', { name: 'At-risk register', exact: true }).first().click();
      expect(await page.locator('main').textContent()).toContain('Edna Jones');
      await expectNoAxeViolations(page, 'register with the alert');

      await page.getByRole('link', { name: 'Crisis board', exact: true }).first().click();
      await arrive(page, '**/crisis');
      await expectNoAxeViolations(page, 'crisis board');
      await page
        .getByRole('link', { name: /Edna Jones/ })
        .first()
        .click();
      await arrive(page, `**/crisis/episodes/${episodeId}`);
      await expectHeading(page, /Crisis episode/);
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain('North West Anglia NHS Foundation Trust');
      expect(main).toMatch(/Within 4 hours/);
      await expectNoAxeViolations(page, 'episode page before first contact');
    });

    it('Sam activates the Jones contingency plan: the episode is filled from it, nobody asks again', async () => {
      await page.goto(`/people/${server.people.mrsJones}/contingency-plans`);
      await clickLinkOrButton('Activate the plan');
      await expectHeading(page, /Activate the contingency plan/);
      await expectNoAxeViolations(page, 'activate the plan');
      await page.getByLabel('If Harold is admitted to hospital').check();
      await page
        .locator('#note')
        .fill('The hospital called: Harold was admitted overnight. Carol is on her way; Pat is with Edna.');
      await page.getByRole('button', { name: 'Activate the plan' }).click();
      await page
        .getByRole('link', { name: /crisis episode/i })
        .first()
        .click();
      await arrive(page, `**/crisis/episodes/${episodeId}`);
      const main = (await page.locator('main').textContent()) ?? '';
      for (const text of [
        'From the contingency plan agreed on',
        'If Harold is admitted to hospital',
        'Carol Jones',
        'Home support twice a day',
      ])
        expect(main).toContain(text);
      expect(await ednasEpisodes()).toHaveLength(1);
      await expectNoAxeViolations(page, 'episode filled from the plan');
    });

    it('Sam records first contact within the response time, and a check-in', async () => {
      await clickLinkOrButton('Record first contact');
      await expectNoAxeViolations(page, 'first contact form');
      const now = new Date();
      await fillDate('at', now);
      await page.locator('#atTime').fill(london(now, 'time'));
      await page.getByLabel('Phone call', { exact: true }).check();
      await page
        .locator('#note')
        .fill('Spoke with Carol, who is with Edna. Edna is calm; home support to start tomorrow as the plan says.');
      await page.getByRole('button', { name: 'Record first contact' }).click();
      await arrive(page, `**/crisis/episodes/${episodeId}`);
      const [episode] = await ednasEpisodes();
      expect(episode!.first_contact_at).not.toBeNull();
      expect(episode!.first_contact_at!.getTime()).toBeLessThanOrEqual(episode!.response_due_at.getTime());

      await clickLinkOrButton('Record a check-in');
      await expectNoAxeViolations(page, 'check-in form');
      await fillDate('heldOn', new Date());
      await page.getByLabel('Visit', { exact: true }).check();
      await page.locator('#isWorking').fill('Yes: Carol stayed overnight and the morning visit came on time');
      await page.locator('#coping').fill('Edna is settled with her radio on; Carol is tired but managing');
      await page.locator('#needsToChange').fill('Carol needs a night at home on Friday: emergency carer cover');
      await page.getByRole('button', { name: 'Save the check-in' }).click();
      await arrive(page, `**/crisis/episodes/${episodeId}`);
      expect(await page.locator('main').textContent()).toContain('Carol needs a night at home on Friday');
      await expectNoAxeViolations(page, 'episode with a check-in');
    });

    it('Sam records a short-term assessment of what Edna needs while Harold is away', async () => {
      await clickLinkOrButton('Record a short-term assessment');
      await expectNoAxeViolations(page, 'short-term assessment form');
      await fillDate('startedOn', new Date());
      await fillDate('completedOn', new Date());
      await page.locator('input[name="method"][value="Face to face"]').check();
      await page
        .locator('#strengths')
        .fill('Edna knows her own routines when they are kept; Carol and the Webbs are close by');
      await page
        .locator('#needs')
        .fill('Help to wash and dress each morning, and someone overnight until Harold is home');
      await page.locator('input[name="outcome"][value="Progress to reablement/ST-Max"]').check();
      await page.getByRole('button', { name: 'Save the assessment' }).click();
      await arrive(page, `**/crisis/episodes/${episodeId}`);
      expect(await page.locator('main').textContent()).toContain('Help to wash and dress each morning');
      const assessment = await server.database.db
        .selectFrom('person_event')
        .select(['assessment_type'])
        .where('person_id', '=', server.people.mrsJones!)
        .where('event_type', '=', 'Assessment')
        .execute();
      expect(assessment.map((a) => a.assessment_type)).toContain('Short term assessment');
    });

    it('Harold comes home: reablement goes in, and the discharge opens nothing new', async () => {
      const discharge = await partnerEvent({
        external_id: 'NWA-DIS-2026-0042',
        event_type: 'discharge',
        nhs_number: HAROLD_NHS,
        occurred_at: new Date().toISOString(),
        source_organisation: 'North West Anglia NHS Foundation Trust',
        details: 'Discharged home',
      });
      expect(discharge.status).toBeLessThan(300);
      expect((await ednasEpisodes()).filter((e) => e.status === 'open')).toHaveLength(1);

      await page.goto(`/crisis/episodes/${episodeId}`);
      await clickLinkOrButton('Put support in');
      await expectNoAxeViolations(page, 'support form');
      await page.locator('input[name="kind"][value="reablement"]').check();
      await page
        .locator('#description')
        .fill('Reablement visits morning and evening for Harold and Edna now Harold is home');
      await page.locator('#provider').fill('Fenshire Reablement Service');
      await fillDate('startsOn', new Date());
      await page.getByRole('button', { name: 'Add the support' }).click();
      await arrive(page, `**/crisis/episodes/${episodeId}`);
      expect(await page.locator('main').textContent()).toContain('Fenshire Reablement Service');
      const services = await server.database.db
        .selectFrom('person_event')
        .select(['service_type'])
        .where('person_id', '=', server.people.mrsJones!)
        .where('source_module', '=', 'crisis-service')
        .execute();
      expect(services.map((s) => s.service_type)).toContain('Short term support: ST-Max');
    });

    it('Sam steps Edna down to tier 1; the episode shows time to first contact and its length', async () => {
      await clickLinkOrButton('Close the episode');
      await expectNoAxeViolations(page, 'close form');
      // A closure without what followed is refused, nothing saved.
      await page.locator('input[name="route"][value="step_down"]').check();
      await page.getByRole('button', { name: 'Close the episode' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      expect((await ednasEpisodes())[0]!.status).toBe('open');
      await expectNoAxeViolations(page, 'close form with errors');

      await page.locator('input[name="route"][value="step_down"]').check();
      await page
        .locator('#connectionNote')
        .fill('Memory café on Thursdays; Carers’ Trust support group for Carol; Harold back to his French class');
      await page.locator('input[name="planReviewed"][value="yes"]').check();
      await page.locator('input[name="whatFollowed"][value="no_further_support"]').check();
      await fillDate('closedOn', new Date());
      await page.getByRole('button', { name: 'Close the episode' }).click();
      await arrive(page, `**/crisis/episodes/${episodeId}`);
      const [episode] = await ednasEpisodes();
      expect(episode).toMatchObject({
        status: 'closed',
        close_route: 'step_down',
        what_followed: 'no_further_support',
        plan_reviewed: true,
      });
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain('(ended)');
      expect(main).toMatch(
        /\d+ minutes? from referral to first contact|\d+ hours?( \d+ minutes?)? from referral to first contact/,
      );
      expect(main).toMatch(/Length of the episode\s*0 days/);
      await expectNoAxeViolations(page, 'closed episode');

      const request = await server.database.db
        .selectFrom('person_event')
        .select(['event_type', 'event_outcome', 'end_date'])
        .where('id', '=', episode!.cld_request_event_id!)
        .executeTakeFirstOrThrow();
      // The request was decided when reablement went in (not at the close): its sequel is the ST-Max.
      expect(request).toMatchObject({ event_type: 'Request', event_outcome: 'Progress to reablement/ST-Max' });
      expect(request.end_date).not.toBeNull();
      const services = await server.database.db
        .selectFrom('person_event')
        .select(['service_type', 'event_outcome'])
        .where('person_id', '=', server.people.mrsJones!)
        .where('source_module', '=', 'crisis-service')
        .where('service_type', '=', 'Short term support: ST-Max')
        .where('recorded_in_error_at', 'is', null)
        .execute();
      // The closing outcome belongs on the reablement the episode ended.
      expect(services.map((s) => s.event_outcome)).toContain('NFA: Support ended as planned');

      await page.goto(`/people/${server.people.mrsJones}/timeline`);
      expect(await page.locator('main').textContent()).toMatch(/[Cc]risis/);
      await expectNoAxeViolations(page, 'Edna’s timeline');
    });

    it('a manager sees the episode in the figures: time to first contact and episode length', async () => {
      const manager = await browser.newContext({ baseURL: server.baseUrl });
      try {
        const p = await manager.newPage();
        await p.goto('/sign-in');
        await p.getByLabel('Username').fill('priya.manager');
        await p.getByLabel('Password').fill(passwordFor('priya.manager'));
        await p.getByRole('button', { name: 'Sign in' }).click();
        await arrive(p, `${server.baseUrl}/`);
        await p.goto('/crisis/figures');
        const text = (await p.locator('main').textContent()) ?? '';
        expect(text).toMatch(/first contact/i);
        expect(text).toMatch(/length/i);
        expect(text).toContain('Fenland North');
        await expectNoAxeViolations(p, 'crisis figures');
      } finally {
        await manager.close();
      }
    });
  },
);
