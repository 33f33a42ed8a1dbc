import { useTranslation } from 'react-i18next';

interface Named {
  firstName: string;
  lastName: string;
  pseudonym: string;
}

export function fullName(client: Pick<Named, 'firstName' | 'lastName'>): string {
  return `${client.firstName} ${client.lastName}`.trim();
}

/**
 * How the coach's own screens name a client: the real name first, the pseudonym beside it.
 * The pseudonym alone is for what leaves the vault; inside it, a pseudonym alone makes the
 * coach guess who is meant, at exactly the moments (erasing, supervision) that matter.
 */
export function useClientLabel(): (client: Named) => string {
  const { t } = useTranslation();
  return (client) => {
    const name = fullName(client);
    return name === ''
      ? client.pseudonym
      : t('common.nameWithPseudonym', { name, pseudonym: client.pseudonym });
  };
}
