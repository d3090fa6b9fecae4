/**
 * CLD Accommodation Status defined list (cld.md §3.12). Kept in its own file because R2 re-spelt
 * eleven of the R1 values, which are carried as retired values to let pre-R2 records display and be
 * mapped forward; `group` is SALT's and ASCOF's settled or unsettled.
 */
import type { DefinedList } from './lists.js';

export const accommodationStatusList = {
  id: 'accommodationStatus',
  field: 'Accommodation Status',
  // group = SALT LTS004 / ASCOF 2E settled vs unsettled (cld.md §3.12); DHSC keeps the same split in R2.
  source: 'CLD R2 as used in DHSC ASCOF 2E code via cld.md §3.12; R1 retired',
  evidence: 'confirmed',
  values: [
    {
      code: 'Owner occupier or shared ownership scheme',
      label: 'Owner occupier or shared ownership scheme',
      group: 'Settled',
    },
    {
      code: 'Tenant: Local authority or other social housing provider',
      label: 'Tenant: council or other social housing',
      group: 'Settled',
    },
    { code: 'Tenant: Private landlord', label: 'Tenant: private landlord', group: 'Settled' },
    {
      code: 'Settled mainstream housing with family or friends',
      label: 'Settled mainstream housing with family or friends',
      group: 'Settled',
    },
    {
      code: 'Supported accommodation, supported lodgings or supported group home',
      label: 'Supported accommodation, supported lodgings or supported group home',
      group: 'Settled',
    },
    { code: 'Shared Lives scheme', label: 'Shared Lives scheme', group: 'Settled' },
    {
      code: 'Approved premises for offenders released from prison or under probation supervision',
      label: 'Approved premises (released from prison or under probation supervision)',
      group: 'Settled',
    },
    {
      code: 'Sheltered housing, extra care housing or other sheltered housing',
      label: 'Sheltered housing, extra care housing or other sheltered housing',
      group: 'Settled',
    },
    {
      code: 'Mobile accommodation for Gypsy, Roma and Traveller communities',
      label: 'Mobile accommodation for Gypsy, Roma and Traveller communities',
      group: 'Settled',
    },
    { code: 'Rough sleeper or squatting', label: 'Sleeping rough or squatting', group: 'Unsettled' },
    {
      code: 'Night shelter, emergency hostel or direct access hostel',
      label: 'Night shelter, emergency hostel or direct access hostel',
      group: 'Unsettled',
    },
    { code: 'Refuge', label: 'Refuge', group: 'Unsettled' },
    {
      code: 'Placed in temporary accommodation by the council (inc. homelessness resettlement)',
      label: 'Temporary accommodation arranged by the council (including homelessness resettlement)',
      group: 'Unsettled',
    },
    {
      code: 'Staying with family or friends as a short term guest',
      label: 'Staying with family or friends as a short-term guest',
      group: 'Unsettled',
    },
    {
      code: 'Acute hospital or long term healthcare residential facility',
      label: 'Hospital or long-term healthcare residential facility',
      group: 'Unsettled',
    },
    { code: 'Registered care home', label: 'Registered care home', group: 'Unsettled' },
    { code: 'Registered nursing home', label: 'Registered nursing home', group: 'Unsettled' },
    {
      code: 'Prison, young offenders institution or detention centre',
      label: 'Prison, young offender institution or detention centre',
      group: 'Unsettled',
    },
    { code: 'Other temporary accommodation', label: 'Other temporary accommodation', group: 'Unsettled' },
    // SALT/ASCOF count Unknown in the unsettled group (it is not "living at home").
    { code: 'Unknown', label: 'Not known', group: 'Unsettled' },
    // R1 spellings R2 changed (the other nine R1 values are identical in R2).
    {
      code: 'Tenant',
      label: 'Tenant: council or other social housing',
      retired: true,
      replacedBy: 'Tenant: Local authority or other social housing provider',
    },
    {
      code: 'Tenant - private landlord',
      label: 'Tenant: private landlord',
      retired: true,
      replacedBy: 'Tenant: Private landlord',
    },
    {
      code: 'Settled mainstream housing with family / friends',
      label: 'Settled mainstream housing with family or friends',
      retired: true,
      replacedBy: 'Settled mainstream housing with family or friends',
    },
    {
      code: 'Supported accommodation / supported lodgings / supported group home',
      label: 'Supported accommodation, supported lodgings or supported group home',
      retired: true,
      replacedBy: 'Supported accommodation, supported lodgings or supported group home',
    },
    {
      code: 'Sheltered housing / extra care housing / other sheltered housing',
      label: 'Sheltered housing, extra care housing or other sheltered housing',
      retired: true,
      replacedBy: 'Sheltered housing, extra care housing or other sheltered housing',
    },
    {
      code: 'Mobile accommodation for Gypsy / Roma and Traveller communities',
      label: 'Mobile accommodation for Gypsy, Roma and Traveller communities',
      retired: true,
      replacedBy: 'Mobile accommodation for Gypsy, Roma and Traveller communities',
    },
    {
      code: 'Rough sleeper / squatting',
      label: 'Sleeping rough or squatting',
      retired: true,
      replacedBy: 'Rough sleeper or squatting',
    },
    {
      code: 'Night shelter / emergency hostel / direct access hostel',
      label: 'Night shelter, emergency hostel or direct access hostel',
      retired: true,
      replacedBy: 'Night shelter, emergency hostel or direct access hostel',
    },
    {
      code: 'Staying with family / friends as a short-term guest',
      label: 'Staying with family or friends as a short-term guest',
      retired: true,
      replacedBy: 'Staying with family or friends as a short term guest',
    },
    {
      code: 'Acute / long-term healthcare residential facility or hospital',
      label: 'Hospital or long-term healthcare residential facility',
      retired: true,
      replacedBy: 'Acute hospital or long term healthcare residential facility',
    },
    {
      code: 'Prison / Young offenders institution / detention centre',
      label: 'Prison, young offender institution or detention centre',
      retired: true,
      replacedBy: 'Prison, young offenders institution or detention centre',
    },
  ],
} as const satisfies DefinedList;
