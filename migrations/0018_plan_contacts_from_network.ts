import { sql, type Kysely } from 'kysely';

/**
 * A plan's contacts come from the person's network (issue 11). Plans saved before this held typed
 * names and numbers, which drifted from the network's ("Carol Jones (daughter) 01632 960 412" on the
 * plan, 01632 960 411 in her network entry). Each contact in every saved version is linked to the
 * network entry of the same name (the plan person's own current relationships; "Carol Jones
 * (daughter)" matches "Carol Jones"; a name that matches nobody, or more than one entry, is left as
 * it was: a service on the call list, or someone a worker links when the plan is next changed):
 *
 * - the entry gets the plan's number when it holds none, so nothing the plan knew is lost;
 * - a plan number that differs from the entry's is kept as a note on the contact, shown with it,
 *   rather than silently replaced by the network's.
 *
 * Versions are otherwise never changed (the application role cannot update them): this adds the
 * link and the note and leaves each version's typed name and number as saved. Activation snapshots
 * are not touched: they record what the plan said, numbers included, when it was put into action.
 * Runs as the owner, so row-level security does not narrow what it sees. Self-contained on purpose:
 * a shipped migration must not change when module code does.
 */
interface Member {
  id: string;
  name: string;
  phone: string | null;
}
interface Contact {
  relationshipId?: string | null;
  name?: string;
  phone?: string | null;
  note?: string | null;
}
interface Content {
  helpers?: Contact[];
  callList?: Contact[];
}

const normalName = (name: string) =>
  name
    .replace(/\([^)]*\)\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
const digits = (phone: string | null | undefined) => (phone ?? '').replace(/[^0-9+]/g, '');

function memberFor(contact: Contact, network: Member[]): Member | undefined {
  if (contact.relationshipId) return network.find((m) => m.id === contact.relationshipId);
  const name = normalName(contact.name ?? '');
  const matches = name ? network.filter((m) => normalName(m.name) === name) : [];
  return matches.length === 1 ? matches[0] : undefined;
}

/** Links one contact; returns the network entries whose number it filled in. */
function link(contact: Contact, network: Member[]): Member | null {
  const member = memberFor(contact, network);
  if (!member) return null;
  contact.relationshipId = member.id;
  const typed = contact.phone?.trim() ? contact.phone.trim() : null;
  if (!typed) return null;
  if (!member.phone) {
    member.phone = typed;
    return member;
  }
  if (digits(typed) !== digits(member.phone))
    contact.note = `This plan gave ${typed} for ${contact.name ?? member.name}; their network entry has ${member.phone}. Check which is right.`;
  return null;
}

async function networkOf(db: Kysely<unknown>, personId: string): Promise<Member[]> {
  const rows = await sql<Member>`
    select r.id, coalesce(r.contact_name, p.given_name || ' ' || p.family_name) as name, r.contact_phone as phone
    from relationship r left join person p on p.id = r.related_person_id
    where r.person_id = ${personId} and r.ended_on is null
    order by r.is_key_contact desc, r.created_at`.execute(db);
  return rows.rows;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const versions = await sql<{ id: string; person_id: string; content: Content | string }>`
    select id, person_id, content from contingency_plan_version order by person_id, version`.execute(db);
  const networks = new Map<string, Member[]>();
  const filled = new Set<Member>();
  for (const version of versions.rows) {
    const content = (typeof version.content === 'string' ? JSON.parse(version.content) : version.content) as Content;
    let network = networks.get(version.person_id);
    if (!network) networks.set(version.person_id, (network = await networkOf(db, version.person_id)));
    const before = JSON.stringify(content);
    for (const contact of [...(content.helpers ?? []), ...(content.callList ?? [])]) {
      const member = link(contact, network);
      if (member) filled.add(member);
    }
    if (JSON.stringify(content) !== before)
      await sql`update contingency_plan_version set content = ${JSON.stringify(content)}::jsonb where id = ${version.id}`.execute(
        db,
      );
  }
  for (const member of filled)
    await sql`update relationship set contact_phone = ${member.phone}, version = version + 1
      where id = ${member.id} and contact_phone is null`.execute(db);
}
