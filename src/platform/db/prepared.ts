import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Statements that run on (nearly) every request are sent to PostgreSQL as named prepared
 * statements, so each connection parses and plans them once instead of on every request. A
 * statement opts in by carrying PREPARE_MARK (a comment, so the text means the same everywhere);
 * everything else goes as before. Only marked statements are named because every named statement
 * is kept by every connection for its lifetime: Kysely's texts vary with list lengths, so naming
 * them all would grow without bound.
 */
export const PREPARE_MARK = '/* tl:prepare */';

type Client = Pick<pg.PoolClient, 'query' | 'release'>;

/** A marked statement's name: the same text always gets the same name, worked out once. */
const names = new Map<string, string>();
function nameFor(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `tl_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return name;
}

export function preparingPool(pool: pg.Pool) {
  const wrapped = new WeakMap<pg.PoolClient, Client>();
  return {
    async connect(): Promise<Client> {
      const client = await pool.connect();
      let wrapper = wrapped.get(client);
      if (!wrapper) {
        wrapper = {
          query: ((text: unknown, values?: unknown[]) => {
            if (typeof text === 'string' && values && values.length > 0 && text.includes(PREPARE_MARK)) {
              return client.query({ name: nameFor(text), text, values });
            }
            return (client.query as (t: unknown, v?: unknown[]) => unknown)(text, values);
          }) as pg.PoolClient['query'],
          release: (err?: Error | boolean) => client.release(err),
        };
        wrapped.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
