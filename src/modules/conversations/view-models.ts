import { govukItems, labelFor } from '../../platform/cld/index.js';
import { partsFromDate, todayInLondon } from '../../platform/dates.js';
import type { ConversationRow } from './tables.js';
import type { FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { CONNECTION_SLOTS, asArray, dueChoices, outcomeItems } from './schema.js';

type Body = Record<string, unknown>;

interface RelationshipLike {
  id: string;
  related_person_id: string | null;
  related_given_name: string | null;
  related_family_name: string | null;
  related_restricted: boolean | null;
  contact_name: string | null;
  relationship_type: string;
}
interface ServiceLike {
  id: string;
  name: string;
  description?: string | null;
}
interface StaffLike {
  id: string;
  display_name: string;
}

/** How a relationship is named on these pages; a restricted linked record is never named. */
export function relationshipName(r: RelationshipLike): string {
  const who = r.related_person_id
    ? r.related_restricted
      ? 'Someone with a restricted record'
      : `${r.related_given_name ?? ''} ${r.related_family_name ?? ''}`.trim()
    : (r.contact_name ?? '');
  return `${who} (${labelFor('relationshipType', r.relationship_type).toLowerCase()})`;
}

/** A saved conversation as the form's values, for the edit page. */
export function conversationToForm(
  c: ConversationRow,
  links: {
    network: { relationship_id: string; role: string }[];
    advice: { id: string }[];
    connections: {
      directory_service_id: string | null;
      connected_to_name: string | null;
      agreed_follow_up: string | null;
    }[];
  },
): Body {
  const held = partsFromDate(c.held_on);
  const values: Body = {
    'heldOn-day': held.day,
    'heldOn-month': held.month,
    'heldOn-year': held.year,
    routeOfAccess: c.route_of_access,
    presentRelationshipIds: links.network.filter((n) => n.role === 'present').map((n) => n.relationship_id),
    othersPresent: c.others_present,
    whatMatters: c.what_matters,
    strengths: c.strengths,
    networkRelationshipIds: links.network.filter((n) => n.role === 'network').map((n) => n.relationship_id),
    networkNotes: c.network_notes,
    worries: c.worries,
    adviceServiceIds: links.advice.map((a) => a.id),
    adviceNotes: c.advice_notes,
    outcome: c.outcome,
    outcomeNotes: c.outcome_notes,
    version: c.version,
  };
  links.connections.forEach((conn, i) => {
    values[`connection${i + 1}Service`] = conn.directory_service_id ?? '';
    values[`connection${i + 1}Name`] = conn.connected_to_name ?? '';
    values[`connection${i + 1}Agreed`] = conn.agreed_follow_up ?? '';
  });
  return values;
}

/** Service ids the form currently refers to, so they stay on offer after a search. */
export function chosenServiceIds(values: Body): string[] {
  const ids = [...asArray(values.adviceServiceIds)];
  for (let i = 1; i <= CONNECTION_SLOTS; i += 1) {
    const id = values[`connection${i}Service`];
    if (typeof id === 'string' && id) ids.push(id);
  }
  return [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
}

export function staffItems(staff: StaffLike[], selected: unknown, placeholder = false) {
  return [
    ...(placeholder ? [{ value: '', text: 'Select who will do it' }] : []),
    ...staff.map((s) => ({ value: s.id, text: s.display_name, selected: s.id === selected })),
  ];
}

export interface FormData {
  relationships: RelationshipLike[];
  found: ServiceLike[];
  chosen: ServiceLike[];
  staff: StaffLike[];
}

/** Everything the conversation form template needs, from the submitted (or saved) values. */
export function conversationFormContext(data: FormData, values: Body, errors: FieldError[], me: string | null) {
  const present = new Set(asArray(values.presentRelationshipIds));
  const network = new Set(asArray(values.networkRelationshipIds));
  const advice = new Set(asArray(values.adviceServiceIds));
  const candidates = [...new Map([...data.chosen, ...data.found].map((s) => [s.id, s])).values()];
  const relationshipItems = (checked: Set<string>) =>
    data.relationships.map((r) => ({ value: r.id, text: relationshipName(r), checked: checked.has(r.id) }));
  const today = todayInLondon();
  return {
    errors,
    fieldErrors: errorMap(errors),
    values,
    heldOn: {
      day: values['heldOn-day'] ?? String(today.day),
      month: values['heldOn-month'] ?? String(today.month),
      year: values['heldOn-year'] ?? String(today.year),
    },
    routeItems: govukItems('routeOfAccess', (values.routeOfAccess as string | undefined) ?? 'Community / Other route'),
    presentItems: relationshipItems(present),
    networkItems: relationshipItems(network),
    serviceSearch: typeof values.serviceSearch === 'string' ? values.serviceSearch : '',
    searched: typeof values.serviceSearch === 'string' && values.serviceSearch.trim() !== '',
    adviceItems: candidates.map((s) => ({
      value: s.id,
      text: s.name,
      checked: advice.has(s.id),
      hint: s.description
        ? { text: s.description.length > 140 ? `${s.description.slice(0, 137)}…` : s.description }
        : undefined,
    })),
    connectionSlots: Array.from({ length: CONNECTION_SLOTS }, (_v, i) => {
      const n = i + 1;
      const selected = values[`connection${n}Service`];
      return {
        n,
        name: values[`connection${n}Name`] ?? '',
        agreed: values[`connection${n}Agreed`] ?? '',
        serviceItems: [
          { value: '', text: candidates.length ? 'Not a directory service' : 'Search the directory first' },
          ...candidates.map((s) => ({ value: s.id, text: s.name, selected: s.id === selected })),
        ],
      };
    }),
    outcomeItems: outcomeItems(values.outcome),
    followUpStaffItems: staffItems(data.staff, values.followUpAssignedTo ?? me),
    followUpDue: values.followUpDue ?? '',
    dueChoices,
    followUpDueOn: {
      day: values['followUpDueOn-day'] ?? '',
      month: values['followUpDueOn-month'] ?? '',
      year: values['followUpDueOn-year'] ?? '',
    },
  };
}
