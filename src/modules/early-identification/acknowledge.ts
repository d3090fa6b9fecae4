import type { Tx } from '../../platform/db/scope.js';
import { writeAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/access/roles.js';
import { acknowledgeAlert, alertsForPerson } from './alerts-repository.js';

/**
 * Acknowledge every open alert on a person, as staff do on the alert's page, because crisis work
 * has started for them (a contingency plan activated, an episode opened): the register then stops
 * showing an alert someone is already acting on. Runs in the caller's transaction; each alert
 * acknowledged is audited. Returns how many there were.
 */
export async function acknowledgeOpenAlertsFor(
  tx: Tx,
  ctx: AuditContext & { actor: Actor },
  personId: string,
  note: string,
) {
  const open = (await alertsForPerson(tx, ctx.actor, personId)).filter((a) => a.status === 'open');
  const acknowledged = [];
  for (const alert of open) {
    const done = await acknowledgeAlert(tx, ctx.actor, alert.id, note);
    if (done) acknowledged.push(done);
  }
  await writeAudit(
    tx,
    ctx,
    acknowledged.map((a) => ({
      action: 'register-alert.acknowledge',
      resourceType: 'register_alert',
      resourceId: a.id,
      personId: a.person_id,
    })),
  );
  return acknowledged.length;
}
