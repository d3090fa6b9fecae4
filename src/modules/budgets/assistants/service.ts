import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { withOrg, type Tx } from '../../../platform/db/scope.js';
import { listingEntry, writeAudit } from '../../../platform/audit/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { findActiveServicesNamed } from '../../directory/index.js';
import { onVisibleRecord, type PersonRow } from '../../people/index.js';
import * as repo from './repository.js';
import { listDecisions, recordDecision } from './decisions.js';
import { findSupportMatrix } from './matrix.js';
import { listRenewals } from './renewals.js';
import { parseAssistantForm, parseEndForm, type Body, type Parsed } from './schema.js';

type ResourceType = 'person' | 'personal_assistant' | 'dp_support_decision';
interface Done<T> {
  result: T;
  action: string;
  resourceType?: ResourceType;
  resourceId?: string;
}

function parsed<T>(result: Parsed<T>): T {
  if (result.errors) throw new ValidationError(result.errors);
  return result.data;
}

const STALE = 'Someone else changed this personal assistant while you had the form open. Check what is saved now.';

/**
 * Personal assistants and direct payment support decisions: one transaction per call as the
 * application role, the person's visibility checked first (a restricted or unknown person is "not
 * found"), and one audit entry in the same transaction, so nothing is shown or saved unaudited.
 */
export class AssistantService {
  constructor(private readonly db: Kysely<DB>) {}

  private run<T>(ctx: RequestContext, personId: string, work: (tx: Tx, person: PersonRow) => Promise<Done<T>>) {
    return onVisibleRecord(this.db, ctx, personId, async (tx, person) => {
      const { result, action, resourceType = 'person', resourceId } = await work(tx, person);
      return { result, audit: { action, resourceType, resourceId: resourceId ?? personId } };
    });
  }

  /** The person's PAs (current and past) and their support decisions. */
  overview(ctx: RequestContext, personId: string) {
    return this.run(ctx, personId, async (tx, person) => {
      const [assistants, decisions] = await Promise.all([
        repo.listAssistants(tx, personId),
        listDecisions(tx, personId),
      ]);
      return { result: { person, assistants, decisions }, action: 'assistant.list' };
    });
  }

  /** A form about the person: it shows who they are, so it is audited. */
  formFor(ctx: RequestContext, personId: string) {
    return this.run(ctx, personId, async (_tx, person) => ({ result: { person }, action: 'assistant.form' }));
  }

  /** One PA's edit or end form. */
  assistantForm(ctx: RequestContext, personId: string, assistantId: string) {
    return this.run(ctx, personId, async (tx, person) => {
      const assistant = await repo.findAssistant(tx, personId, assistantId);
      if (!assistant) throw new NotFoundError();
      const resourceType = 'personal_assistant';
      return { result: { person, assistant }, action: 'assistant.form', resourceType, resourceId: assistantId };
    });
  }

  add(ctx: RequestContext, personId: string, body: Body): Promise<string> {
    return this.run(ctx, personId, async (tx) => {
      const input = parsed(parseAssistantForm(body));
      const columns = repo.assistantColumns(input, await supportServiceId(tx, input.supportService));
      const id = await repo.insertAssistant(tx, ctx.actor, personId, columns);
      return { result: id, action: 'assistant.create', resourceType: 'personal_assistant', resourceId: id };
    });
  }

  edit(ctx: RequestContext, personId: string, assistantId: string, version: number, body: Body): Promise<void> {
    return this.run(ctx, personId, async (tx) => {
      if (!(await repo.findAssistant(tx, personId, assistantId))) throw new NotFoundError();
      const input = parsed(parseAssistantForm(body));
      const columns = repo.assistantColumns(input, await supportServiceId(tx, input.supportService));
      if (!(await repo.updateAssistant(tx, ctx.actor, personId, assistantId, version, columns)))
        throw new ConflictError(STALE);
      return {
        result: undefined,
        action: 'assistant.update',
        resourceType: 'personal_assistant',
        resourceId: assistantId,
      };
    });
  }

  /** End the employment from a date: the PA stays on the record, with when and why it ended. */
  end(ctx: RequestContext, personId: string, assistantId: string, version: number, body: Body): Promise<void> {
    return this.run(ctx, personId, async (tx) => {
      const assistant = await repo.findAssistant(tx, personId, assistantId);
      if (!assistant) throw new NotFoundError();
      if (assistant.ends_on) throw new ConflictError('This employment has already ended.');
      const input = parsed(parseEndForm(body, assistant.starts_on));
      if (!(await repo.updateAssistant(tx, ctx.actor, personId, assistantId, version, repo.endColumns(input))))
        throw new ConflictError(STALE);
      return {
        result: undefined,
        action: 'assistant.end',
        resourceType: 'personal_assistant',
        resourceId: assistantId,
      };
    });
  }

  /** The support decision form: the council's table and the decisions so far. */
  decisionForm(ctx: RequestContext, personId: string) {
    return this.run(ctx, personId, async (tx, person) => {
      const [matrix, decisions] = await Promise.all([findSupportMatrix(tx), listDecisions(tx, personId)]);
      return { result: { person, matrix, decisions }, action: 'dp-support.form' };
    });
  }

  decide(ctx: RequestContext, personId: string, body: Body): Promise<string> {
    return this.run(ctx, personId, async (tx) => {
      const id = await recordDecision(tx, ctx.actor, personId, body);
      return { result: id, action: 'dp-support.decide', resourceType: 'dp_support_decision', resourceId: id };
    });
  }

  /** Insurance lapsed or renewing within `withinDays` of `today`, for the people the actor may see: one listing entry. */
  renewals(ctx: RequestContext, today: string, withinDays: number) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const renewals = await listRenewals(tx, ctx.actor, today, withinDays);
      const ids = renewals.map((r) => r.personId);
      await writeAudit(tx, ctx, listingEntry('assistant.renewals-list', 'personal_assistant', null, ids));
      return renewals;
    });
  }
}

/** The directory's entry for the support service named, when exactly one active entry has that name. */
async function supportServiceId(tx: Tx, name: string | null): Promise<string | null> {
  if (!name) return null;
  const matches = (await findActiveServicesNamed(tx, name, 5)).filter(
    (s) => s.name.trim().toLowerCase() === name.toLowerCase(),
  );
  return matches.length === 1 ? matches[0]!.id : null;
}
