import { z } from 'zod';
import { optionalText } from '../../people/index.js';
import { idField } from '../../../platform/http/ids.js';
import { longTermTypes, serviceKinds, type ServiceKindKey } from '../choices.js';
import {
  always,
  dateField,
  dateSchema,
  directoryService,
  emptyToNull,
  isDate,
  required,
  version,
} from './workspace-schema.js';

/** The support item forms: putting support in, ending it, correcting it. */
type Body = Record<string, unknown>;

/** The "support put in" form. The long-term rule is checked in the service, where the actor is known. */
export function serviceSchema(startsOn: string) {
  return (
    z
      .object({
        version,
        kind: z.enum(serviceKinds.map((k) => k.key) as [ServiceKindKey, ...ServiceKindKey[]], {
          error: 'Select what kind of support it is',
        }),
        longTermType: z.preprocess(
          emptyToNull,
          z
            .enum(longTermTypes.map((t) => t.serviceType) as [string, ...string[]], {
              error: 'Select the kind of long-term support',
            })
            .nullable(),
        ),
        provider: optionalText('Provider or helper', 200),
        directoryServiceId: directoryService,
        relationshipId: z.preprocess(emptyToNull, idField('Select someone from their network').nullable()),
        description: required('Enter what the support is', 'What the support is', 1000),
        startsOn: dateSchema('Start date', {
          notBefore: { date: startsOn, message: 'Start date must be on or after the start of the episode' },
        }),
        endsOn: dateSchema('End date', { optional: true }),
        overrideReason: optionalText('The reason for agreeing long-term support', 2000),
      })
      // Checked even when other fields failed, so every mistake is listed at once (values may be unparsed).
      .refine((s) => Boolean(s.provider || s.directoryServiceId || s.relationshipId), {
        path: ['provider'],
        message: 'Enter who provides the support or helps',
        when: always,
      })
      .refine((s) => s.kind !== 'long_term' || Boolean(s.longTermType), {
        path: ['longTermType'],
        message: 'Select the kind of long-term support',
        when: always,
      })
      .refine((s) => !isDate(s.endsOn) || !isDate(s.startsOn) || s.endsOn >= s.startsOn, {
        path: ['endsOn'],
        message: 'End date must be on or after the start date',
        when: always,
      })
  );
}
export type ServiceInput = z.output<ReturnType<typeof serviceSchema>>;

export function serviceFormInput(body: Body) {
  const {
    version: v,
    kind,
    longTermType,
    provider,
    directoryServiceId,
    relationshipId,
    description,
    overrideReason,
  } = body;
  return {
    version: v,
    kind,
    longTermType,
    provider,
    directoryServiceId,
    relationshipId,
    description,
    overrideReason,
    startsOn: dateField(body, 'startsOn'),
    endsOn: dateField(body, 'endsOn'),
  };
}

/** "End this support": it ended on a date (on or after it started), or it did not go ahead. */
export function endServiceSchema(serviceStartsOn: string) {
  return z
    .object({
      version,
      ending: z.enum(['ended', 'cancelled'], { error: 'Select whether the support has ended or did not go ahead' }),
      endsOn: dateSchema('End date', {
        optional: true,
        notBefore: {
          date: serviceStartsOn,
          message:
            'End date must be on or after the day the support started. If it never started, select “It did not go ahead”',
        },
      }),
    })
    .refine((e) => e.ending !== 'ended' || Boolean(e.endsOn), {
      path: ['endsOn'],
      message: 'Enter the date the support ended',
    });
}

export function endServiceFormInput(body: Body) {
  // The date belongs to "It has ended" only: a cancellation ignores whatever is left in its boxes.
  return {
    version: body.version,
    ending: body.ending,
    endsOn: body.ending === 'ended' ? dateField(body, 'endsOn') : '',
  };
}

/** "Change": correct a support item's details and dates. */
export function changeServiceSchema(episodeStartsOn: string) {
  return z
    .object({
      version,
      description: required('Enter what the support is', 'What the support is', 1000),
      provider: required('Enter who provides the support or helps', 'Provider or helper', 200),
      startsOn: dateSchema('Start date', {
        notBefore: { date: episodeStartsOn, message: 'Start date must be on or after the start of the episode' },
      }),
      endsOn: dateSchema('End date', { optional: true }),
    })
    .refine((s) => !isDate(s.endsOn) || !isDate(s.startsOn) || s.endsOn >= s.startsOn, {
      path: ['endsOn'],
      message: 'End date must be on or after the start date',
      when: always,
    });
}

export function changeServiceFormInput(body: Body) {
  return {
    version: body.version,
    description: body.description,
    provider: body.provider,
    startsOn: dateField(body, 'startsOn'),
    endsOn: dateField(body, 'endsOn'),
  };
}
