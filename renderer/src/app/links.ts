/** Addresses other screens link to, written once. */

/** Where a coach records the consent that lets a case be discussed in supervision (2.16). */
export function consentHref(clientId: string): string {
  return `/clients/${clientId}/agreements?form=contract`;
}

export const backupsHref = '/practice/backups';
