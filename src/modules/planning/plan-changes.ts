import { formatPounds } from '../../platform/money.js';
import { formatDate } from '../../platform/views/format.js';
import { FREQUENCIES, FUNDING_SOURCES } from './costing-types.js';
import {
  PROFILE_SECTIONS,
  REPRESENTATIVE_BASES,
  giverLabel,
  writerLabel,
  type PlanContent,
  type PlanItem,
  type PlanOutcome,
  type PlanAgreement,
  type PlanRisk,
  type RiskPanel,
  type ProfileEntry,
  type ProfileKey,
  type Writer,
} from './plan-content.js';

/**
 * A plan's parts as labelled plain text, and the edits that change one part. A version changes one
 * part; two people editing different parts both keep their work, and an edit to a part someone else
 * changed since it was opened is refused, showing theirs beside yours. Pure.
 */

export interface AboutPlan {
  helpedBy: Writer[];
  contingencyPence: number;
  fee: { label: string; weeklyPence: number } | null;
}

export type PlanEdit =
  | { kind: 'profile'; key: ProfileKey; entry: ProfileEntry | null }
  | { kind: 'item'; item: PlanItem }
  | { kind: 'outcome'; outcome: PlanOutcome }
  | { kind: 'risk'; risk: PlanRisk }
  | { kind: 'remove'; list: 'items' | 'outcomes' | 'risks'; id: string }
  | { kind: 'about'; about: AboutPlan }
  | { kind: 'agree'; agreement: PlanAgreement };

const LIST_PART = { items: 'item', outcomes: 'outcome', risks: 'risk' } as const;

/** The key of the part an edit changes: "profile.history", "item.<id>", "about". */
export function partKey(edit: PlanEdit): string {
  switch (edit.kind) {
    case 'profile':
      return `profile.${edit.key}`;
    case 'item':
      return `item.${edit.item.id}`;
    case 'outcome':
      return `outcome.${edit.outcome.id}`;
    case 'risk':
      return `risk.${edit.risk.id}`;
    case 'remove':
      return `${LIST_PART[edit.list]}.${edit.id}`;
    case 'about':
      return 'about';
    case 'agree':
      return 'agreement';
  }
}

const frequencyPhrase = (key: string) => FREQUENCIES.find((f) => f.key === key)?.phrase ?? key;
const fundingLabel = (key: string) => FUNDING_SOURCES.find((f) => f.key === key)?.label ?? key;

function itemText(item: PlanItem): string {
  const lines = [
    `Who: ${item.giverName ? `${item.giverName} (${giverLabel(item.giver).toLowerCase()})` : giverLabel(item.giver)}`,
    `When: ${[item.when, frequencyPhrase(item.frequency)].filter(Boolean).join(', ')}`,
    `Cost: ${item.units} × ${formatPounds(item.amountPence)}, ${fundingLabel(item.funding).toLowerCase()}`,
  ];
  if (item.quotes.length) {
    const quotes = item.quotes.map((q) => `${q.supplier} ${formatPounds(q.amountPence)}${q.chosen ? ' (chosen)' : ''}`);
    lines.push(`Quotes: ${quotes.join('; ')}`);
  }
  return lines.join('\n');
}

function outcomeText(outcome: PlanOutcome, content: PlanContent): string {
  const served = outcome.itemIds.map((id) => content.items.find((i) => i.id === id)?.what).filter(Boolean);
  return `${outcome.words}\nServed by: ${served.length ? served.join('; ') : 'nothing yet'}`;
}

