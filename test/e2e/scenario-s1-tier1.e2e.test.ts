import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { passwordFor } from '../helpers/app.js';
import { startE2eServer, type E2eServer } from './server.js';
import {
  arrive,
  expectHeading,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  launchBrowser,
  skipBrowserTests,
} from './browser.js';

/**
 * Scenario S1 steps 1–2 (Mr and Mrs Jones, tier 1) in a real browser, as a practitioner would do
 * it: find Harold Jones; record a strengths-based conversation with him (network, what matters,
 * information given, a peer group for couples living with dementia, a follow-up in two weeks);
 * see that he is recorded as providing care without being called a carer; put Edna on the
 * "at risk if anything changes" register with the trigger "if Harold is admitted to hospital";
 * agree a contingency plan with Harold, Edna and their daughter. axe-core on every page.
 */
describe.skipIf(skipBrowserTests())('scenario S1 steps 1–2 in Chromium', { timeout: 300_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const nextYear = String(new Date().getFullYear() + 1);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    context = await browser.newContext({ baseURL: server.baseUrl });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  /** Choose the option of a select whose text contains `text`. */
  /** Open one of the record's tabs from its sub navigation. */
  async function recordTab(name: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Record sections' }).getByRole('link', { name, exact: true }).click();
    await page.waitForLoadState();
  }

  async function selectContaining(selector: string, text: string): Promise<void> {
    const value = await page
      .locator(`${selector} option`)
      .evaluateAll(
        (options, wanted) =>
          (options as HTMLOptionElement[]).find((o) => o.textContent?.includes(wanted))?.value ?? null,
        text,
      );
    expect(value, `an option containing “${text}” in ${selector}`).not.toBeNull();
    await page.locator(selector).selectOption(value!);
  }

  async function fillDate(prefix: string, day: string, month: string, year: string): Promise<void> {
    await page.locator(`#${prefix}-day`).fill(day);
    await page.locator(`[name="${prefix}-month"]`).fill(month);
    await page.locator(`[name="${prefix}-year"]`).fill(year);
  }

  it('step 1: sam finds Harold Jones and records a tier-one conversation', async () => {
    await page.goto('/sign-in');
    await expectHeading(page, 'Sign in');
    await expectNoAxeViolations(page, 'sign-in');
    await page.getByLabel('Username').fill('sam.practitioner');
    await page.getByLabel('Password').fill(passwordFor('sam.practitioner'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await arrive(page, `${server.baseUrl}/`);

    await page.getByRole('link', { name: 'People', exact: true }).first().click();
    await arrive(page, '**/people');
    await page.getByLabel('Name, NHS number, date of birth or postcode').fill('Harold Jones');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#results').waitFor();
    await expectNoAxeViolations(page, 'search results');
    await page.getByRole('link', { name: 'Harold Jones' }).click();
    await arrive(page, `**/people/${server.people.mrJones}`);
    await expectHeading(page, /Harold Jones/);
    await expectNoAxeViolations(page, 'Harold Jones record');

    await recordTab('Conversations and plans');
    await arrive(page, `**/people/${server.people.mrJones}/conversations-and-plans`);
    await expectNoAxeViolations(page, 'Harold Jones conversations and plans');
    await page.getByRole('link', { name: 'Record a conversation' }).click();
    await arrive(page, `**/people/${server.people.mrJones}/conversations/new`);
    await expectHeading(page, /Record a conversation/);
    await expectNoAxeViolations(page, 'conversation form');
    await page.locator('#whatMatters').fill('Staying at home with Edna; his garden; teaching French again one day');
    await page
      .locator('#strengths')
      .fill('Knows Edna’s routines better than anyone; organised; a keen gardener; still drives short distances');
    // His network: his daughter Carol and the neighbours, Pat and Dave.
    await page
      .getByRole('group', { name: /Who helps or matters to them/ })
      .getByLabel(/Carol Jones/)
      .check();
    await page
      .getByRole('group', { name: /Who helps or matters to them/ })
      .getByLabel(/Pat and Dave Webb/)
      .check();
    await page
      .locator('#networkNotes')
      .fill('Carol lives ten miles away and visits at weekends; Pat and Dave next door have a key and pop in daily');
    await page
      .locator('#worries')
      .fill('His breathing (COPD) is getting worse; who would look after Edna if he went into hospital');
    await page
      .locator('#adviceNotes')
      .fill('Told them about carers’ support, the memory café and planning ahead with a contingency plan');
    await page.locator('#connection1Name').fill('Peer group for couples living with dementia');
    await page.locator('#connection1Agreed').fill('Carol will take them to the first meeting');
    await page
      .getByLabel(/information and advice/i)
      .first()
      .check();
    await page.locator('#followUpWhat').fill('Call Mr Jones to see how the peer group went');
    await page.getByLabel('In two weeks').check();
    await page.getByRole('button', { name: 'Save the conversation' }).click();
    await arrive(page, new RegExp(`/people/${server.people.mrJones}/conversations/[0-9a-f-]{36}$`));
    const saved = (await page.locator('main').textContent()) ?? '';
    for (const text of [
      'Peer group for couples living with dementia',
      'Carol Jones',
      'Pat and Dave Webb',
      'Call Mr Jones to see how the peer group went',
    ])
      expect(saved).toContain(text);
    await expectNoAxeViolations(page, 'saved conversation');
  });

  it('step 1: Harold is recorded as providing care for Edna, never labelled a carer against his wishes', async () => {
    await page.goto(`/people/${server.people.mrsJones}/network`);
    await expectHeading(page, /Edna Jones\s*Network/);
    const network = (await page.locator('main').textContent()) ?? '';
    expect(network).toContain('Provides care (does not want to be called a carer)');
    const haroldRow = await page
      .locator('main li, main tr, main .govuk-summary-list__row')
      .filter({ hasText: 'Harold Jones' })
      .allTextContents();
    expect(haroldRow.join(' ')).not.toMatch(/\bCarer\b/);
    await expectNoAxeViolations(page, 'Edna Jones network');
  });

  it('step 1: Edna goes on the early-identification register with the trigger “if Harold is admitted to hospital”', async () => {
    await recordTab('Conversations and plans');
    await page.getByRole('link', { name: /at risk if anything changes/ }).click();
    await arrive(page, `**/people/${server.people.mrsJones}/early-identification/new`);
    await expectNoAxeViolations(page, 'register form');
    await page.getByLabel('GP practice').check();
    await page.locator('#referrerName').fill('Dr Anita Rao');
    await page.locator('#referrerOrganisation').fill('Riverside Medical Practice');
    await page
      .locator('#reason')
      .fill('Edna has dementia and is looked after at home by Harold, whose COPD is getting worse');
    await page.getByLabel('Dementia or memory problems').check();
    await page.getByLabel('Their carer’s health is getting worse').check();
    await page.getByLabel('Yes, they have agreed').check();
    await page.locator('#consentRecordedBy').fill('Sam Practitioner');
    const today = new Date();
    await fillDate(
      'consentRecordedOn',
      String(today.getDate()),
      String(today.getMonth() + 1),
      String(today.getFullYear()),
    );
    await selectContaining('#triggers-0-eventType', 'Admitted to hospital');
    await selectContaining('#triggers-0-relatedPersonId', 'Harold');
    await page.locator('#triggers-0-description').fill('If Harold is admitted to hospital');
    await fillDate('reviewDate', '1', '3', nextYear);
    await selectContaining('#patchId', 'Fenland North');
    await page.getByRole('button', { name: 'Add to the register' }).click();
    await arrive(page, new RegExp(`/people/${server.people.mrsJones}/early-identification/[0-9a-f-]{36}$`));
    expect(await page.locator('main').textContent()).toContain('If Harold is admitted to hospital');
    await expectNoAxeViolations(page, 'register entry');
  });

  it('step 2: a contingency plan is agreed with Harold, Edna and their daughter (after fixing a mistake)', async () => {
    await page.goto(`/people/${server.people.mrsJones}`);
    await recordTab('Conversations and plans');
    await page.getByRole('link', { name: 'Contingency plan' }).click();
    await arrive(page, `**/people/${server.people.mrsJones}/contingency-plans`);
    await expectHeading(page, 'Contingency plan');
    expect(await page.locator('main').textContent()).toContain('does not have a contingency plan yet');
    await expectNoAxeViolations(page, 'no plan yet');
    await page.getByRole('button', { name: 'Agree a contingency plan' }).click();
    await arrive(page, '**/contingency-plans/new');
    await expectHeading(page, /Agree a contingency plan/);
    await expectNoAxeViolations(page, 'plan form');

    await page.locator('#situations-0-situation').fill('If Harold is admitted to hospital');
    await page
      .locator('#situations-0-whatShouldHappen')
      .fill(
        'Edna stays at home. Carol comes that day and stays the first nights; Pat and Dave sit with Edna until she arrives. Home support morning and evening from the next day.',
      );
    await page.locator('#wants').fill('To stay in her own home with her own things around her');
    await page
      .locator('#doesNotWant')
      .fill('No respite bed unless Carol cannot stay and home support cannot start within a day');
    await page
      .locator('#increasesDistress')
      .fill('New faces arriving without warning; noise in the evening; being rushed');
    await page
      .locator('#reducesDistress')
      .fill('Her radio; tea in her own cup; the same carers each time, who say who they are at the door');
    await selectContaining('#helpers-0-relationshipId', 'Carol Jones');
    await page
      .locator('#helpers-0-does')
      .fill('Comes that day and stays the first nights; drives Edna to visit Harold');
    await selectContaining('#helpers-1-relationshipId', 'Pat and Dave Webb');
    await page.locator('#helpers-1-does').fill('Sit with Edna until Carol arrives; pop in each morning');
    await page.locator('#callList-0-name').fill('Fenland North duty team');
    await page.locator('#callList-0-phone').fill('01632 960 100');
    await page.locator('#support-0-what').fill('Home support twice a day');
    await page.locator('#support-0-providedBy').fill('Nene Valley Care Ltd');
    await page.getByLabel('Edna agreed the plan').check();
    await page.locator('#agreedWithOthers').fill('Harold Jones (husband), Carol Jones (daughter)');
    const today = new Date();
    await fillDate('agreedOn', String(today.getDate()), String(today.getMonth() + 1), String(today.getFullYear()));
    // A mistake first: a review date that is not a real date.
    await fillDate('reviewDate', '31', '2', nextYear);
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await expect(page.locator('.govuk-error-summary a[href="#reviewDate-day"]').textContent()).resolves.toContain(
      'Review date must be a real date',
    );
    // What was typed is kept.
    await expect(page.locator('#doesNotWant').inputValue()).resolves.toContain(
      'No respite bed unless Carol cannot stay',
    );
    await expectNoAxeViolations(page, 'plan form with an error');

    await fillDate('reviewDate', '28', '2', nextYear);
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await arrive(page, new RegExp(`/people/${server.people.mrsJones}/contingency-plans$`));
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(
      'The contingency plan has been saved',
    );
    const plan = (await page.locator('main').textContent()) ?? '';
    for (const text of [
      'If Harold is admitted to hospital',
      'No respite bed unless Carol cannot stay',
      'Carol Jones',
      'Pat and Dave Webb',
      '01632 960 100',
      'Edna, Harold Jones (husband), Carol Jones (daughter)',
      'Home support twice a day',
      'Version 1',
    ]) {
      expect(plan).toContain(text);
    }
    await expectNoAxeViolations(page, 'agreed plan');
    // The plan is printable: the buttons are hidden from print.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Change the plan' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`/people/${server.people.mrsJones}/timeline`);
    expect(await page.locator('main').textContent()).toContain('Contingency plan agreed');
    await expectNoAxeViolations(page, 'Edna’s timeline');
  });

  it('step 2 without JavaScript: another person can be added to the plan form, and nothing typed is lost', async () => {
    const noJs = await browser.newContext({ baseURL: server.baseUrl, javaScriptEnabled: false });
    const mirrorContext = await browser.newContext({ baseURL: server.baseUrl });
    try {
      const p = await noJs.newPage();
      const mirror = await mirrorContext.newPage();
      await p.goto('/sign-in');
      await p.getByLabel('Username').fill('sam.practitioner');
      await p.getByLabel('Password').fill(passwordFor('sam.practitioner'));
      await p.getByRole('button', { name: 'Sign in' }).click();
      await arrive(p, `${server.baseUrl}/`);
      await p.goto(`/people/${server.people.mrJones}/contingency-plans/new`);
      await expectHeading(p, /Agree a contingency plan/);
      await p.locator('#wants').fill('To keep looking after Edna at home');
      expect(await p.locator('[name^="helpers-"][name$="-does"]').count()).toBe(2);
      await p.getByRole('button', { name: 'Add another person' }).click();
      await p.locator('#helpers-2-does').waitFor();
      await expect(p.locator('#wants').inputValue()).resolves.toBe('To keep looking after Edna at home');
      await expectNoAxeViolationsWithoutJs(p, mirror, 'plan form without JavaScript');
    } finally {
      await mirrorContext.close();
      await noJs.close();
    }
  });
});
