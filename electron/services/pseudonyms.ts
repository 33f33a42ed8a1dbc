import { randomInt } from 'node:crypto';

/**
 * Pseudonyms name a client wherever the client must not be identified (supervision,
 * audit log). They are drawn at random, never derived from the name, and never change.
 */
const ADJECTIVES = [
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
  'Donkere',
  'Warme',
  'Koele',
  'Verre',
  'Vrije',
  'Trouwe',
  'Open',
  'Nieuwe',
  'Zilveren',
  'Late',
  'Vroege',
  'Hoge',
  'Diepe',
  'Ronde',
  'Eerlijke',
];
const NOUNS = [
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
  'Es',
  'Populier',
  'Mees',
  'Ekster',
  'Kievit',
  'Grutto',
  'Plevier',
  'Tureluur',
  'Meerkoet',
  'Dennen',
  'Iep',
  'Hazelaar',
  'Vlier',
  'Egel',
  'Haas',
  'Bever',
  'Lepelaar',
  'Zeearend',
  'Ijsvogel',
  'Specht',
  'Wielewaal',
];

function pick<T>(list: readonly T[]): T {
  const item = list[randomInt(list.length)];
  if (item === undefined) throw new Error('empty word list');
  return item;
}

export function newPseudonym(taken: (candidate: string) => boolean): string {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const candidate = `${pick(ADJECTIVES)} ${pick(NOUNS)}`;
    if (!taken(candidate)) return candidate;
  }
  // 1,200 pairs: past that, a number keeps them unique.
  for (;;) {
    const candidate = `${pick(ADJECTIVES)} ${pick(NOUNS)} ${randomInt(2, 1000)}`;
    if (!taken(candidate)) return candidate;
  }
}
