/** Check digits that separate real BSNs and IBANs from arbitrary numbers. Not cryptographic. */

/**
 * The BSN "11-proef": 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 must be divisible by 11. Eight-digit
 * numbers are old-style BSNs (sofinummers) written without their leading zero.
 */
export function isValidBsn(value: string): boolean {
  const digits = value.replace(/[\s.]/g, '');
  if (!/^\d{8,9}$/.test(digits)) return false;
  const padded = digits.padStart(9, '0');
  if (/^0+$/.test(padded)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(padded.charAt(i));
  sum -= Number(padded.charAt(8));
  return sum % 11 === 0;
}

/**
 * IBAN lengths per country for the countries a Dutch practice is likely to see. A known length
 * lets the detector cut an IBAN off exactly where it ends, even when a word follows it.
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AT: 20,
  BE: 16,
  CH: 21,
  DE: 22,
  DK: 18,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  IE: 22,
  IT: 27,
  LU: 20,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  SE: 24,
  TR: 26,
};

/** ISO 13616 mod-97: move the first four characters to the end, letters A=10..Z=35, rest 1. */
export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  // Reduce digit by digit so the number never outgrows a double.
  let remainder = 0;
  for (const ch of rearranged) {
    const value = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
