import { sql, type Kysely } from 'kysely';

/**
 * Council single sign-on (OpenID Connect): between "Sign in with your council account" and the
 * provider's callback, the anonymous session holds the request's state, nonce and PKCE verifier
 * server-side, so nothing secret travels in a cookie or URL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table user_session add column oidc_pending jsonb`.execute(db);
}
