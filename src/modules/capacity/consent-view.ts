import { formatDate } from '../../platform/views/format.js';
import type { DirectPaymentConsentStatus } from './consent.js';
import { POWER_KINDS, RESULTS } from './schema.js';

/**
 * What the capacity page says about a direct payment (S6): can the person consent to one, and if not,
 * the best-interests decision and who holds a power over their money — the three things a direct
 * payment to a suitable person rests on. Rows for a GOV.UK summary list; every value is plain text.
 */
export function consentRows(status: DirectPaymentConsentStatus) {
  const { assessment, bestInterests, powers } = status;
  const rows = [
    {
      key: { text: 'Can they consent to a direct payment?' },
      value: {
        text: assessment
          ? `${RESULTS[assessment.result]} (assessed on ${formatDate(assessment.assessedOn)} by ${assessment.assessorName}, ${assessment.assessorRole})`
          : 'Not assessed: they are presumed to have capacity to consent',
      },
    },
  ];
  if (!status.lacksCapacity) return rows;
  rows.push({
    key: { text: 'Best-interests decision' },
    value: {
      text: bestInterests
        ? `${bestInterests.decisionMade} (decided on ${formatDate(bestInterests.decidedOn)} by ${bestInterests.decidedBy}; ${bestInterests.consulted.length} consulted)`
        : 'None recorded yet',
    },
  });
  rows.push({
    key: { text: 'Power over their money' },
    value: {
      text: powers.length
        ? powers.map((p) => `${p.holders}: ${POWER_KINDS[p.kind]}, reference ${p.reference}`).join('; ')
        : 'No power of attorney or deputyship for property and financial affairs is recorded',
    },
  });
  return rows;
}
