import type { ApiScope, Role } from './roles.js';

/**
 * Every route names one of these policies (route option `config.policy`); a route without one is
 * refused at start-up. A policy says which roles (for people signed in) and which token scopes
 * (for partner systems) may use the route. Object-level rules — organisation, restricted records —
 * are applied by the repositories and answer 404, so existence never leaks.
 */
export interface Policy {
  /** No sign-in needed (public pages, health checks, sign-in itself). */
  public?: true;
  /** Any signed-in user, whatever their role (e.g. sign out, extend session, home page). */
  anyUser?: true;
  roles?: readonly Role[];
  scopes?: readonly ApiScope[];
  description: string;
}

const caseworkers: readonly Role[] = ['practitioner', 'team_manager'];
/** Staff who need to read a person's record to do their job (finance and brokers read, not edit). */
const personReaders: readonly Role[] = [...caseworkers, 'finance_officer', 'broker'];

export const policies = {
  public: { public: true, description: 'Anyone, signed in or not' },
  signedIn: { anyUser: true, description: 'Any signed-in member of staff' },
  'people.read': { roles: personReaders, scopes: ['people:read'], description: 'Find and view people' },
  'people.write': {
    roles: caseworkers,
    scopes: ['people:write'],
    description: 'Create and edit people and their network',
  },
  'events.write': { roles: caseworkers, scopes: ['events:write'], description: 'Record CLD events' },
  'people.restrict': { roles: ['team_manager'], description: 'Restrict a record and name who may see it' },
  'audit.whoViewed': { roles: ['team_manager', 'ig_auditor'], description: 'See who has looked at a record' },
  'audit.review': { roles: ['ig_auditor'], description: 'Review break-glass access and verify the audit log' },
  'audit.findPerson': {
    roles: ['ig_auditor'],
    description: 'Find anyone in the council, restricted or not, to see who has looked at their record',
  },
  'admin.users': { roles: ['administrator'], description: 'Manage staff accounts' },
  'admin.tokens': { roles: ['administrator'], description: 'Issue and revoke partner API tokens' },
  'directory.curate': {
    roles: ['practitioner', 'team_manager', 'broker', 'provider_user', 'commissioner', 'administrator'],
    description: 'Add, edit, check and withdraw community directory entries (partners only their own)',
  },
  'directory.import': {
    roles: ['administrator', 'commissioner'],
    description: 'Import directory feeds and taxonomies',
  },
  'conversations.read': { roles: personReaders, description: 'See tier-one conversations and follow-ups' },
  'conversations.write': { roles: caseworkers, description: 'Record tier-one conversations and follow-ups' },
  'register.read': { roles: caseworkers, description: 'See the early-identification register and its alerts' },
  'register.write': {
    roles: caseworkers,
    scopes: ['register:write'],
    description: 'Refer people to the early-identification register',
  },
  'partnerEvents.write': {
    scopes: ['partner-events:write'],
    description: 'Tell the council about an admission, discharge, fall or carer breakdown',
  },
  'partnerEvents.match': { roles: caseworkers, description: 'Match partner events held for an unknown NHS number' },
  'plans.read': { roles: personReaders, description: 'See contingency plans' },
  'plans.write': { roles: caseworkers, description: 'Agree, change and activate contingency plans' },
  'support-plans.read': { roles: personReaders, description: 'See support plans and one-page profiles' },
  // Brokers help people write their plans (issue 13 §3), so they may change one as well as read it.
  'support-plans.write': {
    roles: [...caseworkers, 'broker'],
    description: 'Write and change support plans with the person',
  },
  // Within the delegated limit of their role (allocation's limits); above every limit, with a panel's decision.
  'support-plans.approve': {
    roles: caseworkers,
    description: 'Approve an agreed support plan within their delegated limit, or with a panel’s decision',
  },
  'crisis.read': { roles: personReaders, description: 'See crisis episodes and the crisis board' },
  'crisis.write': {
    roles: caseworkers,
    description: 'Open crisis episodes, record first contact, plans, support, check-ins and closure',
  },
  'crisis.decide': {
    roles: ['team_manager'],
    description: 'Extend a crisis episode past its time limit, or allow long-term support from one',
  },
  'crisis.figures': {
    roles: ['team_manager', 'commissioner'],
    description: 'See crisis response figures by patch and month',
  },
  'crisis.settings': {
    roles: ['team_manager', 'administrator'],
    description: 'Set crisis urgency levels, response times and the time limit',
  },
  'assessments.read': {
    roles: caseworkers,
    description: 'See who is waiting for a tier 3 assessment',
  },
  'assessments.request': {
    roles: caseworkers,
    description: 'Ask for a tier 3 assessment for someone, or for a carer’s own needs',
  },
  'assessmentRequests.write': {
    scopes: ['assessment-requests:write'],
    description: 'Ask the council for an assessment of someone’s care and support needs',
  },
  'capacity.read': {
    roles: caseworkers,
    description: 'See mental capacity assessments, best-interests decisions, powers of attorney and deputyships',
  },
  'capacity.write': {
    roles: caseworkers,
    description: 'Record mental capacity assessments, best-interests decisions, powers of attorney and deputyships',
  },
  'assessments.view': { roles: personReaders, description: 'See a person’s tier 3 assessments' },
  'assessments.record': {
    roles: caseworkers,
    description: 'Carry out tier 3 assessments: strengths, needs, eligibility, participants and completion',
  },
  'casework.read': {
    roles: caseworkers,
    description: 'See your own caseload and worklist, your team’s caseloads and its unallocated queue',
  },
  'casework.allocate': {
    roles: ['team_manager'],
    description: 'Allocate open work to a worker, transfer it, or return it to the team’s queue',
  },
  // Aggregate only (no names), for the people who judge and set the RAS, not for caseworkers.
  'allocation.fairness': {
    roles: ['commissioner', 'team_manager', 'administrator'],
    description:
      'See the fairness report of agreed budgets against points, by patch, age, ethnicity and support reason',
  },
  'budgets.read': { roles: personReaders, description: 'See a person’s indicative and agreed budget' },
  // Who may approve which amount is decided by the delegated limits (budget_approval_limit), not here.
  'budgets.write': {
    roles: caseworkers,
    description: 'Answer the budget questions, propose an agreed budget and approve one within your limit',
  },
  'budgets.panel': { roles: ['team_manager'], description: 'Record a panel’s decision on a budget above every limit' },
  'ras.manage': {
    roles: ['administrator', 'commissioner'],
    description: 'Draft, test and publish versions of the resource allocation system',
  },
  'money.read': {
    roles: personReaders,
    description: 'See how a person’s budget is held, their contributions and the money on their accounts',
  },
  'money.write': {
    roles: caseworkers,
    description: 'Set up how each part of a person’s budget is held, and switch it to another way',
  },
  'money.contributions': {
    roles: [...caseworkers, 'finance_officer'],
    description: 'Record a person’s contribution as their financial assessment set it',
  },
  'budgets.settings': {
    roles: ['administrator'],
    description:
      'Set the council’s personal budget settings: the small payment limit, contributions, surpluses, agreement terms',
  },
  'budgets.limits': { roles: ['administrator'], description: 'Set the delegated limits for approving budgets' },
  'assistants.read': {
    roles: personReaders,
    description: 'See the personal assistants people employ, their checks and insurance, and insurance renewals',
  },
  // Brokers help people set up their support, employing a PA included (issue 14 §5).
  'assistants.write': {
    roles: [...caseworkers, 'broker'],
    description: 'Add, change and end the personal assistants people employ; record direct payment support decisions',
  },
  'budgets.matrix': {
    roles: ['administrator'],
    description: 'Set the direct payment support matrix: capacity to manage × support in place → level of support',
  },
  // Pools (S9): staff keep the pool's books and record signatories' approvals on their behalf.
  'pools.read': {
    roles: [...caseworkers, 'finance_officer'],
    description: 'See pools, their expenses and approvals, and members’ record sheets',
  },
  'pools.write': {
    roles: [...caseworkers, 'finance_officer'],
    description: 'Set up pools, add members and contributions, ask for expenses and record signatories’ approvals',
  },
  // ISFs (S3): a provider's users reach only the ISFs lodged with services they own (checked in the repository).
  'isf.read': {
    roles: [...caseworkers, 'finance_officer', 'provider_user'],
    description: 'See individual service funds: balance and what was delivered (providers only their own)',
  },
  'isf.record': {
    roles: [...caseworkers, 'finance_officer', 'provider_user'],
    description: 'Record what was delivered from an individual service fund (providers only their own)',
  },
  // Monitoring a budget part (statements, cards, surpluses, saved hours): caseworkers and finance, light touch.
  'budgets.monitor': {
    roles: [...caseworkers, 'finance_officer'],
    description: 'Import statements and card records, categorise spending, talk through flagged cases, saved hours',
  },
  // Payment runs (issue 14 §3): preparing and releasing are both finance work, by two different people.
  'payments.prepare': {
    roles: ['finance_officer'],
    description: 'See payment runs, prepare and resume a run for a period',
  },
  'payments.release': {
    roles: ['finance_officer'],
    description: 'Release a run someone else prepared (with your password), download its files, record it sent',
  },
  'payments.bank': { roles: ['finance_officer'], description: 'Record and see the bank details payments go to' },
  'admin.patches': { roles: ['administrator', 'team_manager'], description: 'Switch parts of the model on per patch' },
} as const satisfies Record<string, Policy>;

export type PolicyName = keyof typeof policies;

export function isPolicyName(name: unknown): name is PolicyName {
  return typeof name === 'string' && Object.hasOwn(policies, name);
}
