import { sql, type RawBuilder } from 'kysely';
import { scopedOrgId } from '../../platform/db/scope.js';

/** One person's characteristics as reports group by them: nothing that names or identifies them. */
export interface PersonCharacteristics {
  person_id: string;
  patch_name: string | null;
  /** '18-64', '65-74', '75-84', '85+' or 'Under 18', from the date of birth on `today`. */
  age_band: string;
  /** CLD codes, as stored. */
  ethnicity: string | null;
  primary_support_reason: string | null;
}

/** The age bands, youngest first, as reports show them (SALT's 18–64, with 65+ split as CLD reports do). */
export const AGE_BANDS = ['Under 18', '18-64', '65-74', '75-84', '85+'] as const;

/**
 * Everyone's characteristics in the current organisation, as a derived table for another module to
 * join in one statement (`join ${personCharacteristics(today)} as pc on pc.person_id = …`), so a
 * report over thousands of people is one query and the person table stays this module's.
 */
export function personCharacteristics(today: string): RawBuilder<PersonCharacteristics> {
  return sql<PersonCharacteristics>`(
    select p.id as person_id, t.name as patch_name, p.ethnicity, p.primary_support_reason,
      case
        when age(${today}::date, p.date_of_birth) < interval '18 years' then 'Under 18'
        when age(${today}::date, p.date_of_birth) < interval '65 years' then '18-64'
        when age(${today}::date, p.date_of_birth) < interval '75 years' then '65-74'
        when age(${today}::date, p.date_of_birth) < interval '85 years' then '75-84'
        else '85+'
      end as age_band
    from person p
    left join team t on t.id = p.patch_id
    where p.org_id = ${scopedOrgId}
  )`;
}
