import type { ConversationRow } from './tables.js';
import { labelFor } from '../../platform/cld/index.js';
import { conversationColumns } from './repository.js';
import type { ConversationInput } from './schema.js';

const labels: Record<string, string> = {
  held_on: 'Date of the conversation',
  route_of_access: 'How they came to us',
  others_present: 'Others who were there',
  what_matters: 'What matters to them',
  strengths: 'Their strengths',
  network_notes: 'Their network',
  worries: 'Worries',
  advice_notes: 'Other advice given',
  outcome: 'What happens next',
  outcome_notes: 'Notes about what happens next',
};

const shown = (key: string, value: unknown) => {
  const v = String(value ?? '');
  if (key === 'outcome') return labelFor('eventOutcome', v);
  if (key === 'route_of_access') return labelFor('routeOfAccess', v);
  return v;
};

export interface SavedLinks {
  network: { relationship_id: string; role: string }[];
  advice: { id: string }[];
  connections: {
    directory_service_id: string | null;
    connected_to_name: string | null;
    agreed_follow_up: string | null;
  }[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};

/** For a refused stale edit: each part where the saved conversation now differs from what was submitted. */
export function describeChanges(current: ConversationRow, links: SavedLinks, submitted: ConversationInput) {
  const mine = conversationColumns(submitted) as Record<string, unknown>;
  const saved = current as unknown as Record<string, unknown>;
  const changes = Object.keys(labels)
    .filter((key) => String(mine[key] ?? '') !== String(saved[key] ?? ''))
    .map((key) => ({ field: labels[key]!, yours: shown(key, mine[key]), theirs: shown(key, saved[key]) }));
  const ids = (role: string) => links.network.filter((n) => n.role === role).map((n) => n.relationship_id);
  const listChanged = (field: string, a: readonly string[], b: readonly string[]) => {
    if (!sameSet(a, b)) changes.push({ field, yours: 'Your choices', theirs: 'Changed by someone else' });
  };
  listChanged('Who was there', submitted.presentRelationshipIds, ids('present'));
  listChanged('People in their network', submitted.networkRelationshipIds, ids('network'));
  listChanged(
    'Information given about services',
    submitted.adviceServiceIds,
    links.advice.map((a) => a.id),
  );
  const key = (c: { serviceId?: string | null; name?: string | null; agreed?: string | null }) =>
    `${c.serviceId ?? ''}|${c.name ?? ''}|${c.agreed ?? ''}`;
  const mineConnections = submitted.connections.map((c) =>
    key({ serviceId: c.serviceId, name: c.serviceId ? null : c.name, agreed: c.agreed }),
  );
  const savedConnections = links.connections.map((c) =>
    key({ serviceId: c.directory_service_id, name: c.connected_to_name, agreed: c.agreed_follow_up }),
  );
  if (mineConnections.join('\n') !== savedConnections.join('\n'))
    changes.push({ field: 'Connections made', yours: 'Your choices', theirs: 'Changed by someone else' });
  return changes;
}
