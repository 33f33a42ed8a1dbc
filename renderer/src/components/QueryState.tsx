import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../api/errors';
import { FormAlert } from './FormAlert';

/** Loading and failure of a query, said the same way everywhere. */
export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children(data: T): ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (query.isError) return <FormAlert tone="error">{t(errorMessageKey(query.error))}</FormAlert>;
  return <>{children(query.data)}</>;
}
