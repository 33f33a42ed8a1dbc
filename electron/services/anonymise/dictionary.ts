/**
 * Ordinary Dutch and English words, to tell a capitalised word at the start of a sentence
 * ("Daarna", "Intakegesprek", "Will") from a name ("Jon", "Kees").
 *
 * Why a compact list and not a full spelling dictionary: the full Dutch and English word lists
 * also hold thousands of first names, surnames and towns ("Jan", "Utrecht", "Mark", "Bakker"),
 * which would hide exactly the names this check is for, and they would add megabytes to a
 * module that must stay small and run offline. Function words are a closed class and are
 * listed in full; content words are the coaching vocabulary of the notes plus the words that
 * open sentences in them (see ordinary-words.ts); compounds of listed words count as listed
 * ("intake" + "gesprek", "klant" + "nummer").
 */

import { ORDINARY_WORDS } from './ordinary-words';
import type { Locale } from './types';

const DUTCH_FUNCTION_WORDS = `
aan af al alle alleen als alsof altijd ben bent waren kom komt doe doet zeg zegt weet mag ander andere anders bij binnen boven buiten daar daarbij daarna daardoor daarin daarmee daarom daarop daarover dan dat de deze dezelfde die dit doch door dus echter een eens eerst eigenlijk elk elke en enkele er eraan erg even evenals ga gaan gaat geen gelukkig gewoon graag haar had heb hebben heeft hem hen het hier hierbij hierin hij hoe hoewel hun ieder iedereen iemand iets ik in inmiddels is ja je jij jou jouw juist kan ken kon kunnen kwam laat later liever maar meer men met mij mijn misschien moet moeten mogelijk na naar naast namelijk natuurlijk net niemand niet niets nog nooit nu of ofwel om omdat ondanks onder ons onze ook op over overigens pas per plots precies rond samen sinds sindsdien soms steeds tegen telkens terwijl toch toen tot tussen twee u uit uiteindelijk vaak van vanaf vanuit veel verder vervolgens via volgens voor vooral voordat vorige waar waarbij waardoor waarin waarna waarom wanneer want wat we weer wel welke werd wie wij wil wilde word wordt worden zal ze zelf zelfs zich zij zijn zo zodat zodra zonder zou zowel zullen
`;

const ENGLISH_FUNCTION_WORDS = `
a about above after again against all also although always an and another any anyone anything are as at be because been before being below between both but by can could did do does doing done down during each either even ever every everyone first for from further had has have having he her here hers herself him himself his how however i if in into is it its itself just last later let like many may maybe me meanwhile might more most much must my myself never next no nobody none nor not nothing now of off often on once one only or other others our ours out over own perhaps rather really same she should since so some someone something sometimes soon still such than that the their theirs them then there these they this those though through thus to today together tomorrow too under until up upon us very was we were what whatever when where whether which while who whom whose why will with within without would yes yesterday yet you your yours
`;

const CONTENT_WORDS = `
aanleiding actie afspraak afsluiting agenda angst antwoord arbeid baan begin beeld beleid besluit bespreking bedrijf bericht bewustzijn bijeenkomst boosheid burn-out casus cliënt coach coaching conclusie conflict contact contract dag doel doelen driegesprek eindgesprek emotie energie evaluatie familie feedback functie gedrag gedachte gesprek gevoel gezin grens grenzen huis huiswerk inzicht intake intakegesprek jaar kern klacht klachten kracht leiding leven loopbaan maand mail mens moeder nacht notitie observatie oefening onderwerp ontwikkeling opdracht opdrachtgever opleiding overleg partner patroon plan praktijk probleem rapport reflectie relatie rol rust samenvatting school sessie situatie slaap spanning stap stress team thema thuis tijd traject twijfel vader verslag verzuim vraag vrouw vriend vriendin waarde week werk werkdruk werkgever wijk zorg zus broer ouders kind kinderen man
mon tue tues wed thu thur thurs fri sat sun feb mar apr jul aug sep sept oct nov dec
action agenda anger answer aim background boss call career child children client coach coaching colleague conclusion conflict contract daughter day energy evaluation family father feedback feeling friend goal goals home homework husband intake job life manager meeting month mother night note notes observation partner pattern plan problem question reflection report review role session sister brother son stress summary team theme time week wife work
`;

const WORDS: ReadonlySet<string> = new Set(
  `${DUTCH_FUNCTION_WORDS} ${ENGLISH_FUNCTION_WORDS} ${CONTENT_WORDS} ${ORDINARY_WORDS}`
    .split(/\s+/u)
    .filter((w) => w !== ''),
);

function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/u).filter((w) => w !== ''));
}

const FUNCTION: Readonly<Record<Locale, ReadonlySet<string>>> = {
  nl: wordSet(DUTCH_FUNCTION_WORDS),
  en: wordSet(ENGLISH_FUNCTION_WORDS),
};

/** A closed-class word of the note's language: pronoun, article, preposition, common verb. */
export function isFunctionWord(word: string, locale: Locale): boolean {
  return FUNCTION[locale].has(word.toLowerCase());
}

/** Linking letters between the parts of a Dutch compound: "kind-er-opvang", "werk-s-feer". */
const LINKS = ['', 's', 'e', 'en', 'er'];

function isCompound(word: string, depth: number): boolean {
  if (WORDS.has(word)) return true;
  if (depth > 2) return false;
  for (let cut = 3; cut <= word.length - 3; cut++) {
    const head = word.slice(0, cut);
    if (!WORDS.has(head)) continue;
    for (const link of LINKS) {
      const tail = word.slice(cut);
      if (!tail.startsWith(link)) continue;
      const rest = tail.slice(link.length);
      if (rest.length >= 3 && isCompound(rest, depth + 1)) return true;
    }
  }
  return false;
}

/** Whether a word (any case) is an ordinary word or a compound of ordinary words. */
export function isDictionaryWord(word: string): boolean {
  const lower = word.toLowerCase().replace(/['’]s$/u, '');
  return isCompound(lower, 0) || (lower.endsWith('s') && isCompound(lower.slice(0, -1), 0));
}

/**
 * Whether a word is ordinary in a note of this language: "Dan" is "then" in a Dutch note and
 * a name in an English one, so the other language's function words do not count.
 */
export function isOrdinaryWordIn(word: string, locale: Locale): boolean {
  const lower = word.toLowerCase();
  const other: Locale = locale === 'nl' ? 'en' : 'nl';
  if (FUNCTION[other].has(lower) && !FUNCTION[locale].has(lower)) return false;
  return isDictionaryWord(word);
}

function splitsInto(word: string, minPart: number, parts: number): number {
  if (WORDS.has(word) && word.length >= minPart) return parts + 1;
  for (let cut = minPart; cut <= word.length - minPart; cut++) {
    const head = word.slice(0, cut);
    if (!WORDS.has(head)) continue;
    for (const link of LINKS) {
      const tail = word.slice(cut);
      if (!tail.startsWith(link)) continue;
      const found = splitsInto(tail.slice(link.length), minPart, parts + 1);
      if (found > 0) return found;
    }
  }
  return 0;
}

/**
 * A long compound of ordinary words ("Intakegesprek", "Loopbaangesprek"): capitalised in the
 * middle of a sentence it is a noun written with a capital, not a name. Each part has at least
 * four letters, so surnames such as "Huisman" (huis + man) stay names.
 */
export function isOrdinaryCompound(word: string): boolean {
  const lower = word.toLowerCase();
  return lower.length >= 10 && (WORDS.has(lower) || splitsInto(lower, 4, 0) >= 2);
}
