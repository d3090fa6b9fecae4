import type { Tx } from '../../../platform/db/scope.js';
import { actorId, type Actor } from '../../../platform/access/roles.js';
import type { AssistantInput, EndAssistantInput } from './schema.js';
import type { PersonalAssistantRow, PersonalAssistantTable } from './tables.js';

/**
 * Personal assistants, read and written in the caller's transaction (the service checks who may see
 * the person and audits). Nothing is deleted: an edit bumps the version and keeps the state it saved
 * in personal_assistant_history, and ending the employment sets its end date.
 */
type Columns = Omit<
  PersonalAssistantTable,
  | 'id'
  | 'org_id'
  | 'person_id'
  | 'created_at'
  | 'created_by'
  | 'updated_at'
  | 'updated_by'
  | 'version'
  | 'ends_on'
  | 'ended_reason'
>;

/** The row's columns from the form: what only applies to some answers is kept only then. */
export function assistantColumns(input: AssistantInput, supportServiceId: string | null): Columns {
  const checked = input.dbsLevel !== 'none';
  return {
    name: input.name,
    employed_through: input.employedThrough,
    agency_name: input.employedThrough === 'agency' ? input.agencyName : null,
    starts_on: input.startsOn,
    dbs_level: input.dbsLevel,
    dbs_certificate: checked ? input.dbsCertificate : null,
    dbs_checked_on: checked ? input.dbsCheckedOn : null,
    right_to_work_checked: input.rightToWorkChecked,
    references_checked: input.referencesChecked,
    insurer: input.insured ? input.insurer : null,
    insurance_policy_number: input.insured ? input.insurancePolicyNumber : null,
    insurance_renews_on: input.insured ? input.insuranceRenewsOn : null,
    payroll_service: input.payroll ? input.payrollService : null,
    support_service_id: supportServiceId,
    support_service_name: input.supportService,
    form_helper: input.formHelper,
  };
}

export async function listAssistants(tx: Tx, personId: string): Promise<PersonalAssistantRow[]> {
  return tx
    .selectFrom('personal_assistant')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('starts_on', 'desc')
    .orderBy('name')
    .execute();
}

export async function findAssistant(tx: Tx, personId: string, id: string): Promise<PersonalAssistantRow | undefined> {
  return tx
    .selectFrom('personal_assistant')
    .selectAll()
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

async function keepHistory(tx: Tx, actor: Actor, row: PersonalAssistantRow): Promise<void> {
  await tx
    .insertInto('personal_assistant_history')
    .values({
      org_id: row.org_id,
      assistant_id: row.id,
      version: row.version,
      state: JSON.stringify(row),
      changed_by: actorId(actor),
    })
    .execute();
}

export async function insertAssistant(tx: Tx, actor: Actor, personId: string, columns: Columns): Promise<string> {
  const { id } = await tx
    .insertInto('personal_assistant')
    .values({
      ...columns,
      org_id: actor.orgId,
      person_id: personId,
      created_by: actorId(actor),
      updated_at: new Date(),
      updated_by: actorId(actor),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await keepHistory(tx, actor, (await findAssistant(tx, personId, id))!);
  return id;
}

/** Change the PA if still at `version`; false when someone changed it first (nothing is saved). */
export async function updateAssistant(
  tx: Tx,
  actor: Actor,
  personId: string,
  id: string,
  version: number,
  changes: Partial<Columns> & { ends_on?: string; ended_reason?: string },
): Promise<boolean> {
  const updated = await tx
    .updateTable('personal_assistant')
    .set({ ...changes, updated_at: new Date(), updated_by: actorId(actor), version: version + 1 })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) return false;
  await keepHistory(tx, actor, (await findAssistant(tx, personId, id))!);
  return true;
}

export const endColumns = (input: EndAssistantInput) => ({ ends_on: input.endsOn, ended_reason: input.endedReason });

/** How many saved states a PA has (their history), oldest first. */
export async function assistantHistory(tx: Tx, id: string) {
  return tx
    .selectFrom('personal_assistant_history')
    .select(['version', 'changed_at', 'changed_by'])
    .where('assistant_id', '=', id)
    .orderBy('version')
    .execute();
}
