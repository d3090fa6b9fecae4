import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { passwordFor } from '../helpers/app.js';
import type { E2eServer } from './server.js';
import { arrive, expectHeading, expectNoAxeViolations } from './browser.js';

/** The steps S1 step 4's browser test takes on the assessment pages, for one signed-in page. */
export const today = () => {
  const [day, month, year] = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  })
    .format(new Date())
    .split('/');
  return { day: day!, month: month!, year: year! };
};

/** Words a page about Harold may hold that are not a label on him: his own refusal, and group names. */
const NOT_A_LABEL = [/\(does not want to be called a carer\)/g, /carers’ group/gi];

export function assessmentSteps(page: Page, server: E2eServer) {
  /** What a person reads in the main part of the page (innerText: blocks apart, hidden parts left out). */
  const mainText = async (p: Page = page) => (await p.locator('main').innerText()).replace(/\s+/g, ' ');

  async function signIn(p: Page, username: string): Promise<void> {
    await p.goto('/sign-in');
    await p.getByLabel('Username').fill(username);
    await p.getByLabel('Password').fill(passwordFor(username));
    await p.getByRole('button', { name: 'Sign in' }).click();
    await arrive(p, `${server.baseUrl}/`);
  }

  async function fillToday(prefix: string): Promise<void> {
    const { day, month, year } = today();
    await page.locator(`#${prefix}-day`).fill(day);
    await page.locator(`[name="${prefix}-month"]`).fill(month);
    await page.locator(`[name="${prefix}-year"]`).fill(year);
  }

  /** Tick one way an outcome is not achieved, and say it in words. */
  async function outcome(key: string, way: string, words: string): Promise<void> {
    await page.locator(`input[name="outcomes-${key}-ways"][value="${way}"]`).check();
    await page.locator(`[name="outcomes-${key}-words-${way}"]`).fill(words);
  }

  async function addParticipant(role: string, name: string, organisation: string, contribution: string) {
    const form = page.locator('details', { hasText: 'Add someone who took part' });
    if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
    await page.getByLabel('Their role').selectOption(role);
    await page.getByLabel('Their name').fill(name);
    await page.getByLabel('Their organisation (optional)').fill(organisation);
    await page.getByLabel('What they contributed').fill(contribution);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.waitForURL(/#participants$/);
  }

  /** Start the assessment that answers the person's waiting request, from its own page. */
  async function startFromRequest(personName: string): Promise<string> {
    await page.goto('/assessments');
    await page.getByRole('link', { name: `Start assessment for ${personName}` }).waitFor();
    const row = page.locator('main tr', { hasText: personName });
    await row.locator('a[href*="/assessment-requests/"]').click();
    await arrive(page, /\/assessment-requests\/[0-9a-f-]{36}$/);
    const requestUrl = page.url();
    await expectNoAxeViolations(page, `${personName}’s request`);
    await page.getByRole('button', { name: 'Start assessment' }).click();
    await expectHeading(page, /Start an assessment/);
    await expectNoAxeViolations(page, `start ${personName}’s assessment`);
    await page.getByLabel('Face to face', { exact: true }).check();
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await arrive(page, /\/assessments\/[0-9a-f-]{36}$/);
    expect(await mainText()).toContain('The assessment has been started');
    // The pages link each other: the assessment names its request, the request its assessment.
    expect(await page.locator('main a[href*="/assessment-requests/"]').getAttribute('href')).toBe(
      new URL(requestUrl).pathname,
    );
    return page.url();
  }

  async function writeStrengths(assessmentUrl: string, boxes: Record<string, string>): Promise<void> {
    await page.goto(`${assessmentUrl}/strengths`);
    await expectNoAxeViolations(page, 'strengths and needs form');
    for (const [name, text] of Object.entries(boxes)) await page.locator(`#${name}`).fill(text);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await arrive(page, `${assessmentUrl}/eligibility`);
  }

  async function complete(assessmentUrl: string): Promise<void> {
    await page.goto(assessmentUrl);
    await fillToday('completedOn');
    await page.getByRole('button', { name: 'Complete the assessment' }).click();
    await arrive(page, assessmentUrl);
    expect(await mainText()).toContain('The assessment has been completed');
  }

  /** Harold's pages never name him "carer": he has not accepted it. */
  async function expectNoCarerLabel(label: string): Promise<void> {
    let text = await mainText();
    for (const allowed of NOT_A_LABEL) text = text.replace(allowed, '');
    expect(text, `${label} calls Harold a carer`).not.toMatch(/\bcarer/i);
  }

  return {
    mainText,
    signIn,
    fillToday,
    outcome,
    addParticipant,
    startFromRequest,
    writeStrengths,
    complete,
    expectNoCarerLabel,
  };
}
