import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import type { AuditEntry } from '../../platform/audit/audit.js';
import type { FieldError } from '../../platform/http/errors.js';
import { addNetworkContact, listNetworkChoices, setNetworkPhone } from '../people/index.js';
import { NEW_CONTACT, type CallContact, type Helper, type PlanContent, type PlanInput } from './schema.js';

/**
 * A plan's contacts come from the person's network, so a number is kept in one place: the plan
 * names a relationship, and its number is read from the network whenever the plan is shown (and
 * frozen only in an activation's snapshot, which records what the plan said at that moment).
 */
export interface NetworkMember {
  name: string;
  phone: string | null;
}
export type Network = Map<string, NetworkMember>;

/** The person's current network, as a plan names it (restricted records left out: their names are not shown). */
export async function planNetwork(tx: Tx, personId: string): Promise<Network> {
  const rows = (await listNetworkChoices(tx, personId)).filter((r) => !r.restricted);
  return new Map(
    rows.map((r) => [
      r.id,
      { name: r.contact_name ?? `${r.given_name ?? ''} ${r.family_name ?? ''}`.trim(), phone: r.contact_phone },
    ]),
  );
}

/** Two spellings of one number ("01632 960411", "01632 960 411") are the same number. */
export const sameNumber = (a: string | null, b: string | null) =>
  (a ?? '').replace(/[^0-9+]/g, '') === (b ?? '').replace(/[^0-9+]/g, '');

/** A version's contacts with the names and numbers the network holds now (a member since removed keeps the saved ones). */
export function withCurrentNumbers<T extends Pick<PlanContent, 'helpers' | 'callList'>>(
  content: T,
  network: Network,
): T {
  const current = <C extends { relationshipId?: string | null; name: string; phone: string | null }>(c: C): C => {
    const member = c.relationshipId ? network.get(c.relationshipId) : undefined;
    return member ? { ...c, name: member.name, phone: member.phone ?? c.phone } : c;
  };
  return {
    ...content,
    helpers: content.helpers.map(current),
    callList: content.callList.map((c) => current({ ...c, phone: c.phone as string | null }) as CallContact),
  };
}

interface ContactRow {
  relationshipId: string | null;
  name: string | null;
  phone: string | null;
  relationshipType: string | null;
}

/**
 * Turns the form's contacts into network members, in the plan's own transaction: "someone not in
 * the network yet" is added to it, and a number given for a member is kept in the network (added
 * when it has none, changed when it differs). Each network change is audited with the plan's entry.
 */
export class ContactResolver {
  readonly audit: AuditEntry[] = [];
  readonly errors: FieldError[] = [];

  constructor(
    private readonly tx: Tx,
    private readonly actor: Actor,
    private readonly personId: string,
    private readonly network: Network,
  ) {}

  async resolve(input: PlanInput): Promise<Pick<PlanContent, 'helpers' | 'callList'>> {
    const helpers: Helper[] = [];
    for (const [i, h] of input.helpers.entries()) {
      const member = await this.member(h, `helpers-${i}`);
      if (member) helpers.push({ ...member, does: h.does ?? '' });
    }
    const callList: CallContact[] = [];
    for (const [i, c] of input.callList.entries()) {
      const member = c.relationshipId ? await this.member(c, `callList-${i}`) : null;
      if (member && !member.phone)
        this.errors.push({
          text: `Enter a phone number for ${member.name}. It will be kept in their network entry`,
          href: `#callList-${i}-phone`,
        });
      callList.push(
        member
          ? { ...member, phone: member.phone ?? '', when: c.when }
          : { relationshipId: null, name: c.name ?? '', phone: c.phone ?? '', when: c.when },
      );
    }
    return { helpers, callList };
  }

  private async member(row: ContactRow, field: string) {
    if (row.relationshipId === NEW_CONTACT) return this.addToNetwork(row);
    const member = row.relationshipId ? this.network.get(row.relationshipId) : undefined;
    if (!row.relationshipId || !member) {
      this.errors.push({ text: 'Select someone from their network', href: `#${field}-relationshipId` });
      return null;
    }
    if (row.phone && !sameNumber(row.phone, member.phone)) {
      await setNetworkPhone(this.tx, this.personId, row.relationshipId, row.phone);
      this.record('relationship.update', row.relationshipId);
      member.phone = row.phone;
    }
    return { relationshipId: row.relationshipId, name: member.name, phone: member.phone };
  }

  private async addToNetwork(row: ContactRow) {
    const name = row.name ?? '';
    const created = await addNetworkContact(this.tx, this.actor, this.personId, {
      name,
      phone: row.phone,
      relationshipType: row.relationshipType ?? 'other',
    });
    this.network.set(created.id, { name, phone: row.phone });
    this.record('relationship.create', created.id);
    return { relationshipId: created.id, name, phone: row.phone };
  }

  private record(action: string, relationshipId: string) {
    this.audit.push({ action, resourceType: 'relationship', resourceId: relationshipId, personId: this.personId });
  }
}
