import type { CldDeliveryMechanism, HoldingRoute } from '../tables.js';

/**
 * Every way of holding a personal budget in the guide (chapter 3), in plain English, and what each
 * asks for. One table, so the form, the checks, the payment run and the CLD coding agree.
 */
export interface RouteInfo {
  label: string;
  hint: string;
  /** The CLD R2 delivery mechanism the long-term support it pays for reports. */
  cld: CldDeliveryMechanism;
  /** A direct payment in law: needs a direct payment agreement signed (Care Act s.31–33). */
  directPayment: boolean;
  /** Held by an organisation from the directory (a managed account, an ISF, a council-managed provider). */
  organisation: boolean;
}

export const HOLDING_ROUTES: Record<HoldingRoute, RouteInfo> = {
  direct_payment: {
    label: 'Direct payment to the person',
    hint: 'Paid into their own bank account; they buy their support and keep the records.',
    cld: 'Direct payment',
    directPayment: true,
    organisation: false,
  },
  suitable_person: {
    label: 'Direct payment to a suitable person',
    hint: 'For someone who lacks capacity to consent to a direct payment: paid to a person appointed after the council’s checks.',
    cld: 'Direct payment',
    directPayment: true,
    organisation: false,
  },
  prepaid_card: {
    label: 'Prepaid card',
    hint: 'A direct payment loaded onto a card; the person or their family can check the balance and transactions.',
    cld: 'Direct payment',
    directPayment: true,
    organisation: false,
  },
  managed_account: {
    label: 'Supported managed account',
    hint: 'A third-party organisation holds the money and pays for support as the person directs; its fee is part of the plan’s costs.',
    cld: 'Direct payment',
    directPayment: true,
    organisation: true,
  },
  trust: {
    label: 'Trust',
    hint: 'A user-controlled trust with at least three trustees receives the payments.',
    cld: 'Direct payment',
    directPayment: true,
    organisation: false,
  },
  pool: {
    label: 'Pooled with others',
    hint: 'Paid into a group account that members use together for shared activities.',
    cld: 'Direct payment',
    directPayment: true,
    organisation: false,
  },
  one_off: {
    label: 'Small one-off payment',
    hint: 'Up to the scheme’s limit, paid once without a separate bank account.',
    cld: 'Direct payment',
    directPayment: false,
    organisation: false,
  },
  council_managed: {
    label: 'Council-managed budget',
    hint: 'No money moves to the person: the council arranges and pays for the support they choose.',
    cld: 'CASSR managed personal budget',
    directPayment: false,
    organisation: false,
  },
  isf: {
    label: 'Individual service fund',
    hint: 'Lodged with a provider, ring-fenced for the person and spent as their plan says.',
    cld: 'CASSR managed personal budget',
    directPayment: false,
    organisation: true,
  },
};

export const ROUTE_KEYS = Object.keys(HOLDING_ROUTES) as HoldingRoute[];

export const isHoldingRoute = (value: unknown): value is HoldingRoute =>
  typeof value === 'string' && Object.hasOwn(HOLDING_ROUTES, value);

/** The fewest trustees a trust may have (the guide: at least three). */
export const MIN_TRUSTEES = 3;
