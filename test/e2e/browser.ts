import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';

/** Debian's Chromium. Browser downloads are blocked, so the tests use the system browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const browserAvailable = existsSync(CHROMIUM_PATH);

/**
 * Locally, a machine without Chromium skips the browser tests with a message saying so. In CI a
 * missing browser is a failure: CI installs it, and no test may be skipped there.
 */
export function skipBrowserTests(): boolean {
  if (browserAvailable) return false;
  if (process.env.CI) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}; CI must install it (apt-get install -y chromium)`);
  }
  console.warn(`Skipping browser tests: no Chromium at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium`);
  return true;
}

/**
 * What went wrong in the browser on each page: console errors (a Content-Security-Policy violation is
 * one: "Refused to apply inline style …") and uncaught script errors. Every page of every context the
 * browser opens is watched, so every e2e test gets the check without asking for it.
 */
const problemsByPage = new Map<Page, string[]>();

/**
 * Chromium reports a page that answered 4xx as a console error about the page itself. A form sent
 * back with its errors (422) or a deliberate 404 is the app working, so only the document's own
 * status line is let through; anything else that fails to load still counts.
 */
function isOwnStatusLine(page: Page, text: string, url: string | undefined): boolean {
  return /^Failed to load resource: the server responded with a status of 4\d\d/.test(text) && url === page.url();
}

function watchPage(page: Page): void {
  if (problemsByPage.has(page)) return;
  const problems: string[] = [];
  problemsByPage.set(page, problems);
  page.on('console', (message) => {
    if (message.type() !== 'error' || isOwnStatusLine(page, message.text(), message.location().url)) return;
    problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`script error on ${page.url()}: ${error.message}`));
}

function watchContext(context: BrowserContext): BrowserContext {
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return context;
}

/** Fail with, and forget, what went wrong on this page so far. */
export function expectNoConsoleErrors(page: Page, label: string): void {
  const problems = problemsByPage.get(page) ?? [];
  const found = problems.splice(0);
  expect(found, `console errors or CSP violations on ${label}:\n${found.join('\n')}`).toEqual([]);
}

function allProblems(): string[] {
  return [...problemsByPage.values()].flatMap((problems) => problems.splice(0));
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  const close = browser.close.bind(browser);
  browser.newContext = async (options) => watchContext(await newContext(options));
  browser.newPage = async (options) => {
    const page = await newPage(options);
    watchPage(page);
    return page;
  };
  // A page nobody ran axe on still counts: closing the browser fails on anything left unreported.
  browser.close = async (options) => {
    const left = allProblems();
    await close(options);
    problemsByPage.clear();
    expect(left, `console errors or CSP violations in the browser tests:\n${left.join('\n')}`).toEqual([]);
  };
  return browser;
}

/** WCAG 2.2 AA, and axe's best practices (every part of the page in a landmark, one main, headings in order). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Run axe on the page as it is now and fail with a readable list of every violation: rule id,
 * what it means, how bad, and the CSS selectors of the offending elements. Console errors and CSP
 * violations on the page fail here too.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  expectNoConsoleErrors(page, label);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const report = results.violations.map((v) => {
    const targets = v.nodes.map(
      (n) =>
        `    ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`,
    );
    return `  ${v.id} (${v.impact ?? 'unknown'}): ${v.help} — ${v.helpUrl}\n${targets.join('\n')}`;
  });
  expect(report, `axe found violations on ${label} (${page.url()}):\n${report.join('\n')}`).toEqual([]);
}

/**
 * axe cannot run in a page with JavaScript switched off (it needs timers), so check the no-JavaScript
 * page by loading exactly its HTML, minus every script, at the same address in a JavaScript-enabled
 * "mirror" page, and running axe there. What axe sees is what a person without JavaScript gets.
 */
export async function expectNoAxeViolationsWithoutJs(page: Page, mirror: Page, label: string): Promise<void> {
  const url = page.url();
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  await mirror.route(
    (u) => u.href === url,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    { times: 1 },
  );
  await mirror.goto(url);
  expect(await mirror.locator('script').count(), 'the mirror page has no scripts').toBe(0);
  await expectNoAxeViolations(mirror, `${label} (without JavaScript)`);
}

/**
 * Wait to land on a page; if we land somewhere else instead (an error page, the sign-in form again),
 * fail with what that page says rather than a bare timeout.
 */
export async function arrive(page: Page, url: string | RegExp): Promise<void> {
  try {
    await page.waitForURL(url, { timeout: 20_000 });
  } catch (error) {
    const said = await page
      .locator('h1, .govuk-error-summary')
      .allTextContents()
      .catch(() => []);
    throw new Error(
      `Expected to arrive at ${String(url)} but am at ${page.url()}, which says: ${said.join(' | ').replace(/\s+/g, ' ')}`,
      { cause: error },
    );
  }
}

/** Every page the journey shows must look like a real page: the expected heading and no server error. */
export async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  const heading = await page.locator('h1').first().textContent();
  expect(heading?.replace(/\s+/g, ' ').trim()).toMatch(text instanceof RegExp ? text : new RegExp(escapeRegExp(text)));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
