import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { E2eServer } from './server.js';
import { arrive, expectHeading, expectNoAxeViolations } from './browser.js';

/**
 * S1 step 4, the support plan part (the scenario's browser test calls it): Edna's plan written with
 * them from what Harold still can and wants to do, the family's and neighbours' help beside what the
 * budget pays for, costed within the agreed £222 a week, a risk taken positively, the tier 1
 * contingency plan linked (not copied), outcomes in their words, agreed by Edna and approved by Sam.
 */
interface PlanJourney {
  page: Page;
  server: E2eServer;
  edna: string;
  mainText: (p?: Page) => Promise<string>;
}

interface Support {
  what: string;
  giver: string;
  name: string;
  /** For a provider: what to type to find it in the community directory, and its name there. */
  directory?: { search: string; choose: string };
  when: string;
  often: string;
  pays: string;
  price?: string;
  units?: string;
}

export const PAID: Support[] = [
  {
    what: 'Help with the house and the shopping',
    giver: 'A provider from the community directory',
    name: '',
    directory: { search: 'shopping', choose: 'Great Shelford Befriending Scheme' },
    when: 'Tuesday and Friday mornings',
    often: 'Every week',
    pays: 'Personal budget',
    price: '18.50',
    units: '3',
  },
  {
    what: 'A sitter with Edna so that Harold can rest',
    giver: 'A personal assistant',
    name: 'Maureen Hale',
    when: 'Wednesday afternoons',
    often: 'Every week',
    pays: 'Personal budget',
    price: '15.00',
    units: '4',
  },
  {
    what: 'Home-monitoring sensors: the front door at night, and a pendant',
    giver: 'Technology',
    name: 'Fenshire Telecare',
    when: 'Day and night',
    often: 'Every week',
    pays: 'Personal budget',
    price: '6.00',
  },
  {
    what: 'A short break for Harold while Edna stays with people she knows',
    giver: 'A provider from the community directory',
    name: '',
    directory: { search: 'break', choose: 'Weekend Breaks for Carers – Sutton' },
    when: 'One weekend every four weeks',
    often: 'Every 4 weeks',
    pays: 'Personal budget',
    price: '180.00',
  },
];

export const UNPAID: Support[] = [
  {
    what: 'Shops for them and sits with Edna on Sundays',
    giver: 'Family',
    name: 'Carol Jones',
    when: 'Sundays',
    often: 'Every week',
    pays: 'Unpaid: family, friends, neighbours or volunteers',
  },
  {
    what: 'Look in on Edna every day, and sit with her when Harold goes to the GP',
    giver: 'A neighbour',
    name: 'Pat and Dave Webb',
    when: 'Every day',
    often: 'Every week',
    pays: 'Unpaid: family, friends, neighbours or volunteers',
  },
  {
    what: 'Harold gives French lessons and gets help in the garden in return',
    giver: 'A timebank',
    name: 'Leverington Timebank',
    when: 'Thursday afternoons',
    often: 'Every week',
    pays: 'Unpaid: family, friends, neighbours or volunteers',
  },
  {
    what: 'A group for husbands and wives looking after someone with dementia',
    giver: 'A community group',
    name: 'Dementia Carers’ Group, Ely',
    when: 'First Monday of the month',
    often: 'Every month',
    pays: 'Unpaid: family, friends, neighbours or volunteers',
  },
];

