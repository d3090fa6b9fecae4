/** Form fields for the personal assistant pages' tests. */

/** A GOV.UK date input's three boxes for 'YYYY-MM-DD'. */
export const parts = (id: string, date: string) => {
  const [y, m, d] = date.split('-').map((p) => String(Number(p)));
  return { [`${id}-day`]: d!, [`${id}-month`]: m!, [`${id}-year`]: y! };
};
export const noDate = (id: string) => ({ [`${id}-day`]: '', [`${id}-month`]: '', [`${id}-year`]: '' });

/** S5: Shirley's PA, employed directly, checked, insured, paid through a payroll service. */
export function paForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Maria Lopez',
    employedThrough: 'direct',
    agencyName: '',
    ...parts('startsOn', '2026-03-02'),
    dbsLevel: 'enhanced_barred',
    dbsCertificate: '001234567890',
    ...parts('dbsCheckedOn', '2026-02-16'),
    rightToWorkChecked: 'yes',
    referencesChecked: 'yes',
    insured: 'yes',
    insurer: 'Fenshire Mutual',
    insurancePolicyNumber: 'EL-44821',
    ...parts('insuranceRenewsOn', '2099-03-01'),
    payroll: 'yes',
    payrollService: 'PayPA Ltd',
    supportService: 'Fenshire Direct Payment Support',
    formHelper: 'Her daughter, Karen',
    ...overrides,
  };
}
