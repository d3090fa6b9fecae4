import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real OpenID Connect provider (`oidc-provider` v9) on 127.0.0.1 and a random port, standing in
 * for the council's identity provider. Its login and consent steps are automatic: the test says
 * who "signs in" next with `loginAs(subject)` (or `loginAs(null)` to cancel), and the interaction
 * endpoint finishes the interaction for that account. Everything else — discovery, PKCE, state,
 * the code, the token endpoint, signed ID tokens, userinfo — is the library's own behaviour.
 */

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: Map<string, TestAccount>;
  loginAs(subject: string | null): void;
  /** Follow the browser's redirects through the provider, from the authorization URL to our callback URL. */
  authorize(authorizationUrl: string): Promise<URL>;
  close(): Promise<void>;
}

// oidc-provider ships no TypeScript types; these are the parts used here.
interface Interaction {
  prompt: { name: string };
  params: Record<string, unknown>;
  session?: { accountId?: string };
}
interface GrantLike {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface ProviderLike {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: unknown, options?: unknown): Promise<void>;
  Grant: new (init: { accountId: string; clientId: string }) => GrantLike;
}

export async function startOidcProvider(
  redirectUri = 'http://127.0.0.1:3000/auth/oidc/callback',
): Promise<TestOidcProvider> {
  const moduleName = 'oidc-provider'; // a variable, so TypeScript does not look for types it cannot find
  const { Provider } = (await import(moduleName)) as {
    Provider: new (issuer: string, config: unknown) => ProviderLike;
  };
  const accounts = new Map<string, TestAccount>();
  const clientId = 'transforming-lives';
  const clientSecret = 'a-client-secret-for-tests-only-0123456789';
  let next: string | null = null;
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();

  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['cookie-key-for-tests-only'] },
    jwks: { keys: [generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  });
  const providerCallback = provider.callback();

  handle = (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return providerCallback(req, res);
    finishInteraction(provider, req, res, next).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  };

  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    accounts,
    loginAs(subject) {
      next = subject;
    },
    async authorize(authorizationUrl) {
      const cookies = new Map<string, string>(); // a fresh browser each time: no provider session carried over
      let url = new URL(authorizationUrl);
      for (let hop = 0; hop < 10; hop++) {
        if (url.href.startsWith(redirectUri)) return url;
        const response = await fetch(url, {
          redirect: 'manual',
          headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        for (const line of response.headers.getSetCookie()) {
          const [pair = ''] = line.split(';');
          const [name = '', ...value] = pair.split('=');
          cookies.set(name.trim(), value.join('='));
        }
        const location = response.headers.get('location');
        if (!location)
          throw new Error(`provider answered ${response.status} without a redirect: ${await response.text()}`);
        url = new URL(location, url);
      }
      throw new Error('too many redirects at the provider');
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Log in as the chosen account (or cancel), and consent to what the client asked for. */
async function finishInteraction(
  provider: ProviderLike,
  req: IncomingMessage,
  res: ServerResponse,
  subject: string | null,
) {
  const details = await provider.interactionDetails(req, res);
  let result: unknown;
  if (details.prompt.name === 'login') {
    result = subject
      ? { login: { accountId: subject } }
      : { error: 'access_denied', error_description: 'The person cancelled' };
  } else {
    const grant = new provider.Grant({
      accountId: details.session?.accountId ?? '',
      clientId: String(details.params.client_id),
    });
    grant.addOIDCScope(String(details.params.scope));
    result = { consent: { grantId: await grant.save() } };
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}
