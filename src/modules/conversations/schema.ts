import { z } from 'zod';
import { isDefinedValue, labelFor, zodCldValue } from '../../platform/cld/index.js';
import { dateFromParts, plainDateSchema, todayInLondon, type PlainDate } from '../../platform/dates.js';
import type { FieldError } from '../../platform/http/errors.js';
import { canonicalId, idField } from '../../platform/http/ids.js';

/**
 * What a tier-one conversation form sends, checked with GOV.UK messages. Field names are the form's
 * input ids so the error summary links land on the right place.
 */
type Body = Record<string, unknown>;

const emptyToNull = (v: unknown) => ((typeof v === 'string' && v.trim() === '') || v === undefined ? null : v);

function optionalText(label: string, max: number) {
  return z.preprocess(
    (v) => emptyToNull(typeof v === 'string' ? v.trim() : v),
    z.string().max(max, `${label} must be ${max} characters or fewer`).nullable(),
  );
}

function requiredText(missing: string, label: string, max: number) {
  return z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`);
}

export const asArray = (v: unknown): string[] =>
  v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/**
 * The outcomes a first conversation usually ends with, in the order staff think about them. Each is a
 * CLD Event_Outcome code (Release 2), so the request event never carries a made-up value.
 */
export const requestOutcomes = [
  'NFA: Information and advice or signposting',
  'Progress to reablement/ST-Max',
  'Progress to assessment, review or reassessment',
  'NFA: Referral to other service within the local authority',
  'NFA: Referral to NHS services or NHS funded social care',
  'NFA: Support declined',
  'NFA: Other',
] as const;

const outcomeHints: Record<string, string> = {
  'NFA: Information and advice or signposting': 'Information, advice and the connections made are enough for now',
  'Progress to reablement/ST-Max': 'Short-term support to help them get back on their feet',
  'Progress to assessment, review or reassessment': 'They need an assessment of their care and support needs',
};

export function outcomeItems(selected: unknown) {
  return requestOutcomes.map((code) => ({
    value: code,
    text: labelFor('eventOutcome', code),
    checked: selected === code,
    ...(outcomeHints[code] ? { hint: { text: outcomeHints[code] } } : {}),
  }));
}

export const CONNECTION_SLOTS = 3;

const connectionSchema = z.object({
  /** Which of the form's connection rows it came from, so an error points at the right one. */
  slot: z.number().int().min(1).max(CONNECTION_SLOTS),
  serviceId: idField().nullable(),
  name: z.string().max(200).nullable(),
  agreed: z.string().max(1000).nullable(),
});
export type ConnectionInput = z.output<typeof connectionSchema>;

const uuidList = (message: string) => z.array(idField(message)).max(100, message);

export const conversationSchema = z.object({
  heldOn: plainDateSchema('Date of the conversation', { notFuture: true }),
  routeOfAccess: zodCldValue('routeOfAccess', 'how they came to us'),
  presentRelationshipIds: uuidList('Select who was there from the list'),
  othersPresent: optionalText('Others who were there', 500),
  whatMatters: requiredText('Enter what matters to them', 'What matters to them', 4000),
  strengths: requiredText('Enter their strengths and what they can do', 'Their strengths', 4000),
  networkRelationshipIds: uuidList('Select people in their network from the list'),
  networkNotes: optionalText('Notes about their network', 4000),
  worries: optionalText('Worries', 4000),
  adviceServiceIds: uuidList('Select services from the list'),
  adviceNotes: optionalText('Other advice given', 4000),
  connections: z.array(connectionSchema).max(CONNECTION_SLOTS),
  outcome: z
    .string({ error: 'Select what happens next' })
    .refine((v) => (requestOutcomes as readonly string[]).includes(v) && isDefinedValue('eventOutcome', v), {
      error: 'Select what happens next',
    }),
  outcomeNotes: optionalText('Notes about what happens next', 2000),
});
export type ConversationInput = z.output<typeof conversationSchema>;

export const conversationUpdateSchema = conversationSchema.extend({
  version: z.coerce.number({ error: 'The conversation version is missing' }).int().positive(),
});
export type ConversationUpdateInput = z.output<typeof conversationUpdateSchema>;

export const followUpSchema = z.object({
  what: requiredText('Enter what needs to happen', 'What needs to happen', 500),
  dueOn: plainDateSchema('The date it is due'),
  assignedTo: idField('Select who will do it'),
});
export type FollowUpInput = z.output<typeof followUpSchema>;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The conversation form's flat body to the schema's input, plus errors the schema cannot see (connection rows). */
export function conversationFormToInput(body: Body): { input: Record<string, unknown>; extraErrors: FieldError[] } {
  const extraErrors: FieldError[] = [];
  const connections: ConnectionInput[] = [];
  for (let i = 1; i <= CONNECTION_SLOTS; i += 1) {
    const serviceId = text(body[`connection${i}Service`]) || null;
    const name = text(body[`connection${i}Name`]) || null;
    const agreed = text(body[`connection${i}Agreed`]) || null;
    if (!serviceId && !name && !agreed) continue;
    if (serviceId && name)
      extraErrors.push({
        text: 'Choose a service from the directory or enter a name, not both',
        href: `#connection${i}Name`,
      });
    else if (!serviceId && !name)
      extraErrors.push({ text: 'Enter who they were connected to', href: `#connection${i}Name` });
    else if (serviceId && !canonicalId(serviceId))
      extraErrors.push({ text: 'Select a service from the list', href: `#connection${i}Service` });
    if (name && name.length > 200)
      extraErrors.push({ text: 'Name must be 200 characters or fewer', href: `#connection${i}Name` });
    if (agreed && agreed.length > 1000)
      extraErrors.push({ text: 'What was agreed must be 1000 characters or fewer', href: `#connection${i}Agreed` });
    connections.push({ slot: i, serviceId, name, agreed });
  }
  return {
    input: {
      heldOn: dateFromParts(body['heldOn-day'], body['heldOn-month'], body['heldOn-year']),
      routeOfAccess: body.routeOfAccess,
      presentRelationshipIds: asArray(body.presentRelationshipIds),
      othersPresent: body.othersPresent,
      whatMatters: body.whatMatters,
      strengths: body.strengths,
      networkRelationshipIds: asArray(body.networkRelationshipIds),
      networkNotes: body.networkNotes,
      worries: body.worries,
      adviceServiceIds: asArray(body.adviceServiceIds),
      adviceNotes: body.adviceNotes,
      connections: extraErrors.length ? [] : connections,
      outcome: body.outcome,
      outcomeNotes: body.outcomeNotes,
      ...(body.version === undefined ? {} : { version: body.version }),
    },
    extraErrors,
  };
}