export async function planSupport(j: PlanJourney): Promise<void> {
  const { page, server, edna, mainText } = j;
  const base = `/people/${edna}/support-plan`;
  const planUrl = `${server.baseUrl}${base}`;

  async function writeSection(title: string, boxes: [label: string, text: string][], writtenBy: string) {
    await page.goto(base);
    await page.getByRole('link', { name: `Write ${title}`, exact: true }).click();
    await expectHeading(page, title);
    for (const [label, text] of boxes) await page.getByLabel(label, { exact: true }).fill(text);
    await page.getByLabel(writtenBy, { exact: true }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await arrive(page, planUrl);
  }

  async function addSupport(s: Support): Promise<void> {
    await page.goto(base);
    await page.getByRole('link', { name: 'Add support', exact: true }).click();
    await expectHeading(page, 'Add support to the plan');
    await page.getByLabel('What the support is').fill(s.what);
    await page.getByLabel(s.giver, { exact: true }).check();
    if (s.directory) {
      await page.getByLabel('Their name').fill(s.directory.search);
      await page.getByRole('button', { name: 'Search the directory' }).click();
      await page.getByLabel(s.directory.choose).check();
    } else await page.getByLabel('Their name').fill(s.name);
    await page.getByLabel('When', { exact: true }).fill(s.when);
    await page.getByLabel(s.often, { exact: true }).check();
    await page.getByLabel(s.pays, { exact: true }).check();
    if (s.price) await page.getByLabel('Price each time or each unit').fill(s.price);
    if (s.units) await page.getByLabel('Units each time').fill(s.units);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await arrive(page, planUrl);
  }

  // The plan starts from Harold and Edna themselves, in their words.
  await page.goto(`/people/${edna}`);
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await arrive(page, planUrl);
  await expectNoAxeViolations(page, 'empty plan');
  await writeSection(
    'What is important to me and for me',
    [
      [
        'What is important to them',
        'Harold: “I can still cook for us both, and I want to.” Edna: “My kitchen, my radio.”',
      ],
      ['What is important for them', 'Harold rests in the afternoons; Edna washes with someone there each morning.'],
    ],
    'The person',
  );
  await writeSection(
    'My relationship circle',
    [
      [
        'The people in their life, closest first',
        'Harold; Carol, our daughter (ten miles away); Pat and Dave next door',
      ],
    ],
    'Family',
  );
  await writeSection(
    'How I make decisions',
    [
      [
        'How they make decisions and who helps',
        'Edna decides day to day with Harold beside her. Power of attorney discussed with Edna, Harold and Carol: they will think about it and tell Sam.',
      ],
    ],
    'Staff',
  );
  await page.goto(base);
  await page.getByRole('link', { name: 'Change who helped write it, the contingency and fees' }).click();
  await expectNoAxeViolations(page, 'about form');
  for (const who of ['The person', 'Family', 'Staff']) await page.getByLabel(who, { exact: true }).check();
  await page.getByLabel('Contingency each week').fill('5.00');
  await page
    .getByLabel('A fee paid from the budget (optional)')
    .fill('Supported managed account held by Fenshire Community Action, who make day-to-day adjustments');
  await page.getByLabel('The fee each week').fill('8.00');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await arrive(page, planUrl);

  for (const s of [...PAID, ...UNPAID]) await addSupport(s);
  const text = await mainText();
  for (const s of UNPAID) expect(text).toContain(s.what);
  expect(text).toContain('Carol Jones (family)');
  expect(text).toContain('Pat and Dave Webb (a neighbour)');
  expect(text).toContain('Leverington Timebank (a timebank)');
  await expectNoAxeViolations(page, 'plan with paid and unpaid support');

  await addOutcomesAndRisk(j);
  await costingWithinBudget(j);
  await agreeAndApprove(j);
}

async function addOutcomesAndRisk({ page, server, edna }: PlanJourney): Promise<void> {
  const base = `/people/${edna}/support-plan`;
  const outcomes: [words: string, serves: string[]][] = [
    ['“I want to stay in my own home with Harold.”', [PAID[0]!.what, PAID[2]!.what, UNPAID[1]!.what]],
    ['Harold: “I want to keep cooking for us and get a proper night’s sleep.”', [PAID[1]!.what, PAID[3]!.what]],
    ['Harold: “I want to keep up my French and my garden.”', [UNPAID[2]!.what, UNPAID[3]!.what]],
  ];
  for (const [words, serves] of outcomes) {
    await page.goto(base);
    await page.getByRole('link', { name: 'Add an outcome', exact: true }).click();
    await page.getByLabel('What Edna wants to achieve, in their own words').fill(words);
    for (const what of serves) await page.getByLabel(what, { exact: true }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await arrive(page, `${server.baseUrl}${base}`);
  }
  await page.getByRole('link', { name: 'Add a risk', exact: true }).click();
  await expectNoAxeViolations(page, 'risk form');
  await page.getByLabel('The risk', { exact: true }).fill('Edna may go out alone at night and get lost');
  await page
    .getByLabel('How it will be managed', { exact: true })
    .fill('A door sensor tells Harold, and the Webbs, if the front door opens at night; Edna carries a pendant');
  await page
    .getByLabel('What taking this risk makes possible for Edna')
    .fill('Edna keeps her evening walk to the end of the road, which she loves, and stays at home');
  await page.getByLabel('Edna understands this risk and accepts it as theirs to take').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await arrive(page, `${server.baseUrl}${base}`);
}

/** Paid and unpaid side by side; only the budget's items (and the fee and contingency) in the cost. */
async function costingWithinBudget({ page, edna, mainText }: PlanJourney): Promise<void> {
  const text = await mainText();
  expect(text).toContain('“I want to stay in my own home with Harold.”');
  expect(text).toContain('Edna keeps her evening walk to the end of the road');
  expect(text).toContain('Power of attorney discussed with Edna, Harold and Carol');
  const costing = page.locator('table', { has: page.locator('caption', { hasText: 'Costing' }) });
  const rows = await costing.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll('th, td')]
        .map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join(' '),
    ),
  );
  for (const s of PAID) expect(rows.some((r) => r.startsWith(s.what))).toBe(true);
  for (const s of UNPAID) expect(rows.some((r) => r.includes(s.what))).toBe(false);
  // 3 × £18.50 + 4 × £15 + £6 + £180 every 4 weeks + £8 fee + £5 contingency = £179.50 a week.
  expect(rows).toContain('Total cost £179.50 £9,334.00');
  expect(rows).toContain('Agreed budget £222.00 £11,544.00');
  expect(await page.locator('main .govuk-warning-text').count()).toBe(0);
  // The contingency section links the tier 1 plan the family already agreed; it is not copied.
  expect(await page.locator(`main a[href="/people/${edna}/contingency-plans"]`).count()).toBe(1);
  await expectNoAxeViolations(page, 'costed plan');
  await page.getByRole('link', { name: 'See the contingency plan' }).click();
  expect(await mainText()).toContain('If Harold is admitted to hospital');
  await page.goBack();
}

