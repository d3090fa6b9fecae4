/**
 * The organisations behind the demo directory: the council, third-sector groups and providers. All
 * made up (no real charity or company), with names that sound like Fenland and south Cambridgeshire.
 * `partner` names an organisation from ../partners.ts whose staff may curate the entries.
 */
export interface DemoDirectoryOrganisation {
  key: string;
  name: string;
  description: string;
  website: string;
  partner?: string;
  charityNumber?: string;
  companyNumber?: string;
}

export const directoryOrganisations: readonly DemoDirectoryOrganisation[] = [
  {
    key: 'council',
    name: 'Fenshire County Council – Adult Social Care',
    description:
      'The council’s adult social care service: information and advice, equipment, direct payments and support for carers.',
    website: 'https://www.example.org/fenshire-council',
  },
  {
    key: 'carersTrust',
    name: 'Fenshire Carers’ Trust',
    description: 'A local charity for unpaid carers: groups, short breaks, a sitting service and advice.',
    website: 'https://carers.example.org',
    partner: 'Fenshire Carers’ Trust',
    charityNumber: '1100101',
  },
  {
    key: 'timebank',
    name: 'Fenshire Timebank',
    description: 'Neighbours swapping time and skills: an hour of help earns an hour back.',
    website: 'https://timebank.example.org',
    partner: 'Fenshire Timebank',
    charityNumber: '1100102',
  },
  {
    key: 'homecareFenshire',
    name: 'Homecare Fenshire Ltd',
    description: 'A home-care agency rated good, covering the Fens and Ely.',
    website: 'https://homecare.example.org',
    partner: 'Homecare Fenshire Ltd',
    companyNumber: '09100103',
  },
  {
    key: 'laterLife',
    name: 'Later Life Fenshire',
    description: 'A charity for older people: lunch clubs, befriending, information and advice.',
    website: 'https://laterlife.example.org',
    charityNumber: '1100104',
  },
  {
    key: 'memoryMatters',
    name: 'Fenshire Memory Matters',
    description: 'Support for people living with dementia and the people who care for them.',
    website: 'https://memorymatters.example.org',
    charityNumber: '1100105',
  },
  {
    key: 'advocacy',
    name: 'Fens Advocacy Partnership',
    description: 'Independent advocacy, including Care Act and mental capacity advocacy.',
    website: 'https://advocacy.example.org',
    charityNumber: '1100106',
  },
  {
    key: 'independentLiving',
    name: 'Fenshire Independent Living',
    description: 'Run by disabled people: support planning, direct payment advice, payroll and managed accounts.',
    website: 'https://independentliving.example.org',
    charityNumber: '1100107',
  },
  {
    key: 'elyTransport',
    name: 'Isle of Ely Community Transport',
    description: 'Volunteer drivers and accessible minibuses around Ely and the villages.',
    website: 'https://elytransport.example.org',
    charityNumber: '1100108',
  },
  {
    key: 'fenlandTransport',
    name: 'Fenland Community Transport',
    description: 'Dial-a-ride, community cars and group travel in Wisbech, March, Chatteris and Whittlesey.',
    website: 'https://fenlandtransport.example.org',
    charityNumber: '1100109',
  },
  {
    key: 'grantaNeighbours',
    name: 'Granta Valley Good Neighbours',
    description: 'Village volunteers helping with lifts, shopping, visits and small jobs.',
    website: 'https://grantaneighbours.example.org',
    charityNumber: '1100110',
  },
  {
    key: 'befrienders',
    name: 'Fenland Befrienders',
    description: 'Volunteer befrienders who visit, phone or go out with people who feel lonely.',
    website: 'https://befrienders.example.org',
    charityNumber: '1100111',
  },
  {
    key: 'wellbeing',
    name: 'Fenland Wellbeing Network',
    description: 'Peer support groups for people living with long-term conditions and low mood.',
    website: 'https://wellbeing.example.org',
    charityNumber: '1100112',
  },
  {
    key: 'adviceCentre',
    name: 'Fenshire Advice Centre',
    description: 'Free, confidential advice on benefits, money, housing and rights.',
    website: 'https://advice.example.org',
    charityNumber: '1100113',
  },
  {
    key: 'nene',
    name: 'Nene Valley Care Ltd',
    description: 'Home care and live-in care across Fenland.',
    website: 'https://nenevalleycare.example.org',
    companyNumber: '09100114',
  },
  {
    key: 'ouse',
    name: 'Ouse Home Support Ltd',
    description: 'Home care, sitting and night support around Ely, Littleport and Soham.',
    website: 'https://ousehomesupport.example.org',
    companyNumber: '09100115',
  },
  {
    key: 'granta',
    name: 'Granta Home Care Ltd',
    description: 'Home care in the villages south of Cambridge.',
    website: 'https://grantahomecare.example.org',
    companyNumber: '09100116',
  },
  {
    key: 'abletech',
    name: 'AbleTech Fens CIC',
    description:
      'A community interest company that demonstrates, sells and lends daily-living equipment and technology.',
    website: 'https://abletech.example.org',
    companyNumber: '09100117',
  },
  {
    key: 'payroll',
    name: 'Fens Payroll Bureau Ltd',
    description: 'Payroll for people who employ their own personal assistants.',
    website: 'https://payroll.example.org',
    companyNumber: '09100118',
  },
  {
    key: 'mensSheds',
    name: 'Fenland Men’s Sheds',
    description: 'Workshops where people (mostly men) make, mend and chat.',
    website: 'https://sheds.example.org',
    charityNumber: '1100119',
  },
  {
    key: 'asianElders',
    name: 'Fenshire Asian Elders’ Association',
    description:
      'Day centre, lunches and festivals for Asian elders, with Gujarati, Hindi, Punjabi and Bengali spoken.',
    website: 'https://asianelders.example.org',
    charityNumber: '1100120',
  },
  {
    key: 'easternEuropean',
    name: 'Fenland Eastern European Community Centre',
    description: 'Advice and social groups in Polish, Lithuanian, Latvian and Russian.',
    website: 'https://eecc.example.org',
    charityNumber: '1100121',
  },
  {
    key: 'dayOpportunities',
    name: 'Fenland Day Opportunities CIC',
    description: 'Day services, work skills and gardening projects for adults with learning disabilities.',
    website: 'https://dayopportunities.example.org',
    companyNumber: '09100122',
  },
];
