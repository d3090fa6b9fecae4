import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../platform/db/schema.js';
import type { UserActor } from '../platform/access/roles.js';
import type { RequestContext } from '../platform/http/context.js';
import { AssistantService } from '../modules/budgets/index.js';
import type { SeededOrganisation } from './organisation.js';
import { todayIso } from './generate/dates.js';

const SHIRLEY_NHS = '9990000069';
const JOAN_NHS = '9990000077';

const dateParts = (id: string, date: string | null) => {
  const d = date ? Temporal.PlainDate.from(date) : null;
  return {
    [`${id}-day`]: d ? String(d.day) : '',
    [`${id}-month`]: d ? String(d.month) : '',
    [`${id}-year`]: d ? String(d.year) : '',
  };
};
const daysFrom = (asOf: string, days: number) => Temporal.PlainDate.from(asOf).add({ days }).toString();

/**
 * S5 and S6's personal assistants as the demo county has them, written through the assistants'
 * own service (checked and audited as from the pages), as Sam Okafor:
 * - Shirley employs Maria directly; her daughter Lisa helps with the forms; a payroll service pays
 *   Maria; her employer's liability insurance renews in 20 days, so she is on the renewals list and
 *   her page warns. The support decision follows the table (some help, family helps: light touch).
 * - Joan's PA is employed through an agency (the agency insures her); Sheila, her suitable person,
 *   deals with the forms. Joan cannot manage the payment herself; the decision is regular support.
 */
export async function seedPersonalAssistants(
  db: Kysely<DB>,
  org: SeededOrganisation,
  asOf: string = todayIso(),
): Promise<void> {
  const actor: UserActor = {
    kind: 'user',
    userId: org.userIds['sam.practitioner']!,
    orgId: org.orgId,
    role: 'practitioner',
    teamId: null,
    displayName: 'Demo seed',
  };
  const ctx: RequestContext = { actor, requestId: 'demo-seed' };
  const people = await db
    .selectFrom('person')
    .select(['id', 'nhs_number'])
    .where('org_id', '=', org.orgId)
    .where('nhs_number', 'in', [SHIRLEY_NHS, JOAN_NHS])
    .execute();
  const idOf = (nhs: string) => people.find((p) => p.nhs_number === nhs)?.id;
  const service = new AssistantService(db);
  const shirley = idOf(SHIRLEY_NHS);
  const joan = idOf(JOAN_NHS);
  if (shirley) {
    await service.add(ctx, shirley, {
      ...common,
      name: 'Maria Lopez',
      employedThrough: 'direct',
      ...dateParts('startsOn', daysFrom(asOf, -400)),
      dbsLevel: 'enhanced_barred',
      dbsCertificate: '001873340215',
      ...dateParts('dbsCheckedOn', daysFrom(asOf, -420)),
      insured: 'yes',
      insurer: 'Fenshire Mutual',
      insurancePolicyNumber: 'EL-448210',
      ...dateParts('insuranceRenewsOn', daysFrom(asOf, 20)),
      payroll: 'yes',
      payrollService: 'Fenshire Payroll Bureau',
      formHelper: 'Lisa Bennett (daughter)',
    });
    await decide(service, ctx, shirley, 'some_help', 'family', 'light', daysFrom(asOf, -380));
  }
  if (joan) {
    await service.add(ctx, joan, {
      ...common,
      name: 'Priya Shah',
      employedThrough: 'agency',
      agencyName: 'Homecare Together',
      ...dateParts('startsOn', daysFrom(asOf, -60)),
      dbsLevel: 'enhanced_barred',
      ...dateParts('dbsCheckedOn', daysFrom(asOf, -90)),
      insured: 'no',
      ...dateParts('insuranceRenewsOn', null),
      payroll: 'no',
      formHelper: 'Sheila Parr (friend, suitable person)',
    });
    await decide(service, ctx, joan, 'cannot_manage', 'family', 'regular', daysFrom(asOf, -70));
  }
}

/** What both PAs share: checks done, the council's direct payment support service. */
const common = {
  agencyName: '',
  dbsCertificate: '',
  rightToWorkChecked: 'yes',
  referencesChecked: 'yes',
  insurer: '',
  insurancePolicyNumber: '',
  payrollService: '',
  supportService: 'Fenshire Direct Payments Support Service',
};

async function decide(
  service: AssistantService,
  ctx: RequestContext,
  personId: string,
  capacity: string,
  supportInPlace: string,
  decidedLevel: string,
  on: string,
) {
  await service.decide(ctx, personId, {
    capacity,
    supportInPlace,
    decidedLevel,
    reason: '',
    ...dateParts('decidedOn', on),
  });
}
