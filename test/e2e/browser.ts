import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
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

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Run axe on the page as it is now and fail with a readable list of every violation: rule id,
 * what it means, how bad, and the CSS selectors of the offending elements.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
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
