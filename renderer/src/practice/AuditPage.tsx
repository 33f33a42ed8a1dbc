import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../electron/api';
import { errorMessageKey } from '../api/errors';
import { kluis } from '../api/kluis';
import { keys } from '../api/queries';
import { FormAlert } from '../components/FormAlert';
import { PageHeader } from '../components/PageHeader';
import { Section } from '../components/Section';
import { useFormat } from '../i18n/format';
import { auditActionValues, auditDetailParts } from './audit-details';

const PAGE_SIZE = 50;

function ChainState() {
  const { t } = useTranslation();
  const verify = useQuery({ queryKey: keys.auditVerify, queryFn: () => kluis().audit.verify({}) });
  if (verify.isPending) return <p role="status">{t('audit.verifying')}</p>;
  if (verify.isError) return <FormAlert tone="error">{t(errorMessageKey(verify.error))}</FormAlert>;
  const result = verify.data;
  return result.ok ? (
    <div className="chain chain--ok" role="status">
      <span className="badge badge--done">
        <span className="badge__icon" aria-hidden="true">
          ✓
        </span>
        {t('audit.intact')}
      </span>
      <span>{t('audit.intactText', { count: result.count })}</span>
    </div>
  ) : (
    <div className="chain chain--broken" role="alert">
      <span className="badge badge--overdue">
        <span className="badge__icon" aria-hidden="true">
          !
        </span>
        {t('audit.broken', { row: result.brokenAt })}
      </span>
      <span>{t(`audit.breakReason.${result.reason}`)}</span>
    </div>
  );
}

function Details({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { plain, technical } = auditDetailParts(entry.details, t, {
    number: format.number,
    bytes: format.bytes,
    day: format.day,
  });
  return (
    <>
      {plain.join(' · ')}
      {technical.length > 0 ? (
        <details className="audit__technical">
          <summary>{t('audit.technical')}</summary>
          {technical.join(' · ')}
        </details>
      ) : null}
    </>
  );
}

/** The append-only, hash-chained log: who did what when, by pseudonym, never content. */
export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const entries = useInfiniteQuery({
    queryKey: keys.audit,
    queryFn: ({ pageParam }) =>
      kluis().audit.list({ limit: PAGE_SIZE, ...(pageParam ? { beforeSeq: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (last) =>
      last.length < PAGE_SIZE ? undefined : (last[last.length - 1]?.seq ?? undefined),
  });
  const rows = entries.data?.pages.flat() ?? [];
  return (
    <div className="page">
      <PageHeader title={t('audit.title')} subtitle={t('audit.intro')} />
      <Section title={t('audit.chainTitle')}>
        <ChainState />
      </Section>
      <Section title={t('audit.entries')}>
        {entries.isError ? (
          <FormAlert tone="error">{t(errorMessageKey(entries.error))}</FormAlert>
        ) : null}
        <table className="table">
          <caption className="visually-hidden">{t('audit.entries')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.seq')}</th>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.subject')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((entry) => (
              <tr key={entry.seq}>
                <td className="table__number">{entry.seq}</td>
                <td>{format.dateTime(entry.at)}</td>
                <td>
                  {t(`audit.actions.${entry.action}`, {
                    defaultValue: t('audit.unknownAction'),
                    ...auditActionValues(entry.details, format),
                  })}
                </td>
                <td>{entry.subject ?? '—'}</td>
                <td>
                  <Details entry={entry} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries.hasNextPage ? (
          <Button
            className="button"
            isDisabled={entries.isFetchingNextPage}
            onPress={() => void entries.fetchNextPage()}
          >
            {entries.isFetchingNextPage ? t('common.loading') : t('audit.older')}
          </Button>
        ) : null}
      </Section>
    </div>
  );
}
