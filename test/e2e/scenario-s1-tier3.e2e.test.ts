import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedCrisis } from '../../src/seed/crisis.js';
import { seedAssessmentRequests } from '../../src/seed/assessment-requests.js';
import { seedAllocations } from '../../src/seed/allocations.js';
import { seedCasework } from '../../src/seed/casework.js';
import { startE2eServer, type E2eServer } from './server.js';
import { arrive, expectHeading, expectNoAxeViolations, launchBrowser, skipBrowserTests } from './browser.js';
import { PAID, UNPAID, planSupport } from './scenario-s1-tier3-plan.js';
import { assessmentSteps } from './scenario-s1-tier3-assessing.js';

/**
 * Scenario S1 step 4 (tier 3) end to end, from the demo county as it is: Edna and Harold Jones each
 * have a request waiting (Harold's about the care he gives), and their tier 1 contingency plan exists.
 * Sam assesses Edna with a health worker and an OT (strengths first, then the Care Act outcomes),
 * assesses Harold in his own right without calling him a carer, works out Edna's indicative budget
 * from the RAS and agrees it, writes the plan with them (scenario-s1-tier3-plan.ts); then step 5. axe on every page.
 */
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
    steps = assessmentSteps(page, server);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const url = (path: string) => `${server.baseUrl}${path}`;
  let steps: ReturnType<typeof assessmentSteps>;
  const mainText = (p: Page = page) => steps.mainText(p);

  let ednasAssessment: string;

  it('Sam’s caseload and the Assessments list show both requests; Sam starts Edna’s face to face', async () => {
    await steps.signIn(page, 'sam.practitioner');
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

    ednasAssessment = await steps.startFromRequest('Edna Jones');
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
    await steps.addParticipant(
      'Health worker',
      'Jas Kaur',
      'Fenland community health team',
      'Edna’s memory and medication: her dementia is moderate, and she manages well with a routine',
    );
    await steps.addParticipant(
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

    await steps.writeStrengths(ednasAssessment, {
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
    await steps.outcome('nutrition', 'without_assistance', 'Forgets to eat unless a meal is put in front of her');
    await steps.outcome('personal_hygiene', 'without_assistance', 'Needs someone with her to wash safely');
    await steps.outcome('clothed', 'takes_significantly_longer', 'Takes over an hour to dress without prompts');
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

    await steps.complete(ednasAssessment);
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
    await steps.expectNoCarerLabel('Harold’s record before');
    const assessment = await steps.startFromRequest('Harold Jones');
    await expectHeading(page, /Assessment of the care they give to Edna Jones/);
    await steps.expectNoCarerLabel('Harold’s assessment');
    await steps.addParticipant(
      'Health worker',
      'Jas Kaur',
      'Fenland community health team',
      'Harold’s COPD: breathless on stairs, and tired after broken nights',
    );
    await steps.writeStrengths(assessment, {
      canDo: 'Harold cooks, gardens a little and teaches French; he wants to go on looking after Edna at home',
      matters: 'Being Edna’s husband first; his French; his garden',
      networkDoes: 'Carol takes over on Sundays; the Webbs sit with Edna when he goes to the GP',
      needs: 'Sleep, a few hours’ rest each week, and help with the house and shopping',
    });
    await steps.expectNoCarerLabel('Harold’s eligibility form');
    await page.locator('input[name="needsFromProvidingCare-met"][value="yes"]').check();
    await page.locator('[name="needsFromProvidingCare-words"]').fill('He is with Edna day and night');
    await page.locator('input[name="healthDeteriorating-met"][value="yes"]').check();
    await page.locator('[name="healthDeteriorating-words"]').fill('His COPD is worse when he is tired');
    await steps.outcome('habitable_home', 'without_assistance', 'The house and shopping are too much on top of caring');
    await steps.outcome('recreation', 'without_assistance', 'No time for his French class or the garden');
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
    await steps.complete(assessment);
    await steps.expectNoCarerLabel('Harold’s completed assessment');
    await page.goto(`/people/${harold}`);
    await steps.expectNoCarerLabel('Harold’s record after');
    for (const tab of ['Network', 'Assessments', 'Timeline']) {
      await page
        .getByRole('navigation', { name: 'Record sections' })
        .getByRole('link', { name: tab, exact: true })
        .click();
      await steps.expectNoCarerLabel(`Harold’s ${tab} tab`);
    }
    await page.goto(`/people/${harold}`);
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
    // Bad input: a different amount with no reason is refused with an error summary, nothing saved.
    await page.getByLabel('Agreed weekly budget').fill('240.00');
    await page.getByRole('button', { name: 'Propose this budget' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/why/i);
    expect(await page.locator('#reason-error').count()).toBe(1);
    expect(await page.getByLabel('Agreed weekly budget').inputValue()).toBe('240.00');
    await expectNoAxeViolations(page, 'agreed budget refused');
    const budgets = await server.database.db
      .selectFrom('budget_allocation')
      .select(['status', 'agreed_weekly_pence'])
      .where('person_id', '=', edna)
      .execute();
    expect(budgets).toEqual([{ status: 'indicative', agreed_weekly_pence: null }]);
    // The same amount as the indicative budget needs no reason.
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
    // The plan linked the tier 1 contingency plan: still the one plan, not a copy.
    const contingencyPlans = await server.database.db
      .selectFrom('contingency_plan')
      .select('id')
      .where('person_id', '=', edna)
      .execute();
    expect(contingencyPlans).toHaveLength(1);
    // And afterwards too, Harold's own pages still never label him a carer.
    for (const path of ['', '/timeline']) {
      await page.goto(`/people/${harold}${path}`);
      await steps.expectNoCarerLabel(`Harold’s record${path} afterwards`);
    }
    for (const s of services)
      expect(s).toMatchObject({
        service_type: 'Long term support: Community',
        delivery_mechanism: 'CASSR commissioned support',
      });
  });
});