async function agreeAndApprove({ page, server, edna, mainText }: PlanJourney): Promise<void> {
  const base = `/people/${edna}/support-plan`;
  await page.getByRole('link', { name: 'Record that the plan is agreed' }).click();
  await expectNoAxeViolations(page, 'agree form');
  await page.getByLabel('Edna', { exact: true }).check();
  await page.getByLabel('They have read the plan, or had it explained, and agree with it').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await arrive(page, `${server.baseUrl}${base}`);
  expect(await mainText()).toMatch(
    /Agreement The person agreed the plan on \d{1,2} [A-Z][a-z]+ \d{4}\. Not approved yet/,
  );
  await page.getByRole('link', { name: 'Approve the plan' }).click();
  await expectNoAxeViolations(page, 'approve the plan');
  expect(await mainText()).toContain('£179.50 a week');
  await page.getByRole('button', { name: 'Approve the plan' }).click();
  await arrive(page, `${server.baseUrl}${base}`);
  const text = await mainText();
  expect(text).toContain('The plan has been approved');
  const approval = (await page.locator('#approval').innerText()).replace(/\s+/g, ' ');
  expect(approval).toMatch(/Approved .*Sam Okafor/);
  expect(text).not.toContain('Not approved yet');
  await expectNoAxeViolations(page, 'approved plan');
}
