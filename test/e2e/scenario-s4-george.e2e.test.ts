import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { passwordFor } from '../helpers/app.js';
import { startE2eServer, type E2eServer } from './server.js';
import { arrive, expectHeading, expectNoAxeViolations, launchBrowser, skipBrowserTests } from './browser.js';

/**
 * Scenario S4 end to end: George Barker, 69, a wheelchair user who lives alone. His social worker
 * records his history with him and his carers' appreciations of him, in their words; what is
 * important to and for him; what is working and not working from his, his family's and staff's
 * points of view; good days and bad days; and two pieces of support side by side — a neighbour who
 * walks his new dog (unpaid) and home adaptations (once only, from his council-managed budget). She
 * reads the one-page profile, opens the printable plan (sections, costing table in plain English,
 * the print stylesheet), and a manager's later change shows in the plan's history with who made it.
 * Bad input on the support form is refused with a GOV.UK error summary and nothing is saved.
 * axe-core on every page.
 */
const APPRECIATIONS =
  '“George is the funniest man on my round: he always has a joke ready when I come in.” (Dawn, his carer)\n' +
  '“He never gives up, even on the bad days.” (Mo, district nurse)';
const HISTORY =
  'I was a lorry driver for forty years, all over Europe. I have always had a dog until the last one died. ' +
  'Since the wheelchair I cannot get to my bed, so I sleep in the chair.';
const ADAPTATIONS = 'Home adaptations: a wider bedroom door and a ramp to the back garden';
const DOG_WALKING = 'Walks George’s dog every morning';