function riskText(risk: PlanRisk): string {
  return [
    `How it will be managed: ${risk.howManaged}`,
    `Positive risk-taking: ${risk.positiveRiskTaking || 'not recorded'}`,
    risk.personAccepts ? 'The person accepts this risk as theirs to take' : '',
    risk.panel ? panelText(risk.panel) : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** A risk enablement panel's record, in words (on the plan, in a version's difference). */
export function panelText(panel: RiskPanel): string {
  return [
    `Risk enablement panel asked: ${panel.question}`,
    `Who sat: ${panel.members}`,
    `The person's view: ${panel.personView}`,
    panel.personCouldAttend ? 'The person could attend the panel' : 'The person was not able to attend the panel',
    `Decision: ${panel.decision}`,
    `Resources agreed: ${panel.resourcesAgreed || 'none'}`,
  ].join('\n');
}

function aboutText(content: PlanContent): string {
  // Versions saved before the budget came from the allocation kept one typed by hand: still shown in their history.
  const typed = content.agreedWeeklyBudgetPence;
  return [
    `Who helped write it: ${content.helpedBy.map(writerLabel).join('; ') || 'not recorded'}`,
    ...(typeof typed === 'number' ? [`Weekly budget typed into the plan: ${formatPounds(typed)}`] : []),
    `Contingency: ${formatPounds(content.contingencyPence)} a week`,
    `Fee: ${content.fee ? `${content.fee.label}, ${formatPounds(content.fee.weeklyPence)} a week` : 'none'}`,
  ].join('\n');
}

function agreementText(agreement: PlanAgreement): string {
  const basis = REPRESENTATIVE_BASES.find((b) => b.key === agreement.representativeBasis)?.label.toLowerCase();
  const who =
    agreement.by === 'person' ? 'The person' : `${agreement.representativeName} (${basis ?? 'representative'})`;
  // Shown on the plan and in its history: a date as people write it, not the stored 'YYYY-MM-DD'.
  return `${who} agreed the plan on ${formatDate(agreement.agreedOn)}`;
}

export interface PlanPart {
  label: string;
  text: string;
}

/** Every part of the plan, by key, in page order. */
export function planParts(content: PlanContent): Map<string, PlanPart> {
  const parts = new Map<string, PlanPart>();
  for (const section of PROFILE_SECTIONS) {
    const entry = content.profile[section.key];
    if (!entry) continue;
    const fields = section.fields.map((f) => `${f.label}: ${entry.fields[f.key] ?? ''}`);
    parts.set(`profile.${section.key}`, {
      label: section.title,
      text: [...fields, `Written by: ${writerLabel(entry.writtenBy)}`].join('\n'),
    });
  }
  for (const o of content.outcomes)
    parts.set(`outcome.${o.id}`, { label: `Outcome: ${o.words}`, text: outcomeText(o, content) });
  for (const i of content.items) parts.set(`item.${i.id}`, { label: `Support: ${i.what}`, text: itemText(i) });
  for (const r of content.risks) parts.set(`risk.${r.id}`, { label: `Risk: ${r.risk}`, text: riskText(r) });
  parts.set('about', { label: 'About the plan', text: aboutText(content) });
  if (content.agreement) parts.set('agreement', { label: 'Agreement', text: agreementText(content.agreement) });
  return parts;
}

export const partText = (content: PlanContent, key: string) => planParts(content).get(key)?.text ?? '';
export const partLabel = (content: PlanContent, key: string) => planParts(content).get(key)?.label ?? key;

const upsert = <T extends { id: string }>(list: readonly T[], row: T): T[] =>
  list.some((r) => r.id === row.id) ? list.map((r) => (r.id === row.id ? row : r)) : [...list, row];

/**
 * The plan with one edit made; the plan given is not changed. An agreement is to the plan as it
 * stood: any other change leaves the plan to be agreed again.
 */
export function applyEdit(content: PlanContent, edit: PlanEdit): PlanContent {
  if (edit.kind === 'agree') return { ...content, agreement: edit.agreement };
  return { ...changed(content, edit), agreement: null };
}

function changed(content: PlanContent, edit: Exclude<PlanEdit, { kind: 'agree' }>): PlanContent {
  switch (edit.kind) {
    case 'profile': {
      const profile = { ...content.profile };
      if (edit.entry) profile[edit.key] = edit.entry;
      else delete profile[edit.key];
      return { ...content, profile };
    }
    case 'item':
      return { ...content, items: upsert(content.items, edit.item) };
    case 'outcome':
      return { ...content, outcomes: upsert(content.outcomes, edit.outcome) };
    case 'risk':
      return { ...content, risks: upsert(content.risks, edit.risk) };
    case 'remove': {
      const next = { ...content, [edit.list]: content[edit.list].filter((r) => r.id !== edit.id) };
      // An outcome no longer names support that has gone from the plan.
      if (edit.list === 'items')
        next.outcomes = content.outcomes.map((o) => ({ ...o, itemIds: o.itemIds.filter((id) => id !== edit.id) }));
      return next;
    }
    case 'about': {
      // The budget now comes from the allocation: a hand-typed one carried from an old version is dropped.
      const { agreedWeeklyBudgetPence: _typed, ...rest } = content;
      return { ...rest, ...edit.about };
    }
  }
}

export interface PartChange {
  field: string;
  theirs: string;
  yours: string;
}

/** For a refused stale edit: the part as someone else saved it, and as the user tried to save it. */
export function describeConflict(saved: PlanContent, submitted: PlanContent, key: string): PartChange[] {
  return [
    {
      field: partLabel(saved, key) === key ? partLabel(submitted, key) : partLabel(saved, key),
      theirs: partText(saved, key) || '(removed)',
      yours: partText(submitted, key) || '(removed)',
    },
  ];
}

export interface VersionDifference {
  part: string;
  before: string;
  after: string;
}

/** What changed between two versions, part by part, in words ("(not in the plan)" for added or removed parts). */
export function versionDifferences(previous: PlanContent, next: PlanContent): VersionDifference[] {
  const [a, b] = [planParts(previous), planParts(next)];
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys
    .filter((k) => a.get(k)?.text !== b.get(k)?.text)
    .map((k) => ({
      part: (b.get(k) ?? a.get(k))!.label,
      before: a.get(k)?.text ?? '(not in the plan)',
      after: b.get(k)?.text ?? '(not in the plan)',
    }));
}
