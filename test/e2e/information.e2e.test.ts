import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startE2eServer, type E2eServer } from './server.js';
import {
  arrive,
  expectHeading,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  launchBrowser,
  skipBrowserTests,
} from './browser.js';
import { seedInformationFixture } from '../integration/information-fixtures.js';

/**
 * Issue 3 §6: a resident's journey through the public pages in a real browser, with no account —
 * search "lonely" near a postcode, open a service, print the list, read a story, mistype a
 * postcode and see the message — with axe-core on every page, with and without JavaScript.
 */
// Generous limit: axe on every page, twice over, on a shared two-core machine takes minutes.
describe.skipIf(skipBrowserTests())(
  'public information journey in Chromium',
  { timeout: 420_000, concurrent: true },
  () => {
    let server: E2eServer;
    let browser: Browser;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
      await seedInformationFixture(server.database.db, server.org.orgId);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function journey(javaScriptEnabled: boolean): Promise<void> {
      const contexts: BrowserContext[] = [];
      const open = async (js: boolean) => {
        const context = await browser.newContext({ baseURL: server.baseUrl, javaScriptEnabled: js });
        contexts.push(context);
        return context.newPage();
      };
      const page = await open(javaScriptEnabled);
      const mirror = javaScriptEnabled ? null : await open(true);
      const checkA11y = (label: string) =>
        mirror ? expectNoAxeViolationsWithoutJs(page, mirror, label) : expectNoAxeViolations(page, label);
      const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
      try {
        // The way in from the sign-in page: residents need no account.
        await page.goto('/sign-in');
        await page.getByRole('link', { name: 'find help and support near you' }).click();
        await arrive(page, '**/information');
        // The sign-in form set its anonymous session cookie; from here on nothing may need one.
        await page.context().clearCookies();
        await expectHeading(page, 'Find help and support');
        await checkA11y(`search page ${mode}`);

        await page.getByLabel('What are you looking for?').fill('lonely');
        await page.getByLabel('Postcode (optional)').fill('pe13 1ab');
        await page.getByRole('button', { name: 'Search' }).click();
        await arrive(page, /\/information\?q=lonely&postcode=pe13\+1ab/);
        await page.locator('#results').waitFor();
        const heading = await page.locator('#results h2').first().textContent();
        expect(heading?.replace(/\s+/g, ' ')).toContain('for ‘lonely’ within 5 miles of PE13 1AB');
        expect(await page.locator('#results').textContent()).toMatch(/miles? away/);
        await checkA11y(`search results ${mode}`);
        const resultsUrl = page.url();

        await page.getByRole('link', { name: 'Wisbech Friendship Circle' }).click();
        await arrive(page, /\/information\/services\/[0-9a-f-]{36}$/);
        await expectHeading(page, 'Wisbech Friendship Circle');
        expect(await page.locator('main').textContent()).toContain('Every Wednesday, 10am to midday');
        await checkA11y(`service page ${mode}`);

        await page.getByRole('link', { name: 'A friend every week' }).click();
        await arrive(page, '**/information/stories/a-friend-every-week');
        await expectHeading(page, 'A friend every week');
        await checkA11y(`story page ${mode}`);

        await page.goto(resultsUrl);
        await page.getByRole('link', { name: 'Print or save this list' }).click();
        await arrive(page, /\/information\/print\?/);
        await expectHeading(page, 'Your list of help and support');
        expect(await page.locator('main').textContent()).toContain('1 Market Place, Wisbech, PE13 1AA');
        await checkA11y(`print view ${mode}`);
        // On paper: the list, not the page furniture or the search form.
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.govuk-header').isVisible()).toBe(false);
        expect(await page.locator('.govuk-footer').isVisible()).toBe(false);
        expect(await page.getByRole('heading', { name: 'Wisbech Friendship Circle' }).isVisible()).toBe(true);
        await page.emulateMedia({ media: 'screen' });

        // A postcode we do not know: a clear message on the page, not an error page.
        await page.goto('/information');
        await page.getByLabel('What are you looking for?').fill('lonely');
        await page.getByLabel('Postcode (optional)').fill('PE99 9ZZ');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.locator('.govuk-error-summary').waitFor();
        expect(await page.title()).toMatch(/^Error: /);
        expect(await page.locator('.govuk-error-summary').textContent()).toContain('We could not find PE99 9ZZ');
        expect(await page.locator('#postcode-error').textContent()).toContain('We could not find PE99 9ZZ');
        expect(await page.getByLabel('What are you looking for?').inputValue()).toBe('lonely');
        await checkA11y(`unknown postcode ${mode}`);

        await page.getByLabel('Postcode (optional)').fill('not a postcode');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.getByText('Enter a real postcode, like PE13 1AB').first().waitFor();
        await checkA11y(`malformed postcode ${mode}`);

        await page.goto('/information/stories');
        await expectHeading(page, 'Stories: how people found the support they wanted');
        await checkA11y(`stories ${mode}`);

        // Nothing on the way needed a cookie.
        expect(await page.context().cookies()).toEqual([]);
      } finally {
        for (const context of contexts) await context.close();
      }
    }

    it('a resident searches, opens a service, prints the list and mistypes a postcode (JavaScript on)', () =>
      journey(true));
    it('the same journey with JavaScript off', () => journey(false));
  },
);