describe.skipIf(skipBrowserTests())('scenario S4 (George) in Chromium', { timeout: 300_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    context = await browser.newContext({ baseURL: server.baseUrl });
    page = await context.newPage();
    base = `/people/${server.people.george}/support-plan`;
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
      .where('person_id', '=', server.people.george!)
      .orderBy('version')
      .execute();
  const mainText = async (p: Page = page) => ((await p.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
  /** A table's body rows, each as its non-empty cells' texts joined by single spaces. */
  const tableRows = (caption: string) =>
    page
      .locator('table', { has: page.locator('caption', { hasText: caption }) })
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) =>
          [...row.querySelectorAll('th, td')]
            .map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())
            .filter(Boolean)
            .join(' '),
        ),
      );

  async function signIn(p: Page, username: string): Promise<void> {
    await p.goto('/sign-in');
    await p.getByLabel('Username').fill(username);
    await p.getByLabel('Password').fill(passwordFor(username));
    await p.getByRole('button', { name: 'Sign in' }).click();
    await arrive(p, `${server.baseUrl}/`);
  }

  /** Open a profile section's form from the plan, fill its boxes, say who wrote it, save. */
  async function writeSection(title: string, boxes: [label: string, text: string][], writtenBy: string) {
    await page.goto(base);
    await page.getByRole('link', { name: `Write ${title}`, exact: true }).click();
    await expectHeading(page, title);
    await expectNoAxeViolations(page, `form: ${title}`);
    for (const [label, text] of boxes) await page.getByLabel(label, { exact: true }).fill(text);
    await page.getByLabel(writtenBy, { exact: true }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}`);
    expect(await mainText()).toContain('The plan has been saved as version');
  }

  it('Sam opens George’s record and goes to his support plan', async () => {
    await signIn(page, 'sam.practitioner');
    await page.goto(`/people/${server.people.george}`);
    await expectHeading(page, /George Barker/);
    // The record's Plan tab is the support plan page.
    await page
      .getByRole('navigation', { name: 'Record sections' })
      .getByRole('link', { name: 'Plan', exact: true })
      .click();
    await arrive(page, `${server.baseUrl}${base}`);
    await expectHeading(page, 'Support plan');
    expect(await mainText()).toContain('George does not have a support plan yet');
    await expectNoAxeViolations(page, 'empty support plan');
  });

  it('records his history and his carers’ appreciations in the words of the people who said them', async () => {
    await writeSection('My history', [['Their history, as they tell it', HISTORY]], 'The person');
    await writeSection(
      'What people like and admire about me',
      [['What people like and admire about them', APPRECIATIONS]],
      'Staff',
    );
    const main = await mainText();
    expect(main).toContain('I was a lorry driver for forty years');
    expect(main).toContain('“George is the funniest man on my round');
    expect(main).toContain('(Mo, district nurse)');
    expect(main).toContain('Written by: The person');
    expect(main).toContain('Written by: Staff');
    await expectNoAxeViolations(page, 'plan with history and appreciations');
  });

  it('records what is important to and for him, working and not working from three points of view, good and bad days', async () => {
    await writeSection(
      'What is important to me and for me',
      [
        ['What is important to them', 'Staying in my own bungalow. Having a dog again. A laugh with whoever comes.'],
        ['What is important for them', 'Sleeping in his bed, not the wheelchair; a clean, safe home; clean clothes.'],
      ],
      'The person',
    );
    await writeSection(
      'What is working and not working',
      [
        ['What is working, from their point of view', 'Choosing when help comes, week by week.'],
        ['What is not working, from their point of view', 'I cannot get through the bedroom door in the chair.'],
        ['What is working, from their family’s point of view', 'George does not see his family; none recorded.'],
        ['What is not working, from their family’s point of view', 'No contact with his family.'],
        ['What is working, from staff’s point of view', 'He is calmer when the same two carers come.'],
        [
          'What is not working, from staff’s point of view',
          'Carers could not go in safely while the home was unclean.',
        ],
      ],
      'Staff',
    );
    await writeSection(
      'Good days and bad days',
      [
        ['What makes a good day', 'A walk out with the dog, a chat over the fence, a night in my own bed.'],
        ['What makes a bad day', 'Visits at times I did not choose; being stuck indoors.'],
      ],
      'The person',
    );
    const main = await mainText();
    for (const text of [
      'Having a dog again',
      'I cannot get through the bedroom door in the chair.',
      'No contact with his family.',
      'He is calmer when the same two carers come.',
      'a night in my own bed',
    ])
      expect(main).toContain(text);
  });

  it('refuses a support item with bad answers: GOV.UK error summary, nothing saved', async () => {
    const before = await planVersions();
    await page.goto(base);
    await page.getByRole('link', { name: 'Add support', exact: true }).click();
    await expectHeading(page, 'Add support to the plan');
    await page.getByLabel('What the support is').fill(ADAPTATIONS);
    await page.getByLabel('Personal budget', { exact: true }).check();
    await page.getByLabel('Price each time or each unit').fill('about two thousand');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    const errors = (await summary.textContent()) ?? '';
    expect(errors).toContain('Select who gives this support');
    expect(errors).toContain('Select how often');
    expect(errors).toContain('The price must be an amount in pounds, like 12.50');
    // What was typed is kept, and the first error links to its box.
    expect(await page.getByLabel('What the support is').inputValue()).toBe(ADAPTATIONS);
    expect(await page.locator('.govuk-error-message').count()).toBeGreaterThanOrEqual(3);
    await expectNoAxeViolations(page, 'support form with errors');
    expect(await planVersions()).toEqual(before);
  });

  it('adds home adaptations (once only, from his budget) and a neighbour who walks his dog (unpaid)', async () => {
    await page.getByLabel('Their name').fill('Fenshire Home Improvement Agency');
    await page.getByLabel('Someone else', { exact: true }).check();
    await page.getByLabel('When', { exact: true }).fill('Before the end of March');
    await page.getByLabel('Once only', { exact: true }).check();
    await page.getByLabel('Price each time or each unit').fill('1850');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}`);

    await page.getByRole('link', { name: 'Add support', exact: true }).click();
    await page.getByLabel('What the support is').fill(DOG_WALKING);
    await page.getByLabel('A neighbour', { exact: true }).check();
    await page.getByLabel('Their name').fill('Ray next door');
    await page.getByLabel('When', { exact: true }).fill('Mornings, before Ray goes to work');
    await page.getByLabel('Every week', { exact: true }).check();
    await page.getByLabel('Unpaid: family, friends, neighbours or volunteers', { exact: true }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}`);

    const main = await mainText();
    expect(main).toContain('Ray next door (a neighbour)');
    expect(main).toContain('Fenshire Home Improvement Agency (someone else)');
    expect(main).toContain('Before the end of March, once only');
    await expectNoAxeViolations(page, 'plan with support');
  });

  it('shows the one-page profile from what was written', async () => {
    await page.getByRole('link', { name: 'One-page profile', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}/profile`);
    await expectHeading(page, /One-page profile\s*George Barker/);
    const headings = await page.locator('main .tl-plan-part h2').allTextContents();
    expect(headings).toEqual([
      'What people like and admire about me',
      'What is important to me and for me',
      'My history',
      'Good days and bad days',
      'What is working and not working',
    ]);
    expect(await mainText()).toContain('“He never gives up, even on the bad days.” (Mo, district nurse)');
    await expectNoAxeViolations(page, 'one-page profile');
  });

  it('prints the whole plan: its sections and the costing table in plain English, with the print stylesheet', async () => {
    await page.goto(base);
    await page.getByRole('link', { name: 'Print the whole plan', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}/print`);
    await expectHeading(page, /George Barker\s*Support plan/);
    const stylesheet = page.locator('link[rel="stylesheet"][href="/support-plan/print.css"]');
    expect(await stylesheet.count()).toBe(1);
    const css = await page.request.get('/support-plan/print.css');
    expect(css.status()).toBe(200);
    expect(await css.text()).toContain('@media print');

    const main = await mainText();
    for (const heading of [
      'About George',
      'My history',
      'What people like and admire about me',
      'What is working and not working',
      'Good days and bad days',
      'Support',
      'What the budget pays for',
    ])
      expect(main).toContain(heading);
    // Nothing to change on paper: no "Write" or "Change" links.
    expect(await page.locator('main a', { hasText: /^(Write|Change)/ }).count()).toBe(0);

    const costing = page.locator('table', { has: page.locator('caption', { hasText: 'Costing' }) });
    const rows = await tableRows('Costing');
    expect(rows).toContain(`${ADAPTATIONS} once only £35.58 £1,850.00`);
    expect(rows).toContain('Total cost £35.58 £1,850.00');
    expect(main).toContain('Support not paid from the budget');
    expect(main).toContain(DOG_WALKING);
    // The rules are open on paper, in words.
    expect(main).toContain('A one-off item is counted once, in the plan year.');
    expect(await page.locator('details[open]').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'printable plan');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.govuk-header').isVisible()).toBe(false);
    expect(await costing.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('the plan’s history names who changed what, a manager’s change included', async () => {
    const manager = await browser.newContext({ baseURL: server.baseUrl });
    const priya = await manager.newPage();
    try {
      await signIn(priya, 'priya.manager');
      await priya.goto(`${base}/profile/days`);
      await priya
        .getByLabel('What makes a bad day', { exact: true })
        .fill('Visits at times I did not choose; no dog walk.');
      await priya.getByRole('button', { name: 'Save', exact: true }).click();
      await arrive(priya, `${server.baseUrl}${base}`);
      await expectNoAxeViolations(priya, 'plan after the manager’s change');
    } finally {
      await manager.close();
    }

    await page.goto(base);
    const rows = await tableRows('Every version');
    expect(rows).toHaveLength((await planVersions()).length);
    expect(rows[0]).toMatch(/^Version 8 Good days and bad days Priya Shah/);
    expect(rows.at(-1)).toMatch(/^Version 1 My history Sam Okafor/);
    expect(rows.some((r) => r.includes(`Support: ${DOG_WALKING} Sam Okafor`))).toBe(true);

    await page.getByRole('link', { name: 'Version 8', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}/versions/8`);
    const main = await mainText();
    expect(main).toContain('Good days and bad days: saved by Priya Shah');
    const changed = (await tableRows('What changed from version 7')).join(' ');
    expect(changed).toContain('being stuck indoors');
    expect(changed).toContain('no dog walk');
    await expectNoAxeViolations(page, 'version 8 of the plan');
  });
});
