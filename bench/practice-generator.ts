/**
 * A synthetic Dutch coaching practice for benchmarks: clients with their contracts,
 * agreements, guardians, conflicts, referrals, endings and follow-ups, tens of thousands
 * of session notes in Dutch, and a few hundred attachments. Deterministic for a seed.
 *
 * Rows go straight into the vault's tables in large transactions, through the same row
 * mappings (db/tables.ts) and the same INSERT statements the services use, so the stored
 * data looks exactly like data entered through the API; session rows are inserted into
 * `sessions`, so the FTS triggers index every note as they do in the app.
 */
import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../db/connection';
import { insertRow } from '../db/rows';
import { prepared } from '../db/statements';
import {
  clientsTable,
  confidentialityTable,
  conflictsTable,
  contractsTable,
  developmentTable,
  disclosuresTable,
  type EndingRow,
  endingsTable,
  feedbackTable,
  followUpsTable,
  guardiansTable,
  peopleTable,
  referralsTable,
} from '../db/tables';
import type {
  Client,
  Confidentiality,
  Conflict,
  Contract,
  Development,
  Disclosure,
  Feedback,
  FollowUp,
  Guardian,
  Person,
  Referral,
  Session,
} from '../electron/contract/records';

// ---------------------------------------------------------------------------------------
// Seeded randomness (mulberry32: fast and small; for test data, not for secrets)
// ---------------------------------------------------------------------------------------

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    const item = list[Math.floor(this.next() * list.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Earlier entries more often (Zipf-like), as words are used in real text. */
  pickSkewed<T>(list: readonly T[]): T {
    const item = list[Math.floor(this.next() ** 2 * list.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Distinct items, in random order. */
  sample<T>(list: readonly T[], count: number): T[] {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < count && copy.length > 0) {
      const [item] = copy.splice(Math.floor(this.next() * copy.length), 1);
      if (item !== undefined) out.push(item);
    }
    return out;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A version-4 shaped UUID, as randomUUID() makes, but reproducible. */
  uuid(): string {
    let hex = '';
    for (let i = 0; i < 4; i += 1) {
      hex += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    }
    const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** `length` bytes of PRNG output: incompressible, like a scan or a photo. */
  bytes(length: number): Buffer {
    const words = new Uint32Array(Math.ceil(length / 4));
    for (let i = 0; i < words.length; i += 1) words[i] = Math.floor(this.next() * 0x100000000);
    return Buffer.from(words.buffer, 0, length);
  }
}

// ---------------------------------------------------------------------------------------
// Dates: whole days since the epoch, formatted as the API stores them
// ---------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isoMoment(day: number, minutes: number): string {
  return new Date(day * DAY_MS + minutes * 60_000).toISOString();
}

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

const FIRST_NAMES = [
  'Annemieke',
  'Daan',
  'Sem',
  'Lotte',
  'Zoë',
  'Anaïs',
  'Noë',
  'Chloë',
  'Joëlle',
  'Mieke',
  'Sven',
  'Thijs',
  'Bram',
  'Femke',
  'Sanne',
  'Jeroen',
  'Marloes',
  'Ruud',
  'Inge',
  'Joost',
  'Eline',
  'Floor',
  'Niels',
  'Wouter',
  'Kees',
  'Henk',
  'Ingrid',
  'Saskia',
  'Esmée',
  'Daniël',
  'Raphaël',
  'Michiel',
  'Gijs',
  'Fenna',
  'Noor',
  'Lieke',
  'Isa',
  'Julia',
  'Emma',
  'Tess',
  'Mila',
  'Luuk',
  'Jesse',
  'Stijn',
  'Ruben',
  'Mohammed',
  'Fatima',
  'Yasmina',
  'Aïcha',
  'Özlem',
  'Hüseyin',
  'René',
  'André',
  'Hélène',
  'Cécile',
  'Gaëlle',
  'Loïs',
  'Maaike',
  'Gerrit',
  'Wilma',
  'Marieke',
  'Bas',
  'Koen',
  'Hanneke',
  'Jasper',
  'Rianne',
  'Mirjam',
  'Pieter',
  'Anouk',
  'Ilse',
  'Rutger',
  'Nathalie',
  'Tjitske',
  'Sjoerd',
  'Desirée',
  'Ellen',
  'Frank',
  'Marco',
  'Priya',
  'Kofi',
];

const LAST_NAMES = [
  'de Jong',
  'Jansen',
  'de Vries',
  'van den Berg',
  'van Dijk',
  'Bakker',
  'Janssen',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Smits',
  'de Graaf',
  'van der Meer',
  'van der Linden',
  'Kok',
  'Jacobs',
  'de Haan',
  'Vermeulen',
  'van den Heuvel',
  'van der Veen',
  'van den Broek',
  'de Bruijn',
  'van der Heijden',
  'Schouten',
  'van Beek',
  'Willems',
  'van Vliet',
  'van de Ven',
  'Hoekstra',
  'Maas',
  'Verhoeven',
  'Koster',
  'van Dam',
  'van der Wal',
  'Prins',
  'Blom',
  'Huisman',
  'Peeters',
  'Öztürk',
  'Çelik',
  'Yılmaz',
  'Doğan',
  'El Amrani',
  'Müller',
  'Gevaerts',
  'Hoëvenaars',
  'Reëlink',
  'van \u2019t Hof',
  'ter Horst',
  'in \u2019t Veld',
  'Zoëtmulder',
  'Sarı',
  'Kaya',
  'Boukhari',
];

const STREETS = [
  'Kerkstraat',
  'Dorpsstraat',
  'Molenweg',
  'Stationsweg',
  'Schoolstraat',
  'Julianastraat',
  'Beatrixlaan',
  'Lindelaan',
  'Nieuwe Gracht',
  'Oudegracht',
  'Händelstraat',
  'Kloosterstraat',
];
const CITIES = [
  'Utrecht',
  'Amersfoort',
  'Zeist',
  'Houten',
  'Nieuwegein',
  'Amsterdam',
  'Hilversum',
  'Den Haag',
  'Arnhem',
  'Zwolle',
  'Ede',
  'Gouda',
];
const SPONSORS = [
  'Gemeente Utrecht',
  'UWV',
  'Rabobank',
  'Universiteit Utrecht',
  'Bouwbedrijf Van Wijk B.V.',
  'Zorggroep De Linde',
  'ROC Midden Nederland',
  'Politie Midden-Nederland',
  'Stichting Jeugdzorg',
  'Coöperatie De Eendracht U.A.',
];

const RELATIONS = [
  'partner',
  'leidinggevende',
  'moeder',
  'vader',
  'collega',
  'ex-partner',
  'zoon',
  'dochter',
  'zus',
  'broer',
  'vriendin',
  'bedrijfsarts',
];

interface Theme {
  tag: string;
  nouns: readonly string[];
  clauses: readonly string[];
  goals: readonly string[];
}

/** A client's story runs around two or three of these; each has its own words. */
const THEMES: readonly Theme[] = [
  {
    tag: 'werkdruk',
    nouns: [
      'werkdruk',
      'burn-out',
      'overspannenheid',
      'ziekmelding',
      'vermoeidheid',
      're-integratie',
      'deadlines',
      'overuren',
      'takenpakket',
      'bedrijfsarts',
    ],
    clauses: [
      'de werkdruk op de afdeling nog steeds te hoog is',
      'de signalen van een burn-out al maanden zichtbaar waren',
      'het re-integratieplan met de bedrijfsarts te snel gaat',
      'de ziekmelding veel schuldgevoel oproept',
      'er elke avond nog mails worden beantwoord',
      'de vermoeidheid na een werkdag pas om tien uur zakt',
      'het takenpakket na de reorganisatie is verdubbeld',
    ],
    goals: [
      'de werkdruk hanteerbaar maken',
      'herstel van energie na de burn-out',
      'een duurzame re-integratie',
    ],
  },
  {
    tag: 'grenzen',
    nouns: [
      'grenzen',
      'assertiviteit',
      'verwachtingen',
      'behoeften',
      'pleasegedrag',
      'verantwoordelijkheid',
      'schuldgevoel',
    ],
    clauses: [
      'het moeilijk blijft om nee te zeggen tegen collega’s',
      'grenzen pas worden aangegeven als het al te laat is',
      'de eigen behoeften steeds op de tweede plaats komen',
      'de verwachtingen van anderen zwaarder wegen dan de eigen wensen',
      'het pleasegedrag al van jongs af aan bestaat',
      'de grens tussen werk en privé steeds verder vervaagt',
    ],
    goals: ['grenzen eerder en duidelijker aangeven', 'meer ruimte voor eigen behoeften'],
  },
  {
    tag: 'leidinggevende',
    nouns: [
      'leidinggevende',
      'manager',
      'teamleider',
      'functioneringsgesprek',
      'beoordelingsgesprek',
      'reorganisatie',
      'feedback',
      'samenwerking',
    ],
    clauses: [
      'de leidinggevende weinig waardering laat blijken',
      'het functioneringsgesprek met de manager slecht is verlopen',
      'de reorganisatie veel onzekerheid geeft over de eigen functie',
      'feedback van de teamleider als kritiek op de persoon binnenkomt',
      'de samenwerking met de nieuwe manager stroef verloopt',
    ],
    goals: [
      'een constructief gesprek met de leidinggevende voeren',
      'feedback kunnen ontvangen zonder zichzelf te verliezen',
    ],
  },
  {
    tag: 'scheiding',
    nouns: [
      'scheiding',
      'ex-partner',
      'co-ouderschap',
      'omgangsregeling',
      'kinderen',
      'relatie',
      'eenzaamheid',
      'mediation',
    ],
    clauses: [
      'de scheiding meer losmaakt dan verwacht',
      'de omgangsregeling steeds opnieuw tot ruzie leidt',
      'de kinderen merken dat er spanning is tussen de ouders',
      'het co-ouderschap praktisch goed loopt maar emotioneel zwaar is',
      'de avonden zonder de kinderen eenzaam voelen',
      'de mediation na drie gesprekken is vastgelopen',
    ],
    goals: ['rust vinden na de scheiding', 'een werkbare verhouding met de ex-partner'],
  },
  {
    tag: 'zelfvertrouwen',
    nouns: [
      'zelfvertrouwen',
      'onzekerheid',
      'perfectionisme',
      'faalangst',
      'zelfbeeld',
      'zelfcompassie',
      'piekeren',
      'innerlijke criticus',
    ],
    clauses: [
      'het zelfvertrouwen na de kritiek flink is gedaald',
      'perfectionisme ervoor zorgt dat taken nooit af voelen',
      'de innerlijke criticus vooral ’s avonds luid is',
      'het piekeren vaak begint met de gedachte dat het niet goed genoeg is',
      'er naïeve verwachtingen waren van de nieuwe baan',
      'de faalangst toeneemt vlak voor een presentatie',
    ],
    goals: ['meer zelfvertrouwen in werk en privé', 'minder piekeren en meer zelfcompassie'],
  },
  {
    tag: 'loopbaan',
    nouns: [
      'loopbaan',
      'carrière',
      'loopbaanoriëntatie',
      'sollicitatie',
      'ontslag',
      'ambities',
      'omscholing',
      'ondernemerschap',
      'zzp',
    ],
    clauses: [
      'de huidige functie geen uitdaging meer biedt',
      'er twijfel is tussen omscholing en doorgroeien',
      'de sollicitatie bij de gemeente een afwijzing opleverde',
      'het ontslag onverwacht kwam en veel vragen oproept',
      'de stap naar zzp aantrekkelijk maar spannend is',
      'de ideeën over een eigen bedrijf steeds concreter worden',
    ],
    goals: ['een bewuste loopbaankeuze maken', 'helderheid over ambities en talenten'],
  },
  {
    tag: 'rouw',
    nouns: ['rouw', 'verlies', 'verdriet', 'overlijden', 'mantelzorg', 'ziekte', 'afscheid'],
    clauses: [
      'het overlijden van de moeder nog dagelijks aanwezig is',
      'de mantelzorg voor de vader alle energie kost',
      'het verdriet op onverwachte momenten bovenkomt',
      'er nauwelijks ruimte was om afscheid te nemen',
    ],
    goals: ['ruimte maken voor rouw naast werk', 'mantelzorg en werk in balans brengen'],
  },
  {
    tag: 'spanning',
    nouns: [
      'spanning',
      'paniek',
      'angst',
      'ademhaling',
      'ontspanning',
      'mindfulness',
      'hartkloppingen',
      'slaapproblemen',
    ],
    clauses: [
      'de spanning zich vooral in het lichaam laat voelen',
      'er twee keer een paniekaanval was in de trein',
      'de slaapproblemen sinds de zomer zijn toegenomen',
      'de ademhalingsoefening helpt om de hartkloppingen te laten zakken',
      'angst voor herhaling het dagelijks leven beïnvloedt',
    ],
    goals: ['spanning eerder herkennen en reguleren', 'beter slapen'],
  },
  {
    tag: 'financiën',
    nouns: ['financiële zorgen', 'schulden', 'budget', 'huur', 'schuldhulpverlening'],
    clauses: [
      'de financiële zorgen veel ruimte innemen in het hoofd',
      'de schulden zijn opgelopen na de scheiding',
      'de brief van de deurwaarder paniek veroorzaakte',
    ],
    goals: ['overzicht krijgen over de financiële situatie'],
  },
];

const YOUTH_THEME: Theme = {
  tag: 'school',
  nouns: [
    'school',
    'examens',
    'huiswerk',
    'motivatie',
    'vriendschappen',
    'pesten',
    'studiekeuze',
    'social media',
    'ouders',
  ],
  clauses: [
    'de examens veel stress geven',
    'er op school weer is gepest via social media',
    'de motivatie voor huiswerk ver te zoeken is',
    'de studiekeuze volgend jaar al spannend voelt',
    'de ruzies met de ouders over schermtijd toenemen',
  ],
  goals: ['meer plezier en rust op school', 'een studiekeuze die past'],
};

const FEELINGS = [
  'onrust',
  'boosheid',
  'verdriet',
  'schaamte',
  'opluchting',
  'twijfel',
  'trots',
  'machteloosheid',
  'spanning',
  'vermoeidheid',
  'rust',
  'hoop',
  'frustratie',
  'teleurstelling',
  'angst',
  'schuldgevoel',
  'eenzaamheid',
  'energie',
];
const METHODS = [
  'de kernkwadranten van Ofman',
  'de dramadriehoek',
  'een tijdlijnoefening',
  'de cirkel van invloed',
  'een waardenoefening',
  'een ademhalingsoefening',
  'het GROW-model',
  'een rollenspel',
  'de stoelenoefening',
  'een energiemeter',
  'het ABC-schema uit de RET',
  'een ACT-oefening',
  'de wondervraag',
  'schaalvragen',
  'een brief die niet verstuurd wordt',
  'visualisatie',
  'een lichaamsscan',
];
const HOMEWORK = [
  'elke avond drie dingen op te schrijven die goed gingen',
  'het gesprek met de leidinggevende voor te bereiden',
  'bij te houden wanneer de spanning oploopt',
  'twee keer per week een half uur te wandelen',
  'één keer per dag bewust nee te zeggen',
  'de energiemeter dagelijks in te vullen',
  'een lijst te maken van wat energie geeft en kost',
  'de brief aan de ex-partner te schrijven maar niet te versturen',
  'een moment te plannen zonder telefoon',
  'de ideeën over de toekomst op papier te zetten',
];
const PERIODS = [
  'afgelopen week',
  'afgelopen twee weken',
  'afgelopen maand',
  'periode sinds de vorige sessie',
  'zomervakantie',
  'feestdagen',
];
const CHANGES = [
  'toegenomen',
  'afgenomen',
  'gelijk gebleven',
  'wisselend geweest',
  'iets verbeterd',
  'verslechterd',
];
const REACTIONS = [
  'geëmotioneerd',
  'geïrriteerd',
  'nadenkend',
  'opgelucht',
  'afwachtend',
  'enthousiast',
  'stil',
  'verrast',
  'terughoudend',
  'geïnteresseerd',
];
const PROGRESS = [
  'goed op weg',
  'nog lastig',
  'wisselend',
  'duidelijk zichtbaar',
  'nog niet zichtbaar',
  'stap voor stap',
];
const FILLERS = [
  'Daarnaast kwam kort de thuissituatie ter sprake.',
  'Cliënt gaf aan dat de vorige sessie veel heeft losgemaakt.',
  'We hebben de afspraken uit het coachingsplan doorgenomen.',
  'De sessie begon wat stroef maar kwam daarna goed op gang.',
  'Er was aan het eind ruimte voor een korte evaluatie.',
  'Ik heb benoemd wat ik zag gebeuren tijdens het gesprek.',
  'Cliënt vindt het prettig dat er ruimte is om te ordenen.',
  'Het tempo van de gesprekken past goed bij de cliënt.',
  'We hebben stilgestaan bij wat er in de tussentijd is veranderd.',
  'Cliënt merkte op dat de coördinatie tussen werk en privé beter lukt.',
  'De financiële kant is bewust buiten dit traject gehouden.',
  'Afgesproken om het doel bij de volgende evaluatie opnieuw te bekijken.',
];
const REFLECTIONS = [
  'Ik merkte bij mezelf de neiging om te snel met oplossingen te komen.',
  'Goed om in supervisie te bespreken hoe ik met de stiltes omga.',
  'Ik twijfel of het tempo niet te hoog ligt voor de cliënt.',
  'Mijn eigen ervaring speelde even mee; bewust geparkeerd.',
  'De cliënt zocht bevestiging; ik heb dat teruggegeven in plaats van ingevuld.',
  'Volgende keer meer ruimte laten voor het lichaam, minder voor het hoofd.',
  'Bij twijfel over doorverwijzing naar de huisarts of een GZ-psycholoog overleggen.',
  'Ik voelde irritatie toen de afspraak opnieuw niet was nagekomen; dat is informatie.',
];
const HELPS = [
  'wandelen in de pauze',
  'de telefoon ’s avonds uit',
  'vaste slaaptijden',
  'praten met een vriendin',
  'sporten op dinsdag en donderdag',
  'een to-dolijst met maximaal drie taken',
  'muziek luisteren in de auto',
  'één avond per week zonder afspraken',
];
const BELIEFS = [
  'ik moet het alleen kunnen',
  'als ik nee zeg, vinden ze me niet aardig',
  'fouten maken is falen',
  'anderen hebben het zwaarder',
  'rust moet je verdienen',
  'ik ben pas goed als het perfect is',
];
const BODY = [
  'spanning in de schouders en de kaak',
  'een drukkend gevoel op de borst',
  'hoofdpijn aan het eind van de werkdag',
  'dat de ademhaling hoog blijft zitten',
  'dat het slapen beter gaat sinds de wandelingen',
  'vermoeidheid die ook na het weekend niet weg is',
];
const OBSERVATIONS = [
  'de cliënt steeds over anderen praat en weinig over zichzelf',
  'er veel ‘moeten’ in de zinnen zit',
  'de toon lichter werd zodra het over de kinderen ging',
  'de cliënt de eigen successen snel wegwuift',
  'er tranen kwamen bij het woord afscheid',
  'de energie zichtbaar toenam bij het bespreken van nieuwe ideeën',
  'de cliënt reëel kijkt naar wat haalbaar is',
];
const GENERAL_TAGS = [
  'intake',
  'evaluatie',
  'huiswerk',
  'tussenevaluatie',
  'afronding',
  'driegesprek',
  'doelen',
  'terugval',
];

// ---------------------------------------------------------------------------------------
// Note text
// ---------------------------------------------------------------------------------------

interface Story {
  firstName: string;
  themes: readonly Theme[];
  /** Names of people in the client's story, as the coach writes them in notes. */
  people: readonly { name: string; relation: string }[];
}

type Template = (r: Rng, story: Story, theme: Theme) => string;

const TEMPLATES: readonly Template[] = [
  (r, _s, t) => `De cliënt vertelt dat ${r.pick(t.clauses)}.`,
  (r, s, t) => `${s.firstName} geeft aan dat ${r.pick(t.clauses)}.`,
  (r, _s, t) =>
    `We hebben het gehad over ${r.pick(t.nouns)} en hoe dat samenhangt met ${r.pick(t.nouns)}.`,
  (r, _s, t) => `De ${r.pick(t.nouns)} is de ${r.pick(PERIODS)} ${r.pick(CHANGES)}.`,
  (r, s) =>
    `${s.firstName} merkt dat ${r.pickSkewed(FEELINGS)} vooral opspeelt in contact met ${personOf(r, s)}.`,
  (r, s) => `Afgesproken dat ${s.firstName} tot de volgende sessie probeert ${r.pick(HOMEWORK)}.`,
  (r, _s, t) => `In de sessie hebben we met ${r.pick(METHODS)} gewerkt aan ${r.pick(t.nouns)}.`,
  (r, _s, t) =>
    `Cliënt reageert ${r.pick(REACTIONS)} op de vraag wat ${r.pick(t.nouns)} voor haar of hem betekent.`,
  (r, _s, t) => `Terugblik op het doel ${r.pick(t.goals)}: ${r.pick(PROGRESS)}.`,
  (r, s) =>
    `Er was een gesprek met ${personOf(r, s)}, dat ${r.pick(REACTIONS)} is ontvangen door de cliënt.`,
  (r, _s, t) =>
    `Op een schaal van 1 tot 10 geeft de cliënt de ${r.pick(t.nouns)} nu een ${r.int(2, 9)}.`,
  (r, s, t) =>
    `Volgens ${personOf(r, s)} is ${r.pick(t.nouns)} al langer een thema, zegt ${s.firstName}.`,
  (r) => r.pick(FILLERS),
  (r) => {
    const [a, b] = r.sample(FEELINGS, 2);
    return `Gevoelens van ${a} en ${b} wisselen elkaar af.`;
  },
  (r, s) =>
    `${s.firstName} kwam ${r.pick(REACTIONS)} binnen en begon meteen over ${personOf(r, s)}.`,
  (r, _s, t) =>
    `Wat helpt volgens de cliënt: ${r.pick(HELPS)}; wat niet helpt: ${r.pick(t.nouns)} wegstoppen.`,
  (r, _s, t) =>
    `We onderzochten welke overtuiging achter de ${r.pick(t.nouns)} zit: ‘${r.pick(BELIEFS)}’.`,
  (r) => `Lichamelijk merkt de cliënt ${r.pick(BODY)}.`,
  (r, s) =>
    `${s.firstName} heeft het huiswerk ${r.pick(['goed', 'deels', 'niet', 'met moeite', 'creatief'])} gedaan en vertelt wat dat opleverde.`,
  (r, _s, t) =>
    `Bij de vraag wat er over drie maanden anders is, noemt de cliënt ${r.pick(t.goals)}.`,
  (r) => `In het gesprek viel op dat ${r.pick(OBSERVATIONS)}.`,
  (r, _s, t) =>
    `De cliënt wil ${r.pick(t.goals)} en ziet ${r.pick(t.nouns)} daarbij als grootste obstakel.`,
];

const reflectionLine: Template = (r) => r.pick(REFLECTIONS);

function personOf(r: Rng, story: Story): string {
  const person = story.people.length > 0 ? r.pick(story.people) : undefined;
  return person ? `${person.name} (${person.relation})` : `de ${r.pick(RELATIONS)}`;
}

function text(r: Rng, story: Story, words: number, templates: readonly Template[]): string {
  const paragraphs: string[] = [];
  let sentences: string[] = [];
  let count = 0;
  while (count < words) {
    const theme = story.themes.length > 0 ? r.pick(story.themes) : r.pick(THEMES);
    const sentence = r.pick(templates)(r, story, theme);
    sentences.push(sentence);
    for (let i = 0; i < sentence.length; i += 1) if (sentence.charCodeAt(i) === 32) count += 1;
    count += 1;
    if (sentences.length >= 4 && r.chance(0.25)) {
      paragraphs.push(sentences.join(' '));
      sentences = [];
    }
  }
  if (sentences.length > 0) paragraphs.push(sentences.join(' '));
  return paragraphs.join('\n\n');
}

/** Between 100 and 600 words, shorter notes more common (median about 250). */
function noteLength(r: Rng): number {
  return 100 + Math.floor(500 * r.next() ** 1.5);
}

// ---------------------------------------------------------------------------------------
// The practice
// ---------------------------------------------------------------------------------------

export interface PracticeOptions {
  clients?: number;
  sessions?: number;
  attachments?: number;
  seed?: number;
  /** The practice's 'today'; dates are laid out before it. Match the dispatcher's clock. */
  now?: Date;
}

export interface GeneratedPractice {
  clientIds: string[];
  /** An active client with exactly `BUSIEST_SESSIONS` sessions (when there are enough). */
  busiestClientId: string;
  /** Every client with the maximum number of sessions. */
  busiestClientIds: string[];
  sessionCounts: Map<string, number>;
  sessions: number;
  attachments: number;
  attachmentBytes: number;
  noteWords: number;
  ms: number;
}

/** The dispatcher's clock in the API fixture; the bench uses the same. */
export const PRACTICE_NOW = new Date('2026-11-23T10:00:00+01:00');
export const BUSIEST_SESSIONS = 200;
const SESSION_BATCH = 2_000;
const EARLIEST_DAY = dayNumber('2016-01-04');

type Status = Client['status'];

interface PlannedClient {
  client: Client;
  story: Story;
  status: Status;
  /** The day the trajectory started (contract start, first session). */
  startDay: number;
  /** The last day sessions may fall on. */
  lastDay: number;
  endDay: number | null;
  sessions: number;
  sponsor: boolean;
  minor: boolean;
  /** For minors: age in days at the start of the trajectory. */
  ageAtStart: number;
}

function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

const PSEUDO_ADJECTIVES = [
  'Blauwe',
  'Groene',
  'Gouden',
  'Stille',
  'Snelle',
  'Wijze',
  'Dappere',
  'Heldere',
  'Zachte',
  'Rode',
  'Witte',
  'Vrolijke',
  'Kalme',
  'Sterke',
  'Lichte',
  'Warme',
  'Trouwe',
  'Vrije',
  'Nieuwe',
  'Zilveren',
];
const PSEUDO_NOUNS = [
  'Reiger',
  'Linde',
  'Eik',
  'Merel',
  'Vos',
  'Das',
  'Otter',
  'Zwaluw',
  'Wilg',
  'Berk',
  'Valk',
  'Uil',
  'Kraanvogel',
  'Hinde',
  'Beuk',
  'Lijster',
  'Havik',
  'Ree',
  'Spreeuw',
  'Ijsvogel',
];

/** Same shape as services/pseudonyms.ts, but drawn from the seeded generator. */
function pseudonym(r: Rng, taken: Set<string>): string {
  for (;;) {
    const base = `${r.pick(PSEUDO_ADJECTIVES)} ${r.pick(PSEUDO_NOUNS)}`;
    const candidate = taken.has(base) ? `${base} ${r.int(2, 999)}` : base;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

/**
 * Splits `total` sessions over the clients unevenly (log-normal weights, like a real
 * caseload: many short trajectories, a few long ones), capped at `cap`, with the
 * `pinned` client at exactly `cap` (or all of `total` when it is smaller).
 */
function distributeSessions(
  r: Rng,
  eligible: number[],
  total: number,
  cap: number,
  pinned: number,
): Map<number, number> {
  const counts = new Map<number, number>();
  const pinnedCount = Math.min(cap, total);
  counts.set(pinned, pinnedCount);
  const rest = eligible.filter((i) => i !== pinned);
  let remaining = total - pinnedCount;
  if (rest.length * cap < remaining) {
    throw new Error(`cannot place ${total} sessions with at most ${cap} per client`);
  }
  const weights = rest.map(() => Math.exp(1.1 * r.normal()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const floor = remaining >= rest.length ? 1 : 0;
  const spread = remaining - floor * rest.length;
  rest.forEach((index, k) => {
    const share = Math.floor(((weights[k] ?? 0) / sum) * spread);
    const n = Math.min(cap, floor + share);
    counts.set(index, n);
    remaining -= n;
  });
  while (remaining > 0) {
    const index = r.pick(rest);
    const n = counts.get(index) ?? 0;
    if (n < cap) {
      counts.set(index, n + 1);
      remaining -= 1;
    }
  }
  return counts;
}

function planClients(r: Rng, count: number, today: number): PlannedClient[] {
  const taken = new Set<string>();
  const planned: PlannedClient[] = [];
  for (let i = 0; i < count; i += 1) {
    const roll = r.next();
    const status: Status = roll < 0.3 ? 'ended' : roll < 0.38 ? 'intake' : 'active';
    const minor = r.chance(0.06);
    const vulnerable = !minor && r.chance(0.02);
    const firstName = r.pickSkewed(FIRST_NAMES);
    const lastName = r.pick(LAST_NAMES);
    // A minor's age is set against the start of the trajectory in scheduleClient.
    const birthDay =
      today - (minor ? r.int(12 * 365 + 30, 17 * 365 + 300) : r.int(19 * 365, 72 * 365));
    const sponsor = r.chance(0.4);
    const themes = minor
      ? [YOUTH_THEME, ...r.sample(THEMES, r.int(0, 1))]
      : r.sample(THEMES, r.int(1, 3));
    const people = r.sample(RELATIONS, r.int(1, 4)).map((relation) => ({
      name: r.pickSkewed(FIRST_NAMES),
      relation,
    }));
    const createdDay = status === 'intake' ? today - r.int(1, 60) : r.int(EARLIEST_DAY, today - 30);
    const at = isoMoment(createdDay, r.int(8 * 60, 18 * 60));
    const street = r.pick(STREETS);
    const client: Client = {
      id: r.uuid(),
      pseudonym: pseudonym(r, taken),
      firstName,
      lastName,
      dateOfBirth: r.chance(0.05) && !minor ? null : isoDay(birthDay),
      // Some minors are flagged by hand, the rest only by their date of birth.
      isMinor: minor && r.chance(0.5),
      isVulnerableAdult: vulnerable,
      email: `${asciiFold(firstName)}.${asciiFold(lastName)}@example.nl`,
      phone: `06-${String(r.int(10_000_000, 99_999_999))}`,
      address: `${street} ${r.int(1, 240)}, ${r.int(1000, 9999)} ${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))} ${r.pick(CITIES)}`,
      sponsorOrganisation: sponsor ? r.pick(SPONSORS) : '',
      sponsorContact: sponsor ? `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}` : '',
      sponsorEmail: sponsor ? 'hr@example.nl' : '',
      sponsorPhone: sponsor ? `030-${r.int(1_000_000, 9_999_999)}` : '',
      status,
      notes: r.chance(0.6)
        ? text(r, { firstName, themes, people }, r.int(15, 60), TEMPLATES.slice(0, 2))
        : '',
      createdAt: at,
      updatedAt: at,
    };
    planned.push({
      client,
      story: { firstName, themes, people },
      status,
      startDay: createdDay + r.int(3, 21),
      lastDay: today,
      endDay: null,
      sessions: 0,
      sponsor,
      minor,
      ageAtStart: today - birthDay,
    });
  }
  return planned;
}

/** Lays out each client's trajectory in time once its number of sessions is known. */
function scheduleClient(r: Rng, plan: PlannedClient, today: number): void {
  if (plan.status === 'intake') {
    plan.lastDay = today + r.int(3, 20);
    plan.startDay = Math.min(plan.startDay, plan.lastDay);
    return;
  }
  const interval = plan.sessions > 60 ? 7 : r.int(10, 24);
  const span = Math.max(1, plan.sessions) * interval;
  if (plan.status === 'ended') {
    const latestEnd = today - 10;
    const earliestEnd = Math.min(latestEnd, EARLIEST_DAY + span + 30);
    plan.endDay = r.int(earliestEnd, latestEnd);
    plan.lastDay = plan.endDay - r.int(0, 14);
  } else {
    plan.lastDay = today - r.int(0, 20);
  }
  plan.startDay = Math.max(EARLIEST_DAY, plan.lastDay - span);
  // Coached as a minor; a trajectory that ended years ago may now be an adult's dossier.
  if (plan.minor && plan.client.dateOfBirth !== null) {
    plan.client.dateOfBirth = isoDay(plan.startDay - plan.ageAtStart);
  }
  const created = Math.max(EARLIEST_DAY - 30, plan.startDay - r.int(3, 21));
  plan.client.createdAt = isoMoment(created, r.int(8 * 60, 18 * 60));
  plan.client.updatedAt = plan.client.createdAt;
}

const SESSION_SQL = `INSERT INTO sessions (id, client_id, starts_at, duration_minutes, form, notes,
  reflection, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const ATTACHMENT_SQL = `INSERT INTO attachments (id, client_id, session_id, name, media_type, size,
  sha256, created_at, content)
  VALUES (@id, @client_id, @session_id, @name, @media_type, @size, @sha256, @created_at, @content)`;

const FORMS: readonly Session['form'][] = [
  'in-person',
  'in-person',
  'in-person',
  'in-person',
  'in-person',
  'video',
  'video',
  'video',
  'phone',
  'walking',
  'other',
];
const DOCUMENTS = [
  { name: 'werkblad kernkwadranten.pdf', type: 'application/pdf' },
  { name: 'energiemeter week 3.pdf', type: 'application/pdf' },
  { name: 'tekening tijdlijn.jpg', type: 'image/jpeg' },
  { name: 'foto flip-over.png', type: 'image/png' },
  {
    name: 'huiswerk reflectie.docx',
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  { name: 'intakeformulier.pdf', type: 'application/pdf' },
  { name: 'verslag driegesprek.pdf', type: 'application/pdf' },
  { name: 'brief bedrijfsarts.pdf', type: 'application/pdf' },
];

interface SessionRef {
  id: string;
  clientId: string;
  startsAt: string;
}

interface Inserter {
  db: SqliteDatabase;
  r: Rng;
  rows: { attachments: number; bytes: number };
}

function addAttachment(
  ins: Inserter,
  owner: { clientId: string | null; sessionId: string | null; at: string },
  document: { name: string; type: string },
): string {
  const size = ins.r.int(10 * 1024, 500 * 1024);
  const content = ins.r.bytes(size);
  if (document.type === 'application/pdf') content.write('%PDF-1.7\n', 0, 'latin1');
  const id = ins.r.uuid();
  prepared(ins.db, ATTACHMENT_SQL).run({
    id,
    client_id: owner.clientId,
    session_id: owner.sessionId,
    name: document.name,
    media_type: document.type,
    size,
    sha256: createHash('sha256').update(content).digest('hex'),
    created_at: owner.at,
    content,
  });
  ins.rows.attachments += 1;
  ins.rows.bytes += size;
  return id;
}

function insertClientRecords(
  ins: Inserter,
  plan: PlannedClient,
  today: number,
  signedCopyId: string | null,
): void {
  const { db, r } = ins;
  const clientId = plan.client.id;
  const stamp = (day: number): string => isoMoment(Math.min(day, today), r.int(8 * 60, 20 * 60));
  const first = plan.startDay;

  for (const person of plan.story.people) {
    const at = plan.client.createdAt;
    insertRow<Person>(db, peopleTable, {
      id: r.uuid(),
      clientId,
      name: person.name,
      relation: person.relation,
      notes: r.chance(0.3) ? `Genoemd in verband met ${r.pick(plan.story.themes).tag}.` : '',
      createdAt: at,
      updatedAt: at,
    });
  }

  // Most dossiers have the paperwork in order before the first session; some do not.
  const hasContract = plan.status === 'intake' ? r.chance(0.5) : r.chance(0.92);
  if (hasContract) {
    const before = (p: number): string | null =>
      r.chance(p) ? isoDay(Math.min(today, first - r.int(1, 14))) : null;
    const signedOn = before(plan.status === 'intake' ? 0.4 : 0.88);
    insertRow<Contract>(db, contractsTable, {
      clientId,
      startOn: isoDay(first),
      plannedDuration: r.pick(['3 maanden', '6 maanden', '1 jaar', 'in overleg']),
      plannedSessions: r.chance(0.8) ? r.int(4, 24) : null,
      goals: r
        .sample(plan.story.themes, 2)
        .map((t) => r.pick(t.goals))
        .join('; '),
      fees: r.pick(['€ 125 per sessie van 60 minuten', '€ 1.450 voor het hele traject']),
      paymentTerms: 'Betaling binnen 14 dagen na factuurdatum.',
      logistics: r.pick([
        'Sessies in de praktijk aan de Oudegracht, of online via beveiligde video.',
        'Wandelcoaching in het park; bij slecht weer in de praktijk.',
      ]),
      confidentialityTerms: 'Zie de vertrouwelijkheidsafspraken.',
      sponsorReporting: plan.sponsor
        ? 'Alleen aanwezigheid en voortgang in algemene termen, na akkoord van de cliënt.'
        : '',
      codeGivenOn: before(0.85),
      complaintsProcedureOn: before(0.85),
      supervisionConsentOn: before(0.75),
      signedOn,
      signedCopyId: signedOn ? signedCopyId : null,
      updatedAt: stamp(first - 1),
    });
  }

  if (plan.status === 'intake' ? r.chance(0.4) : r.chance(0.88)) {
    const withExceptions = r.chance(0.95);
    insertRow<Confidentiality>(db, confidentialityTable, {
      clientId,
      agreedOn: r.chance(0.95) ? isoDay(Math.min(today, first - r.int(0, 10))) : null,
      agreedWith: plan.sponsor ? `cliënt en ${plan.client.sponsorOrganisation}` : 'cliënt',
      legalDuty: withExceptions,
      illegalActivity: withExceptions && r.chance(0.8),
      dangerSelf: withExceptions,
      dangerOthers: withExceptions,
      otherException: r.chance(0.1) ? 'Overleg met de huisarts bij zorgen over de gezondheid.' : '',
      notes: '',
      updatedAt: stamp(first),
    });
  }

  if (plan.minor || plan.client.isVulnerableAdult) {
    const relations = plan.minor ? ['moeder', 'vader'] : ['mentor', 'curator', 'zus'];
    for (const relation of r.sample(relations, r.int(1, 2))) {
      const consent = r.chance(0.85) ? first - r.int(0, 14) : null;
      insertRow<Guardian>(db, guardiansTable, {
        id: r.uuid(),
        clientId,
        name: `${r.pick(FIRST_NAMES)} ${plan.client.lastName}`,
        relation,
        email: 'ouder@example.nl',
        phone: `06-${r.int(10_000_000, 99_999_999)}`,
        shared: 'Aanwezigheid, globale doelen en voortgang.',
        notShared: 'De inhoud van de gesprekken.',
        consentOn: consent === null ? null : isoDay(Math.min(today, consent)),
        reviewOn: consent === null || r.chance(0.3) ? null : isoDay(consent + r.int(120, 400)),
        createdAt: stamp(first - 14),
        updatedAt: stamp(first - 14),
      });
    }
  }

  if (r.chance(0.01)) {
    const on = r.int(first, Math.min(today, plan.lastDay));
    insertRow<Disclosure>(db, disclosuresTable, {
      id: r.uuid(),
      clientId,
      disclosedOn: isoDay(on),
      recipient: r.pick(['Veilig Thuis', 'huisarts', 'crisisdienst GGZ']),
      legalBasis: 'Gevaar voor de cliënt zelf (artikel 2.14, uitzondering c).',
      whatShared: 'Zorgen over de veiligheid; geen inhoud van de sessies.',
      clientInformedOn: r.chance(0.8) ? isoDay(Math.min(today, on + 1)) : null,
      notes: '',
      createdAt: stamp(on),
      updatedAt: stamp(on),
    });
  }

  if (r.chance(0.04)) {
    const on = r.int(first, Math.min(today, plan.lastDay));
    const discussed = r.chance(0.75) ? on + r.int(0, 14) : null;
    insertRow<Conflict>(db, conflictsTable, {
      id: r.uuid(),
      clientId,
      description: r.pick([
        'Cliënt blijkt een collega van een andere cliënt te zijn.',
        'De opdrachtgever vraagt om inhoudelijke terugkoppeling.',
        'Cliënt is een kennis van mijn partner.',
      ]),
      identifiedOn: isoDay(on),
      discussedOn: discussed === null ? null : isoDay(Math.min(today, discussed)),
      resolution: discussed === null ? '' : 'Besproken en vastgelegd; traject gaat door.',
      resolvedOn: discussed !== null && r.chance(0.6) ? isoDay(Math.min(today, discussed)) : null,
      createdAt: stamp(on),
      updatedAt: stamp(on),
    });
  }

  if (r.chance(0.08)) {
    const on = r.int(first, Math.min(today, plan.lastDay));
    insertRow<Referral>(db, referralsTable, {
      id: r.uuid(),
      clientId,
      referredOn: isoDay(on),
      referredTo: r.pick([
        'huisarts',
        'GZ-psycholoog',
        'bedrijfsarts',
        'schuldhulpverlening',
        'praktijkondersteuner GGZ',
        'Jeugdzorg',
      ]),
      reason: 'De hulpvraag valt buiten coaching (artikel 2.26).',
      clientAgreed: r.chance(0.9),
      notes: '',
      createdAt: stamp(on),
      updatedAt: stamp(on),
    });
  }

  if (plan.endDay !== null) {
    const end = plan.endDay;
    insertRow<EndingRow>(db, endingsTable, {
      clientId,
      endedOn: isoDay(end),
      initiatedBy: r.pick(['client', 'coach', 'mutual', 'mutual', 'mutual', 'sponsor'] as const),
      reason: r.pick([
        'Doelen bereikt.',
        'Cliënt wil het zelf verder oppakken.',
        'Budget van de opdrachtgever op.',
        'Doorverwezen naar passende zorg.',
      ]),
      summary: text(r, plan.story, r.int(30, 90), TEMPLATES),
      retentionUntil: r.chance(0.05) ? isoDay(end + 365 * 10) : null,
      updatedAt: stamp(end),
    });
    for (const [description, after] of r.sample(
      [
        ['Evaluatieformulier sturen', 7],
        ['Eindverslag naar de opdrachtgever', 14],
        ['Nagesprek na drie maanden', 90],
      ] as const,
      r.int(1, 3),
    )) {
      const due = end + after;
      const done = due < today - 30 ? r.chance(0.9) : r.chance(0.3);
      insertRow<FollowUp>(db, followUpsTable, {
        id: r.uuid(),
        clientId,
        description,
        dueOn: isoDay(due),
        doneOn: done ? isoDay(Math.min(today, due - r.int(0, 5))) : null,
        createdAt: stamp(end),
        updatedAt: stamp(end),
      });
    }
    if (r.chance(0.3)) {
      insertRow<Feedback>(db, feedbackTable, {
        id: r.uuid(),
        clientId,
        receivedOn: isoDay(Math.min(today, end + r.int(3, 30))),
        source: r.pick(['client', 'sponsor'] as const),
        summary: r.pick([
          'Cliënt waardeerde de rust en de structuur van de sessies.',
          'Meer huiswerk tussen de sessies had geholpen.',
          'De opdrachtgever ziet dat de cliënt weer met plezier werkt.',
        ]),
        actions: '',
        createdAt: stamp(end + 30),
        updatedAt: stamp(end + 30),
      });
    }
  }
}

function sessionTags(r: Rng, story: Story, index: number, total: number): string[] {
  const tags: string[] = [];
  if (index === 0) tags.push('intake');
  if (index === total - 1 && total > 3) tags.push('afronding');
  for (const theme of story.themes) if (r.chance(0.35)) tags.push(theme.tag);
  if (r.chance(0.15)) tags.push(r.pick(GENERAL_TAGS));
  return [...new Set(tags)];
}

function insertSessions(
  ins: Inserter,
  plans: readonly PlannedClient[],
  today: number,
): { refs: SessionRef[]; words: number } {
  const { db, r } = ins;
  const insert = prepared(db, SESSION_SQL);
  const refs: SessionRef[] = [];
  let words = 0;
  const pending: (string | number | null)[][] = [];
  const flush = (): void => {
    db.transaction(() => {
      for (const row of pending) insert.run(...row);
    })();
    pending.length = 0;
  };
  for (const plan of plans) {
    const n = plan.sessions;
    const span = plan.lastDay - plan.startDay;
    for (let k = 0; k < n; k += 1) {
      const day = n === 1 ? plan.lastDay : plan.startDay + Math.round((span * k) / (n - 1));
      const startsAt = isoMoment(day, r.int(8, 19) * 60 + r.pick([0, 0, 15, 30, 45]));
      const duration = r.chance(0.05) ? null : r.pick([45, 60, 60, 60, 75, 90]);
      // A planned session has no notes yet; a held one was written up that evening.
      const future = day > today;
      const length = future ? 0 : noteLength(r);
      words += length;
      const notes = future ? '' : text(r, plan.story, length, TEMPLATES);
      const reflection = !future && r.chance(0.45) ? text(r, plan.story, 20, [reflectionLine]) : '';
      const tags = JSON.stringify(sessionTags(r, plan.story, k, n));
      const id = r.uuid();
      const stamp = future ? plan.client.createdAt : isoMoment(day, r.int(20 * 60, 22 * 60));
      refs.push({ id, clientId: plan.client.id, startsAt });
      pending.push([
        id,
        plan.client.id,
        startsAt,
        duration,
        r.pick(FORMS),
        notes,
        reflection,
        tags,
        stamp,
        stamp,
      ]);
      if (pending.length >= SESSION_BATCH) flush();
    }
  }
  flush();
  return { refs, words };
}

function insertPracticeRecords(ins: Inserter, today: number): void {
  const { db, r } = ins;
  const codeId = addAttachment(
    ins,
    { clientId: null, sessionId: null, at: isoMoment(EARLIEST_DAY, 600) },
    { name: 'Ethische code TotalBalance.pdf', type: 'application/pdf' },
  );
  prepared(
    db,
    `INSERT INTO practice (id, coach_name, licence_number, organisation, email, phone, address,
       insurer, insurance_policy, insurance_expires_on, supervisors, complaints_procedure,
       code_document_id, updated_at)
     VALUES (1, @coach, @licence, @org, @email, @phone, @address, @insurer, @policy, @expires,
       @supervisors, @complaints, @code, @at)
     ON CONFLICT (id) DO UPDATE SET coach_name = excluded.coach_name`,
  ).run({
    coach: 'Geertje van der Sluis',
    licence: 'TB-2016-0412',
    org: 'Praktijk De Linde',
    email: 'praktijk@example.nl',
    phone: '030-1234567',
    address: 'Oudegracht 112, 3511 AV Utrecht',
    insurer: 'Coöperatieve Beroepsverzekering U.A.',
    policy: 'BAV-88213',
    expires: isoDay(today + 140),
    supervisors: 'Drs. Mariëlle Kuipers (supervisor), intervisiegroep Utrecht-Oost',
    complaints: 'Klachtencommissie van de beroepsvereniging.',
    code: codeId,
    at: isoMoment(today - 40, 600),
  });
  for (let year = 2016; year <= 2026; year += 1) {
    for (let k = 0; k < 3; k += 1) {
      const day = dayNumber(`${year}-01-01`) + r.int(0, 330);
      if (day > today) continue;
      insertRow<Development>(db, developmentTable, {
        id: r.uuid(),
        activityOn: isoDay(day),
        kind: r.pick(['training', 'course', 'reading', 'intervision', 'conference'] as const),
        title: r.pick([
          'Intervisie: werken met jongeren',
          'Training ACT in coaching',
          'Boek: De kracht van kwetsbaarheid',
          'Congres loopbaancoaching',
          'Supervisie',
        ]),
        hours: r.int(2, 16),
        notes: '',
        createdAt: isoMoment(day, 1100),
        updatedAt: isoMoment(day, 1100),
      });
    }
  }
}

/** Accepts the open database, or anything that holds it (a Vault, a VaultSession). */
export type PracticeTarget = SqliteDatabase | { readonly db: SqliteDatabase };

function databaseOf(target: PracticeTarget): SqliteDatabase {
  return 'prepare' in target ? target : target.db;
}

/**
 * Fills an empty, unlocked vault with a practice. Deterministic for a given seed and
 * options (ids and pseudonyms included); the content of attachments is PRNG bytes.
 */
export function generatePractice(
  target: PracticeTarget,
  options: PracticeOptions = {},
): GeneratedPractice {
  const started = performance.now();
  const db = databaseOf(target);
  const clients = options.clients ?? 1_000;
  const sessions = options.sessions ?? 50_000;
  const attachments = options.attachments ?? 300;
  const r = new Rng(options.seed ?? 20261123);
  const today = dayNumber((options.now ?? PRACTICE_NOW).toISOString());
  if (clients < 1) throw new Error('a practice needs at least one client');

  const plans = planClients(r, clients, today);
  // The busiest client: an active adult, so its dossier is the heaviest one to open.
  let pinned = plans.findIndex((p) => p.status === 'active' && !p.minor);
  if (pinned < 0) {
    pinned = 0;
    const first = plans[0];
    if (first) {
      first.status = 'active';
      first.client.status = 'active';
    }
  }
  // Clients in intake have at most their first session planned, in the future.
  let toPlace = sessions;
  for (const plan of plans) {
    if (plan.status === 'intake' && toPlace > BUSIEST_SESSIONS && r.chance(0.5)) {
      plan.sessions = 1;
      toPlace -= 1;
    }
  }
  const eligible = plans.flatMap((p, i) => (p.status === 'intake' ? [] : [i]));
  const counts = distributeSessions(r, eligible, toPlace, BUSIEST_SESSIONS, pinned);
  for (const [index, n] of counts) {
    const plan = plans[index];
    if (plan) plan.sessions = n;
  }
  for (const plan of plans) scheduleClient(r, plan, today);

  const ins: Inserter = { db, r, rows: { attachments: 0, bytes: 0 } };
  db.transaction(() => {
    for (const plan of plans) insertRow<Client>(db, clientsTable, plan.client);
    if (attachments > 0) insertPracticeRecords(ins, today);
  })();

  const { refs, words } = insertSessions(ins, plans, today);

  // Documents: signed contracts (client level) and worksheets attached to sessions.
  const remaining = Math.max(0, attachments - ins.rows.attachments);
  const signedCopies = Math.floor(remaining * 0.3);
  const signedFor = new Map<string, string>();
  const withSessions = refs.filter((ref) => ref.startsAt.slice(0, 10) <= isoDay(today));
  db.transaction(() => {
    for (const plan of r.sample(
      plans.filter((p) => p.status !== 'intake'),
      signedCopies,
    )) {
      const id = addAttachment(
        ins,
        { clientId: plan.client.id, sessionId: null, at: isoMoment(plan.startDay - 1, 700) },
        { name: `contract ${plan.client.pseudonym} getekend.pdf`, type: 'application/pdf' },
      );
      signedFor.set(plan.client.id, id);
    }
    while (ins.rows.attachments < attachments && withSessions.length > 0) {
      const ref = r.pick(withSessions);
      const document = r.pick(DOCUMENTS);
      const toClient = r.chance(0.2);
      addAttachment(
        ins,
        {
          clientId: ref.clientId,
          sessionId: toClient ? null : ref.id,
          at: ref.startsAt,
        },
        document,
      );
    }
  })();

  db.transaction(() => {
    for (const plan of plans) {
      insertClientRecords(ins, plan, today, signedFor.get(plan.client.id) ?? null);
    }
  })();

  const sessionCounts = new Map(plans.map((p) => [p.client.id, p.sessions]));
  const max = Math.max(...plans.map((p) => p.sessions));
  const busiest = plans[pinned];
  if (!busiest) throw new Error('no clients planned');
  return {
    clientIds: plans.map((p) => p.client.id),
    busiestClientId: busiest.client.id,
    busiestClientIds: plans.filter((p) => p.sessions === max).map((p) => p.client.id),
    sessionCounts,
    sessions: refs.length,
    attachments: ins.rows.attachments,
    attachmentBytes: ins.rows.bytes,
    noteWords: words,
    ms: performance.now() - started,
  };
}
