import type { ResultRow } from './search-repository.js';
import type { ServiceDetail } from './service-repository.js';
import { scheduleInWords } from './schedules.js';

/** How pages say things: pounds, ages, miles, short descriptions, opening times. */

/** 1250 → '£12.50', 500 → '£5', 0 → 'Free'. */
export function poundsFromPence(pence: number): string {
  if (pence === 0) return 'Free';
  const pounds = Math.floor(pence / 100).toLocaleString('en-GB');
  const rest = pence % 100;
  return rest === 0 ? `£${pounds}` : `£${pounds}.${String(rest).padStart(2, '0')}`;
}

/** '0.4 miles away', '1 mile away', '12 miles away'. */
export function distanceInWords(miles: number | null): string | null {
  if (miles === null) return null;
  if (miles < 0.1) return 'Less than 0.1 miles away';
  const rounded = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
  return `${rounded} ${rounded === 1 ? 'mile' : 'miles'} away`;
}

/** Who it is for by age, e.g. 'Aged 18 and over', 'Aged 5 to 25', or null when open to all ages. */
export function agesInWords(minimum: string | null, maximum: string | null): string | null {
  const min = minimum === null ? null : Number(minimum);
  const max = maximum === null ? null : Number(maximum);
  if (min !== null && max !== null) return `Aged ${min} to ${max}`;
  if (min !== null && min > 0) return `Aged ${min} and over`;
  if (max !== null) return `Aged up to ${max}`;
  return null;
}

/** The first sentence or so of a description, for result lists: small pages on slow phones. */
export function excerpt(text: string | null, max = 220): string {
  if (!text) return '';
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[,.;:]$/, '')}…`;
}

export function resultView(row: ResultRow) {
  return {
    id: row.id,
    href: `/information/services/${row.id}`,
    name: row.name,
    organisation: row.organization_name,
    summary: excerpt(row.description),
    distance: distanceInWords(row.miles),
    freeOrLowCost: row.free_or_low_cost,
    acceptsDirectPayments: row.accepts_direct_payments,
    temporarilyClosed: row.status === 'temporarily closed',
  };
}

const mentions = (text: string, part: string) => text.toLowerCase().includes(part.toLowerCase());

/**
 * Cost options in words, each said once: feeds repeat the amount in the option name, the
 * description and the free-text fees, so a part already said is left out.
 */
export function costLines(
  detail: Pick<ServiceDetail, 'costs'> & { service: Pick<ServiceDetail['service'], 'fees' | 'fees_description'> },
): string[] {
  const lines: string[] = [];
  for (const c of detail.costs) {
    const amount = c.amount_pence === null ? null : poundsFromPence(c.amount_pence);
    if (c.amount_description && amount && mentions(c.amount_description, amount)) {
      lines.push(c.amount_description);
      continue;
    }
    let line = c.option ?? amount ?? '';
    if (amount && !mentions(line, amount)) line = line ? `${line} – ${amount}` : amount;
    if (c.amount_description && !mentions(line, c.amount_description))
      line = line ? `${line}: ${c.amount_description}` : c.amount_description;
    if (line) lines.push(line);
  }
  const said = [
    ...lines,
    ...detail.costs.flatMap((c) => [c.option, c.amount_description]).filter((t): t is string => Boolean(t)),
  ];
  for (const extra of [detail.service.fees, detail.service.fees_description]) {
    if (extra && !said.some((l) => mentions(l, extra) || mentions(extra, l))) {
      lines.push(extra);
      said.push(extra);
    }
  }
  return [...new Set(lines)];
}

export function serviceView(detail: ServiceDetail) {
  const s = detail.service;
  return {
    id: s.id,
    name: s.name,
    alternateName: s.alternate_name,
    organisation: s.organization_name,
    description: s.description,
    alert: s.alert,
    temporarilyClosed: s.status === 'temporarily closed',
    whoFor: { ages: agesInWords(s.minimum_age, s.maximum_age), eligibility: s.eligibility_description },
    when: detail.schedules.map(scheduleInWords).filter(Boolean),
    costs: costLines(detail),
    freeOrLowCost: s.tl_free_or_low_cost,
    acceptsDirectPayments: s.tl_accepts_direct_payments,
    howToGetThere: detail.locations,
    howToApply: s.application_process,
    phones: detail.phones.map((p) => ({
      number: p.number,
      extension: p.extension,
      description: p.description,
      tel: p.number.replace(/[^0-9+]/g, ''),
    })),
    emails: [...new Set([s.email, ...detail.contacts.map((c) => c.email)].filter((e): e is string => Boolean(e)))],
    contacts: detail.contacts.filter((c) => c.name).map((c) => [c.name, c.title].filter(Boolean).join(', ')),
    website: safeWebsite(s.url ?? s.organization_website),
    languages: detail.languages,
    areas: detail.areas,
    kinds: detail.kinds.map((k) => ({
      name: k.name,
      href: k.code ? `/information?kind=${encodeURIComponent(k.code)}` : null,
    })),
    lastChecked: s.tl_last_checked,
  };
}

/** Only http(s) links are shown as links: a 'javascript:' URL in an imported feed must never be clickable. */
export function safeWebsite(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}
