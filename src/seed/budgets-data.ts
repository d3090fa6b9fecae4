/**
 * How the case study people hold their budgets (issue 14 §2; shared/scenarios S3–S10), as the
 * Money tab's form would be filled in. `weeks`: when each part starts, in weeks before this week's
 * Monday, so the demo always has some history. Amounts in pounds, as typed.
 */
export interface DemoHolding {
  /** scenarioPeople key. */
  person: string;
  /** The agreed weekly budget the seed gives them first (pence); none for a small one-off payment. */
  agreedPence: number | null;
  reason?: string;
  weeksAgo: number;
  form: Record<string, string>;
  /** S7: part of it switched to another way, `weeksAgo` weeks before this Monday. */
  switchTo?: { weeksAgo: number; form: Record<string, string> };
  contribution?: { weekly: string; reference: string };
}

export const DEMO_HOLDINGS: readonly DemoHolding[] = [
  {
    // S7: a prepaid card her granddaughter checks; later £45 a week back to a council-managed budget for the day centre.
    person: 'mrsN',
    agreedPence: null, // Mrs N's £213.00 is agreed by the allocations seed (S2).
    weeksAgo: 12,
    form: {
      route: 'prepaid_card',
      holder: 'Nirmala Nair (her granddaughter Priya checks the balance and transactions)',
      weekly: '213.00',
      restrictions: 'No cash withdrawals; not for alcohol or gambling',
      signedBy: 'Nirmala Nair, with an interpreter (Gujarati)',
    },
    switchTo: {
      weeksAgo: 2,
      form: {
        route: 'council_managed',
        holder: 'Fenshire County Council (Asian day centre, three days a week)',
        moving: '45.00',
      },
    },
    contribution: { weekly: '18.40', reference: 'FA-2026-0412' },
  },
  {
    // S3: an individual service fund lodged with her care agency, ring-fenced for her.
    person: 'margaret',
    agreedPence: 18_500,
    reason: 'Agreed with Margaret and her agency: accompanied shopping and the British Legion social club',
    weeksAgo: 8,
    form: { route: 'isf', weekly: '185.00' },
  },
  {
    // S4: a council-managed (virtual) budget: no money moves to George, the council buys.
    person: 'george',
    agreedPence: 24_000,
    reason: 'Support varying week to week, the dog walker and small adaptations',
    weeksAgo: 10,
    // The provider the council pays is named, so the payment run pays it.
    form: { route: 'council_managed', holder: 'Fenshire County Council', weekly: '240.00', service: 'managed' },
  },
  {
    // S5: a direct payment to her own account; she employs a personal assistant.
    person: 'shirley',
    agreedPence: 16_000,
    reason: 'Her personal assistant’s hours at the agreed hourly rate, with employer costs',
    weeksAgo: 16,
    form: { route: 'direct_payment', holder: 'Shirley (her own account)', weekly: '160.00', signedBy: 'Shirley' },
  },
  {
    // S6: a direct payment to Sheila Parr as suitable person, after the capacity assessment and checks.
    person: 'joan',
    agreedPence: 19_800,
    reason: 'A personal assistant through an agency, chosen with Joan',
    weeksAgo: 4,
    form: {
      route: 'suitable_person',
      spName: 'Sheila Parr',
      spRelationship: 'Friend, holds enduring power of attorney',
      spReferences: 'yes',
      spBestInterests: 'yes',
      weekly: '198.00',
      signedBy: 'Sheila Parr, as suitable person',
    },
  },
  {
    // S8: a supported managed account held by a third-party organisation, its fee in the costs.
    person: 'mrL',
    agreedPence: 15_000,
    reason: 'Four hours from the carers’ charity, a fortnightly day with the agency, floating hours and the fee',
    weeksAgo: 20,
    form: { route: 'managed_account', weekly: '150.00', fee: '12.00', signedBy: 'Leonard and Lilian' },
  },
  {
    // S10: a small one-off payment to Mr M, a carer, for a gardener: no separate bank account needed.
    person: 'mrM',
    agreedPence: null,
    weeksAgo: 3,
    form: { route: 'one_off', holder: 'Maurice (carer)', oneOff: '480.00' },
  },
];
