/**
 * The people of the source documents' case studies (see shared/scenarios), so a newcomer can find
 * Mr and Mrs Jones straight after `npm start`. NHS numbers are valid test-range numbers (999…);
 * council ids P0000001–P0000011 are theirs in every scale.
 */
const MEMORY = 'Support with memory and cognition';
const PERSONAL_CARE = 'Physical support: Personal care support';

interface ScenarioPerson {
  key: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  nhs_number: string;
  gender: string;
  primary_support_reason: string | null;
  first_language: string;
  interpreter_needed?: boolean;
  ethnicity?: string;
  client_type?: string;
  accommodation_status?: string;
  patch: string;
  address_line1: string;
  town: string;
  postcode: string;
}

export const scenarioPeople: readonly ScenarioPerson[] = [
  {
    key: 'mrJones',
    given_name: 'Harold',
    family_name: 'Jones',
    date_of_birth: '1942-05-14',
    nhs_number: '9990000018',
    gender: 'Male',
    primary_support_reason: null,
    first_language: 'en',
    patch: 'Fenland North',
    address_line1: '14 Elm Road',
    town: 'March',
    postcode: 'PE15 8AA',
  },
  {
    key: 'mrsJones',
    given_name: 'Edna',
    family_name: 'Jones',
    date_of_birth: '1944-09-02',
    nhs_number: '9990000026',
    gender: 'Female',
    primary_support_reason: MEMORY,
    first_language: 'en',
    patch: 'Fenland North',
    address_line1: '14 Elm Road',
    town: 'March',
    postcode: 'PE15 8AA',
  },
  {
    key: 'mrsN',
    given_name: 'Nirmala',
    family_name: 'Nair',
    date_of_birth: '1929-01-20',
    nhs_number: '9990000034',
    gender: 'Female',
    primary_support_reason: PERSONAL_CARE,
    first_language: 'gu',
    interpreter_needed: true,
    ethnicity: 'Asian or Asian British: Indian',
    patch: 'Fenland North',
    address_line1: '3 Nene Parade',
    town: 'Wisbech',
    postcode: 'PE13 1DA',
  },
  {
    key: 'margaret',
    given_name: 'Margaret',
    family_name: 'Ellis',
    date_of_birth: '1936-11-30',
    nhs_number: '9990000042',
    gender: 'Female',
    primary_support_reason: PERSONAL_CARE,
    first_language: 'en',
    patch: 'Cathedral City',
    address_line1: '22 Lisle Lane',
    town: 'Ely',
    postcode: 'CB7 4AS',
  },
  {
    key: 'george',
    given_name: 'George',
    family_name: 'Barker',
    date_of_birth: '1939-03-07',
    nhs_number: '9990000050',
    gender: 'Male',
    primary_support_reason: 'Physical support: Access and mobility only',
    first_language: 'en',
    patch: 'Cathedral City',
    address_line1: '8 Station Road',
    town: 'Soham',
    postcode: 'CB7 5DZ',
  },
  {
    key: 'shirley',
    given_name: 'Shirley',
    family_name: 'Bennett',
    date_of_birth: '1958-06-11',
    nhs_number: '9990000069',
    gender: 'Female',
    primary_support_reason: PERSONAL_CARE,
    first_language: 'en',
    accommodation_status: 'Tenant: Local authority or other social housing provider',
    patch: 'Southern Villages',
    address_line1: '5 Granta Close',
    town: 'Linton',
    postcode: 'CB21 4JT',
  },
  {
    key: 'joan',
    given_name: 'Joan',
    family_name: 'Whitmore',
    date_of_birth: '1938-02-17',
    nhs_number: '9990000077',
    gender: 'Female',
    primary_support_reason: MEMORY,
    first_language: 'en',
    patch: 'Southern Villages',
    address_line1: '41 London Road',
    town: 'Sawston',
    postcode: 'CB22 3HU',
  },
  {
    key: 'mrL',
    given_name: 'Leonard',
    family_name: 'Lambert',
    date_of_birth: '1940-10-03',
    nhs_number: '9990000085',
    gender: 'Male',
    primary_support_reason: null,
    client_type: 'Unpaid carer',
    first_language: 'en',
    patch: 'Fenland North',
    address_line1: '2 Ramsey Road',
    town: 'Chatteris',
    postcode: 'PE16 6EA',
  },
  {
    key: 'mrsL',
    given_name: 'Lilian',
    family_name: 'Lambert',
    date_of_birth: '1941-04-25',
    nhs_number: '9990000093',
    gender: 'Female',
    primary_support_reason: PERSONAL_CARE,
    first_language: 'en',
    patch: 'Fenland North',
    address_line1: '2 Ramsey Road',
    town: 'Chatteris',
    postcode: 'PE16 6EA',
  },
  {
    key: 'mrM',
    given_name: 'Maurice',
    family_name: 'Marsh',
    date_of_birth: '1945-12-08',
    nhs_number: '9990000107',
    gender: 'Male',
    primary_support_reason: null,
    client_type: 'Unpaid carer',
    first_language: 'en',
    patch: 'Cathedral City',
    address_line1: '17 Ouse Walk',
    town: 'Littleport',
    postcode: 'CB6 1QB',
  },
  {
    key: 'mrsM',
    given_name: 'Marion',
    family_name: 'Marsh',
    date_of_birth: '1947-07-19',
    nhs_number: '9990000115',
    gender: 'Female',
    primary_support_reason: MEMORY,
    first_language: 'en',
    patch: 'Cathedral City',
    address_line1: '17 Ouse Walk',
    town: 'Littleport',
    postcode: 'CB6 1QB',
  },
];
