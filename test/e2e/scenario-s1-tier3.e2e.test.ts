import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { passwordFor } from '../helpers/app.js';
import { seedCrisis } from '../../src/seed/crisis.js';
import { seedAssessmentRequests } from '../../src/seed/assessment-requests.js';
import { seedAllocations } from '../../src/seed/allocations.js';
import { seedCasework } from '../../src/seed/casework.js';
import { startE2eServer, type E2eServer } from './server.js';
import { arrive, expectHeading, expectNoAxeViolations, launchBrowser, skipBrowserTests } from './browser.js';
import { PAID, UNPAID, planSupport } from './scenario-s1-tier3-plan.js';

/**
 * Scenario S1 step 4 (tier 3) end to end, from the demo county as it is: Edna and Harold Jones each
 * have a request waiting (Harold's about the care he gives), and their tier 1 contingency plan exists.
 * Sam assesses Edna with a health worker and an OT (strengths first, then the Care Act outcomes),
 * assesses Harold in his own right without calling him a carer, works out Edna's indicative budget
 * from the RAS and agrees it, then writes the plan with them (scenario-s1-tier3-plan.ts), and step 5:
 * the timeline shows every tier and the long-term support events exist. axe-core on every page.
 */
const today = () => {
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

describe.skipIf(skipBrowserTests())('scenario S1 step 4 (tier 3) in Chromium', { timeout: 600_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let edna: string;
  let harold: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ tier1: true }), launchBrowser()]);
    // The demo county's later seeds, as `seedIfEmpty` runs them (the RAS versions come with allocations).
    await seedCrisis(server.database.db, server.org);
    await seedAssessmentRequests(server.database.db, server.org);
    await seedAllocations(server.database.db, server.org);
    await seedCasework(server.database.db, server.org);
    edna = server.people.mrsJones!;
    harold = server.people.mrJones!;
    context = await browser.newContext({ baseURL: server.baseUrl });
    page = await context.newPage();
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  /** What a person reads in the main part of the page (innerText: blocks apart, hidden parts left out). */
  const mainText = async (p: Page = page) => (await p.locator('main').innerText()).replace(/\s+/g, ' ');
  const url = (path: string) => `${server.baseUrl}${path}`;

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

  let ednasAssessment: string;

  it('Sam’s caseload and the Assessments list show both requests; Sam starts Edna’s face to face', async () => {
    await signIn(page, 'sam.practitioner');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'My caseload' }).click();
    await expectHeading(page, 'My caseload');
    const caseload = await mainText();
    expect(caseload).toMatch(/Edna Jones ?P\d+ ?Request for an assessment/);
    expect(caseload).toMatch(/Harold Jones ?P\d+ ?Request for an assessment of the care they give/);
    await expectNoAxeViolations(page, 'my caseload');

    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Assessments' }).click();
    await expectHeading(page, /Requests waiting for an assessment/);
    const waiting = await mainText();
    expect(waiting).toContain('Since Harold came home, Edna needs more help than he and Carol can give.');
    expect(waiting).toContain('Harold asked what help there is for him');
    await expectNoAxeViolations(page, 'requests waiting');

    ednasAssessment = await startFromRequest('Edna Jones');
    await expectHeading(page, /Assessment of care and support needs/);
    // Starting it closed the request: it is no longer waiting, and its page links to the assessment.
    await page.goto('/assessments');
    expect(await page.getByRole('link', { name: 'Start assessment for Edna Jones' }).count()).toBe(0);
    await page.goto(ednasAssessment);
    await page.locator('main a[href*="/assessment-requests/"]').click();
    expect(await page.locator(`main a[href="${new URL(ednasAssessment).pathname}"]`).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'Edna’s request, answered');
  });

  it('the MDT: a health worker and an OT take part, strengths first, then the outcomes and the decision', async () => {
    await page.goto(ednasAssessment);
    await addParticipant(
      'Health worker',
      'Jas Kaur',
      'Fenland community health team',
      'Edna’s memory and medication: her dementia is moderate, and she manages well with a routine',
    );
    await addParticipant(
      'Occupational therapist',
      'Ruth Adeyemi',
      'Fenshire Council OT service',
      'Watched Edna make tea and wash: she can, with prompts; a perching stool and grab rail will help',
    );
    let text = await mainText();
    expect(text).toMatch(/Jas Kaur ?, Health worker/);
    expect(text).toContain('her dementia is moderate');
    expect(text).toMatch(/Ruth Adeyemi ?, Occupational therapist/);
    expect(text).toMatch(/perching stool and grab rail will help ?Recorded by Sam Okafor/);
    await expectNoAxeViolations(page, 'Edna’s assessment with the MDT');

    await writeStrengths(ednasAssessment, {
      canDo: 'Edna makes tea, folds the washing and chooses her clothes with a prompt; she wants to keep doing them',
      matters: 'Staying at home with Harold; her radio; seeing Carol and the grandchildren on Sundays',
      networkDoes:
        'Harold is with her day and night; Carol shops and visits twice a week; Pat and Dave Webb next door look in daily',
      needs: 'Help to wash and dress each morning, meals, and company so that Harold can rest',
      ownWords: '“I like my own kitchen. I don’t want strangers every day, just the same kind faces.”',
    });
    await expectNoAxeViolations(page, 'eligibility form');
    await page.locator('input[name="impairmentOrIllness-met"][value="yes"]').check();
    await page.locator('[name="impairmentOrIllness-words"]').fill('Dementia (Alzheimer’s type), moderate');
    await outcome('nutrition', 'without_assistance', 'Forgets to eat unless a meal is put in front of her');
    await outcome('personal_hygiene', 'without_assistance', 'Needs someone with her to wash safely');
    await outcome('clothed', 'takes_significantly_longer', 'Takes over an hour to dress without prompts');
    await page.locator('input[name="wellbeingImpact-met"][value="yes"]').check();
    await page.locator('[name="wellbeingImpact-words"]').fill('Her dignity, her health and her life at home');
    await page.getByRole('button', { name: 'Save and see the decision' }).click();
    await arrive(page, `${ednasAssessment}#determination`);
    text = await mainText();
    // Strengths come first on the page, and the decision is shown with its reasons.
    expect(text.indexOf('Edna makes tea')).toBeLessThan(text.indexOf('Eligibility decision'));
    expect(text).toContain('Eligible: all three conditions of regulation 2 are met');
    expect(text).toContain('Unable to achieve 3 of the 10 outcomes');
    expect(text).toContain('Forgets to eat unless a meal is put in front of her');
    await expectNoAxeViolations(page, 'Edna’s eligibility decision');

    await complete(ednasAssessment);
    await page.goto(`/people/${edna}`);
    await page.getByRole('link', { name: 'Timeline', exact: true }).click();
    await arrive(page, url(`/people/${edna}/timeline`));
    expect(await mainText()).toContain(
      'Long-term assessment (Care Act eligibility decided) Outcome: Progress to support planning or services Assessment of care and support needs: eligible needs (face to face)',
    );
    await expectNoAxeViolations(page, 'Edna’s timeline after the assessment');
  });

  it('Harold is assessed in his own right, for the care he gives, and never called a carer', async () => {
    await page.goto(`/people/${harold}`);
    await expectNoCarerLabel('Harold’s record before');
    const assessment = await startFromRequest('Harold Jones');
    await expectHeading(page, /Assessment of the care they give to Edna Jones/);
    await expectNoCarerLabel('Harold’s assessment');
    await addParticipant(
      'Health worker',
      'Jas Kaur',
      'Fenland community health team',
      'Harold’s COPD: breathless on stairs, and tired after broken nights',
    );
    await writeStrengths(assessment, {
      canDo: 'Harold cooks, gardens a little and teaches French; he wants to go on looking after Edna at home',
      matters: 'Being Edna’s husband first; his French; his garden',
      networkDoes: 'Carol takes over on Sundays; the Webbs sit with Edna when he goes to the GP',
      needs: 'Sleep, a few hours’ rest each week, and help with the house and shopping',
    });
    await expectNoCarerLabel('Harold’s eligibility form');
    await page.locator('input[name="needsFromProvidingCare-met"][value="yes"]').check();
    await page.locator('[name="needsFromProvidingCare-words"]').fill('He is with Edna day and night');
    await page.locator('input[name="healthDeteriorating-met"][value="yes"]').check();
    await page.locator('[name="healthDeteriorating-words"]').fill('His COPD is worse when he is tired');
    await outcome('habitable_home', 'without_assistance', 'The house and shopping are too much on top of caring');
    await outcome('recreation', 'without_assistance', 'No time for his French class or the garden');
    await page.locator('input[name="wellbeingImpact-met"][value="yes"]').check();
    await page.locator('[name="wellbeingImpact-words"]').fill('His health and his own life');
    await page.locator('input[name="continuingToCare-willing"][value="yes"]').check();
    await page.locator('input[name="continuingToCare-able"][value="not_sure"]').check();
    await page
      .locator('[name="continuingToCare-words"]')
      .fill('“Of course I will look after her. I just need to sleep.”');
    await page.getByRole('button', { name: 'Save and see the decision' }).click();
    await arrive(page, `${assessment}#determination`);
    const text = await mainText();
    expect(text).toMatch(/Eligible/);
    expect(text).toContain('I just need to sleep');
    await expectNoAxeViolations(page, 'Harold’s decision');
    await complete(assessment);
    await expectNoCarerLabel('Harold’s completed assessment');
    await page.goto(`/people/${harold}`);
    await expectNoCarerLabel('Harold’s record after');
    await expectNoAxeViolations(page, 'Harold’s record');
  });

  it('Edna’s Budget tab: the RAS questions, the indicative budget line by line, agreed within Sam’s limit', async () => {
    await page.goto(`/people/${edna}`);
    await page.getByRole('link', { name: 'Budget', exact: true }).click();
    await arrive(page, url(`/people/${edna}/budget`));
    expect(await mainText()).toContain('It will be worked out with Fenshire RAS 2026');
    await expectNoAxeViolations(page, 'budget before the questions');
    await page.getByRole('link', { name: 'Answer the budget questions' }).click();
    await expectNoAxeViolations(page, 'budget questions');
    const answers: Record<string, string> = {
      washing: 'some',
      dressing: 'some',
      toilet: 'none',
      meals: 'most',
      eating: 'prompt',
      moving_home: 'some',
      going_out: 'companion',
      housework: 'most',
      contact: 'some',
      activities: 'some',
      night: 'check',
      care_hours: '50_or_more',
      carer_coping: 'strain',
    };
    for (const [question, answer] of Object.entries(answers))
      await page.locator(`input[name="q-${question}"][value="${answer}"]`).check();
    // Carol and the Webbs take Edna out: a need her network already meets.
    await page.locator('input[name="network-getting_out"]').check();
    await page.getByRole('button', { name: /Save|Work out/ }).click();
    await arrive(page, url(`/people/${edna}/budget`));
    const text = await mainText();
    expect(text).toContain('Worked out with Fenshire RAS 2026');
    expect(text).toMatch(/Personal care: \d+ points → £\d+\.\d\d a week/);
    expect(text).toMatch(
      /Getting out and about: \d+ points → £\d+\.\d\d a week \(50% less because family, friends or neighbours meet this need\)/,
    );
    expect(text).toMatch(/Support for my family carer: \d+ points → £\d+\.\d\d a week/);
    const indicative = /Indicative budget £([\d,]+\.\d\d) a week/.exec(text)?.[1];
    expect(indicative).toBe('222.00');
    await expectNoAxeViolations(page, 'indicative budget');

    await page.getByRole('link', { name: 'Propose the agreed budget' }).click();
    await expectNoAxeViolations(page, 'propose the agreed budget');
    await page.getByLabel('Agreed weekly budget').fill(indicative!);
    await page.getByRole('button', { name: 'Propose this budget' }).click();
    await arrive(page, url(`/people/${edna}/budget`));
    const agreed = await mainText();
    expect(agreed).toContain('Agreed budget £222.00 a week (£11,544.00 a year)');
    expect(agreed).toMatch(/Agreed by Sam Okafor, as social care practitioner/);
    await expectNoAxeViolations(page, 'agreed budget');
  });

  it('Edna’s Plan tab: the plan with them, paid and unpaid, agreed and approved', async () => {
    await planSupport({ page, server, edna, mainText });
  });

  it('afterwards: every tier on Edna’s timeline; long-term support events for each budget item', async () => {
    await page.goto(`/people/${edna}/timeline`);
    const text = await mainText();
    expect(text).toContain('Tier one conversation at home'); // tier 1
    expect(text).toContain('Crisis support at home while Mr Jones is in hospital'); // tier 2
    expect(text).toContain('Assessment of care and support needs: eligible needs (face to face)'); // tier 3
    // Each item the budget pays for started a CLD long-term support Service event when the plan was approved.
    for (const s of PAID)
      expect(text).toMatch(
        new RegExp(`Long-term support: community[^]*?Council-commissioned support ?Support plan: ${s.what}`),
      );
    for (const s of UNPAID) expect(text).not.toContain(`Support plan: ${s.what}`);
    await expectNoAxeViolations(page, 'Edna’s timeline afterwards');
    const services = await server.database.db
      .selectFrom('person_event')
      .select(['service_type', 'delivery_mechanism', 'summary'])
      .where('person_id', '=', edna)
      .where('source_module', '=', 'planning')
      .where('recorded_in_error_at', 'is', null)
      .execute();
    expect(services).toHaveLength(PAID.length);
    for (const s of services)
      expect(s).toMatchObject({
        service_type: 'Long term support: Community',
        delivery_mechanism: 'CASSR commissioned support',
      });
  });
});
