import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../helpers/app.js';

/** What every page carries around its content: whose service it is, and landmarks for everything. */
describe('the page chrome', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { councilName: 'Borsetshire Council' });
  });
  afterAll(async () => t?.close());

  it('names the council that runs the service in the footer, never the Crown', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const footer = /<footer[\s\S]*<\/footer>/.exec(page.body)?.[0] ?? '';
    expect(footer).toContain('© Borsetshire Council');
    expect(footer).toContain('run by Borsetshire Council');
    expect(footer).not.toContain('Crown');
    expect(footer).not.toContain('govuk-footer__copyright-logo');
    expect(footer).not.toContain('govuk-footer__crown');
  });

  it('puts the signed-in line and the back link in landmarks', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    const page = await sam.get('/people');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<nav class="govuk-body-s tl-signed-in" aria-label="Your account">Signed in as/);
  });
});
