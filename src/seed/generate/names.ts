import type { Rng } from './random.js';

/**
 * Names for the synthetic residents, by birth cohort and heritage, so that an 88-year-old is a Doreen
 * or a Ronald rather than a Chloe, and search has the mix of common and unusual surnames (and the
 * many Smiths and Patels) it meets in a real county.
 */
export type Heritage =
  | 'british'
  | 'irish'
  | 'polish'
  | 'lithuanian'
  | 'romanian'
  | 'portuguese'
  | 'indian-gujarati'
  | 'indian-punjabi'
  | 'pakistani'
  | 'bangladeshi'
  | 'chinese'
  | 'african'
  | 'caribbean'
  | 'other';

const britishSurnames = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Robinson',
  'Thompson',
  'Wright',
  'Walker',
  'White',
  'Edwards',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Patterson',
  'Jackson',
  'Wood',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Lee',
  'King',
  'Baker',
  'Harrison',
  'Morgan',
  'Allen',
  'James',
  'Scott',
  'Phillips',
  'Watson',
  'Davis',
  'Parker',
  'Price',
  'Bennett',
  'Young',
  'Griffiths',
  'Mitchell',
  'Kelly',
  'Cook',
  'Carter',
  'Richardson',
  'Bailey',
  'Collins',
  'Bell',
  'Shaw',
  'Murphy',
  'Miller',
  'Cox',
  'Richards',
  'Khan',
  'Marshall',
  'Anderson',
  'Simpson',
  'Ellis',
  'Adams',
  'Jackman',
  'Wilkinson',
  'Foster',
  'Chapman',
  'Mason',
  'Gray',
  'Webb',
  'Rogers',
  'Hunt',
  'Palmer',
  'Holmes',
  'Mills',
  'Barnes',
  'Knight',
  'Lloyd',
  'Butler',
  'Russell',
  'Barker',
  'Fisher',
  'Stevens',
  'Jenkins',
  'Dixon',
  'Fletcher',
  'Pearson',
  'Gibson',
  'Saunders',
  'Howard',
  'Pearce',
  'Fenwick',
  'Gotobed',
  'Thurston',
  'Hainsworth',
  'Pegg',
  'Cattell',
  'Mustill',
  'Ketteridge',
  'Negus',
  'Bedford',
  'Seaman',
  'Sizer',
  'Leggett',
  'Rumbelow',
  'Ollett',
  'Dewsbury',
  'Haylock',
  'Sharman',
  'Plumb',
  'Nunn',
  'Feast',
  'Kerridge',
];
const irishSurnames = [
  'Murphy',
  'Kelly',
  "O'Sullivan",
  'Walsh',
  "O'Brien",
  'Byrne',
  'Ryan',
  "O'Connor",
  'Doyle',
  'McCarthy',
  'Gallagher',
  'Doherty',
];
const polishSurnames = [
  'Nowak',
  'Kowalski',
  'Wiśniewski',
  'Wójcik',
  'Kamiński',
  'Lewandowski',
  'Zieliński',
  'Szymański',
  'Dąbrowski',
  'Kozłowski',
];
const lithuanianSurnames = ['Kazlauskas', 'Jankauskas', 'Petrauskas', 'Stankevičius', 'Vasiliauskas', 'Žukauskas'];
const romanianSurnames = ['Popescu', 'Ionescu', 'Popa', 'Radu', 'Dumitru', 'Stan', 'Stoica'];
const portugueseSurnames = ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues'];
const gujaratiSurnames = [
  'Patel',
  'Shah',
  'Mistry',
  'Parmar',
  'Solanki',
  'Desai',
  'Joshi',
  'Chauhan',
  'Modi',
  'Nair',
  'Lad',
];
const punjabiSurnames = ['Singh', 'Kaur', 'Sandhu', 'Gill', 'Dhillon', 'Sidhu', 'Bains', 'Johal', 'Grewal'];
const pakistaniSurnames = ['Khan', 'Hussain', 'Ahmed', 'Akhtar', 'Ali', 'Iqbal', 'Mahmood', 'Bibi', 'Rashid', 'Shah'];
const bangladeshiSurnames = ['Begum', 'Miah', 'Uddin', 'Rahman', 'Islam', 'Hoque', 'Choudhury', 'Ahmed'];
const chineseSurnames = ['Wong', 'Chan', 'Li', 'Cheung', 'Lam', 'Ng', 'Chen', 'Lau'];
const africanSurnames = ['Okafor', 'Mensah', 'Adeyemi', 'Okonkwo', 'Boateng', 'Mwangi', 'Osei', 'Abdi', 'Nwosu'];
const caribbeanSurnames = ['Campbell', 'Francis', 'Bailey', 'Grant', 'Henry', 'Williams', 'Brown', 'Thomas', 'Reid'];