/** "In two weeks" is how people agree a follow-up; a date is there for anything else. */
export const dueChoices = [
  { value: '1w', text: 'In one week', weeks: 1 },
  { value: '2w', text: 'In two weeks', weeks: 2 },
  { value: '4w', text: 'In four weeks', weeks: 4 },
] as const;

/** The follow-up fields of a form (prefix '' for the follow-up page, 'followUp' inside the conversation form). */
/**
 * The follow-up's answers. "In two weeks" counts from `countFrom`: the conversation's own date when
 * the follow-up is agreed with it (a conversation recorded days later is still followed up two weeks
 * after it happened), otherwise today.
 */
export function followUpFormToInput(
  body: Body,
  prefix: string,
  countFrom: PlainDate = todayInLondon(),
): Record<string, unknown> | null {
  const f = (name: string) => (prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name);
  const what = text(body[f('what')]);
  const due = text(body[f('due')]);
  const date = dateFromParts(body[`${f('dueOn')}-day`], body[`${f('dueOn')}-month`], body[`${f('dueOn')}-year`]);
  if (prefix && !what && !due && !date) return null;
  const choice = dueChoices.find((c) => c.value === due);
  // A date typed in without choosing "On the date below" still counts: the date is what they meant.
  const dueOn = choice ? countFrom.add({ weeks: choice.weeks }).toString() : due === 'date' || date ? date : '';
  return { what, dueOn, assignedTo: text(body[f('assignedTo')]) };
}

/** Error hrefs to the field ids the form uses (dates: the day box; follow-up fields: their prefix). */
export function linkErrors(errors: FieldError[], prefix = '', body: Body = {}): FieldError[] {
  const named = (field: string) => (prefix ? `${prefix}${field[0]!.toUpperCase()}${field.slice(1)}` : field);
  return errors.map((e) => {
    const field = e.href.slice(1);
    if (field === 'heldOn') return { ...e, href: '#heldOn-day' };
    if (field === 'dueOn') {
      const dated =
        text(body[named('due')]) === 'date' ||
        ['day', 'month', 'year'].some((part) => text(body[`${named('dueOn')}-${part}`]));
      return dated
        ? { ...e, href: `#${named('dueOn')}-day` }
        : { text: 'Select when it is due', href: `#${named('due')}` };
    }
    return { ...e, href: `#${named(field)}` };
  });
}
