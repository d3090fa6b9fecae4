import { describe, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_LIMITS } from '../allocation/index.js';
import { decideApproval, parsePanel, whoCanApprove, type ApprovalFacts } from './approval.js';

const agreedBudget = { weeklyPence: 90_000, agreed: true, versionLabel: 'RAS 2026' };
const facts = (over: Partial<ApprovalFacts>): ApprovalFacts => ({
  status: 'agreed',
  weeklyCostPence: 20_000,
  budget: agreedBudget,
  limits: DEFAULT_APPROVAL_LIMITS,
  role: 'practitioner',
  panel: null,
  ...over,
});
const panel = { decidedOn: '2026-11-20', members: 'Head of service; finance lead', decision: 'Agreed' };

describe('decideApproval', () => {
  it.each([
    ['a draft plan', { status: 'draft' as const }, 'Record that the plan is agreed before it is approved'],
    ['an approved plan', { status: 'approved' as const }, 'This version of the plan is already approved'],
    ['no budget', { budget: null }, 'No budget has been worked out yet'],
    [
      'an indicative budget',
      { budget: { ...agreedBudget, agreed: false, weeklyPence: 30_000 } },
      'The budget is not agreed yet (£300.00 a week is only the indicative budget)',
    ],
    [
      'a plan over the agreed budget',
      { weeklyCostPence: 91_250 },
      'The plan costs £912.50 a week, £12.50 a week more than the agreed budget of £900.00',
    ],
  ])('refuses %s, saying why', (_name, over, reason) => {
    const decision = decideApproval(facts(over));
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.reasons[0]).toContain(reason);
  });

  it('lets a role approve within its own limit, up to and including it', () => {
    expect(decideApproval(facts({ weeklyCostPence: 25_000 }))).toEqual({
      ok: true,
      panel: null,
      budgetWeeklyPence: 90_000,
    });
    expect(decideApproval(facts({ role: 'team_manager', weeklyCostPence: 80_000 })).ok).toBe(true);
  });

  it('over their own limit, names who can approve it', () => {
    const decision = decideApproval(facts({ weeklyCostPence: 25_001 }));
    expect(decision).toEqual({
      ok: false,
      reasons: ['£250.01 a week is more than your limit of £250.00: ask someone with a higher limit'],
      whoCan: ['Team manager, up to £800.00 a week'],
      panelNeeded: false,
    });
    expect(decideApproval(facts({ role: 'broker' })).ok).toBe(false);
  });

  it('above the top limit, needs a panel’s decision, whoever asks, and then approves', () => {
    const above = facts({ role: 'team_manager', weeklyCostPence: 80_001 });
    const decision = decideApproval(above);
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.panelNeeded).toBe(true);
    expect(decideApproval({ ...above, panel })).toEqual({ ok: true, panel, budgetWeeklyPence: 90_000 });
    expect(decideApproval({ ...above, role: 'practitioner', panel }).ok).toBe(true);
  });

  it('lists the roles that can approve an amount, lowest limit first', () => {
    expect(whoCanApprove(DEFAULT_APPROVAL_LIMITS, 100)).toEqual([
      'Social care practitioner, up to £250.00 a week',
      'Team manager, up to £800.00 a week',
    ]);
    expect(whoCanApprove(DEFAULT_APPROVAL_LIMITS, 90_000)).toEqual([]);
  });
});

describe('parsePanel', () => {
  const body = {
    panelHeld: 'yes',
    'panelDecidedOn-day': '20',
    'panelDecidedOn-month': '11',
    'panelDecidedOn-year': '2026',
    panelMembers: 'Head of service; finance lead',
    panelDecision: 'Agreed',
    panelAgreed: 'yes',
  };
  it('is no panel unless one was held', () => {
    expect(parsePanel({})).toEqual({ ok: true, panel: null });
  });
  it('reads the panel’s date, members and decision', () => {
    expect(parsePanel(body)).toEqual({ ok: true, panel });
  });
  it('names each missing field, linked to its input', () => {
    const parsed = parsePanel({
      panelHeld: 'yes',
      'panelDecidedOn-day': '31',
      'panelDecidedOn-month': '2',
      'panelDecidedOn-year': '2026',
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      { text: 'The date the panel decided must be a real date', href: '#panelDecidedOn-day' },
      { text: 'Enter who sat on the panel', href: '#panelMembers' },
      { text: 'Enter what the panel decided', href: '#panelDecision' },
      { text: 'Confirm the panel agreed the plan: approve it only if it did', href: '#panelAgreed' },
    ]);
  });
});