const surnames: Record<Heritage, readonly string[]> = {
  british: britishSurnames,
  irish: irishSurnames,
  polish: polishSurnames,
  lithuanian: lithuanianSurnames,
  romanian: romanianSurnames,
  portuguese: portugueseSurnames,
  'indian-gujarati': gujaratiSurnames,
  'indian-punjabi': punjabiSurnames,
  pakistani: pakistaniSurnames,
  bangladeshi: bangladeshiSurnames,
  chinese: chineseSurnames,
  african: africanSurnames,
  caribbean: caribbeanSurnames,
  other: britishSurnames,
};

type Sex = 'Male' | 'Female';
type Cohort = 'older' | 'middle' | 'younger';

const britishGiven: Record<Cohort, Record<Sex, readonly string[]>> = {
  older: {
    Female: [
      'Margaret',
      'Joan',
      'Dorothy',
      'Patricia',
      'Jean',
      'Barbara',
      'Sheila',
      'Doreen',
      'Irene',
      'Eileen',
      'Betty',
      'Joyce',
      'Brenda',
      'Pauline',
      'Maureen',
      'Valerie',
      'Sylvia',
      'Audrey',
      'Kathleen',
      'Mary',
      'Elizabeth',
      'Shirley',
      'Edna',
      'Iris',
      'Vera',
      'Rita',
      'June',
      'Marjorie',
      'Gwendoline',
      'Phyllis',
      'Hilda',
      'Beryl',
      'Muriel',
      'Olive',
      'Ann',
      'Janet',
      'Christine',
      'Gillian',
      'Rosemary',
    ],
    Male: [
      'John',
      'David',
      'Michael',
      'Peter',
      'Robert',
      'William',
      'Brian',
      'Kenneth',
      'Derek',
      'Ronald',
      'Alan',
      'Roy',
      'George',
      'Harold',
      'Frank',
      'Dennis',
      'Colin',
      'Raymond',
      'Terence',
      'Keith',
      'Geoffrey',
      'Arthur',
      'Stanley',
      'Albert',
      'Leonard',
      'Norman',
      'Eric',
      'Cyril',
      'Douglas',
      'Gordon',
      'Malcolm',
      'Trevor',
      'Barry',
      'Graham',
      'Anthony',
      'Bernard',
      'Reginald',
      'Walter',
    ],
  },
  middle: {
    Female: [
      'Susan',
      'Karen',
      'Julie',
      'Tracey',
      'Michelle',
      'Nicola',
      'Lisa',
      'Joanne',
      'Deborah',
      'Amanda',
      'Helen',
      'Sharon',
      'Alison',
      'Claire',
      'Angela',
      'Wendy',
    ],
    Male: [
      'Mark',
      'Paul',
      'Andrew',
      'Stephen',
      'Ian',
      'Gary',
      'Kevin',
      'Darren',
      'Neil',
      'Martin',
      'Simon',
      'Jason',
      'Lee',
      'Richard',
      'Craig',
      'Wayne',
    ],
  },
  younger: {
    Female: [
      'Sarah',
      'Emma',
      'Laura',
      'Rebecca',
      'Amy',
      'Jessica',
      'Chloe',
      'Hannah',
      'Sophie',
      'Charlotte',
      'Lauren',
      'Katie',
      'Megan',
      'Holly',
      'Jade',
      'Ellie',
    ],
    Male: [
      'James',
      'Daniel',
      'Matthew',
      'Christopher',
      'Thomas',
      'Ryan',
      'Jack',
      'Liam',
      'Joshua',
      'Adam',
      'Luke',
      'Callum',
      'Jordan',
      'Nathan',
      'Connor',
      'Kieran',
    ],
  },
};

const heritageGiven: Partial<Record<Heritage, Record<Sex, readonly string[]>>> = {
  irish: {
    Female: ['Bridget', 'Mary', 'Kathleen', 'Siobhan', 'Maureen', 'Nora'],
    Male: ['Patrick', 'Sean', 'Michael', 'Brendan', 'Declan', 'Kieran'],
  },
  polish: {
    Female: ['Anna', 'Maria', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa'],
    Male: ['Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Jan', 'Paweł', 'Marek'],
  },
  lithuanian: {
    Female: ['Ona', 'Jūratė', 'Rasa', 'Asta', 'Daiva'],
    Male: ['Jonas', 'Petras', 'Tomas', 'Darius', 'Mindaugas'],
  },
  romanian: {
    Female: ['Elena', 'Ioana', 'Maria', 'Ana', 'Mihaela'],
    Male: ['Ion', 'Gheorghe', 'Mihai', 'Andrei', 'Vasile'],
  },
  portuguese: {
    Female: ['Maria', 'Ana', 'Fernanda', 'Isabel', 'Rosa'],
    Male: ['José', 'João', 'António', 'Manuel', 'Carlos'],
  },
  'indian-gujarati': {
    Female: ['Nirmala', 'Kokila', 'Hansa', 'Jayshree', 'Pushpa', 'Sarla', 'Manjula', 'Bhavna'],
    Male: ['Ramesh', 'Dinesh', 'Mahesh', 'Jayant', 'Pravin', 'Harish', 'Suresh', 'Kantilal'],
  },
  'indian-punjabi': {
    Female: ['Gurmit', 'Harjit', 'Surinder', 'Balbir', 'Manjit', 'Jaswinder'],
    Male: ['Gurdev', 'Harbhajan', 'Kuldip', 'Baldev', 'Amarjit', 'Sukhdev'],
  },
  pakistani: {
    Female: ['Fatima', 'Nasreen', 'Parveen', 'Shazia', 'Razia', 'Zainab'],
    Male: ['Mohammed', 'Abdul', 'Tariq', 'Imran', 'Javed', 'Rashid'],
  },
  bangladeshi: {
    Female: ['Rahima', 'Jahanara', 'Rokeya', 'Shirin', 'Nazma'],
    Male: ['Abdul', 'Mohammed', 'Anwar', 'Jamal', 'Shahid'],
  },
  chinese: {
    Female: ['Mei', 'Lai Ying', 'Siu Wah', 'Yuk Ling', 'Wai Man'],
    Male: ['Wing', 'Kwok Wai', 'Chi Keung', 'Ka Ho', 'Man Kit'],
  },
  african: {
    Female: ['Grace', 'Ngozi', 'Abena', 'Chioma', 'Amina', 'Esther'],
    Male: ['Emmanuel', 'Kwame', 'Chinedu', 'Samuel', 'Joseph', 'Yusuf'],
  },
  caribbean: {
    Female: ['Hyacinth', 'Gloria', 'Pearl', 'Beverley', 'Marcia'],
    Male: ['Winston', 'Delroy', 'Clifton', 'Everton', 'Lloyd'],
  },
};

export function cohortFor(birthYear: number): Cohort {
  if (birthYear < 1960) return 'older';
  return birthYear < 1985 ? 'middle' : 'younger';
}

export function familyNameFor(rng: Rng, heritage: Heritage): string {
  return rng.pick(surnames[heritage]);
}

export function givenNameFor(rng: Rng, heritage: Heritage, sex: Sex, birthYear: number): string {
  const own = heritageGiven[heritage];
  // Younger people of every heritage often have names from the wider British mix.
  if (own && !(cohortFor(birthYear) === 'younger' && rng.chance(0.4))) return rng.pick(own[sex]);
  return rng.pick(britishGiven[cohortFor(birthYear)][sex]);
}

/** Given names for relatives and neighbours recorded only as contacts (not people with records). */
export function contactGivenName(rng: Rng, sex: Sex, birthYear: number): string {
  return rng.pick(britishGiven[cohortFor(birthYear)][sex]);
}
