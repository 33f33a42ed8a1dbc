import { useTranslation } from 'react-i18next';
import type { Development } from '../../../electron/api';
import { developmentFields } from '../../../electron/contract/records';
import { kluis } from '../api/kluis';
import { keys, useDevelopment, useInvalidate } from '../api/queries';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { RecordList } from '../components/RecordList';
import { Section } from '../components/Section';
import { todayIso, useFormat } from '../i18n/format';
import { developmentSpecs } from './specs';

/** 4.6: the coach's own learning, with the hours per year that licences usually ask about. */
export function DevelopmentPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const development = useDevelopment();
  const invalidate = useInvalidate();
  const refresh = () => invalidate(keys.development);
  const year = todayIso().slice(0, 4);
  return (
    <div className="page">
      <PageHeader title={t('development.title')} subtitle={t('development.intro')} />
      <QueryState query={development}>
        {(items) => {
          const hours = items
            .filter((item) => item.activityOn.startsWith(year))
            .reduce((sum, item) => sum + (item.hours ?? 0), 0);
          return (
            <Section
              title={t('development.log')}
              description={t('development.hoursThisYear', { hours: format.number(hours), year })}
            >
              <RecordList<Development, typeof developmentFields>
                records={[...items].sort((a, b) => b.activityOn.localeCompare(a.activityOn))}
                specs={developmentSpecs}
                schema={developmentFields}
                labelPrefix="fields.development"
                draftPrefix="development"
                recordLabel={t('development.one')}
                newLabel={t('development.new')}
                emptyText={t('development.empty')}
                defaults={{ activityOn: todayIso(), kind: 'training' }}
                summary={(item) => (
                  <>
                    <p className="record-row__title">{item.title}</p>
                    <p className="record-row__meta">
                      {format.day(item.activityOn)} · {t(`enums.developmentKind.${item.kind}`)}
                      {item.hours !== null
                        ? ` · ${t('development.hours', { hours: format.number(item.hours) })}`
                        : ''}
                    </p>
                  </>
                )}
                create={async (fields) => {
                  await kluis().development.create(fields);
                  await refresh();
                }}
                update={async (id, fields) => {
                  await kluis().development.update({ id, ...fields });
                  await refresh();
                }}
                remove={async (id) => {
                  await kluis().development.delete({ id });
                  await refresh();
                }}
              />
            </Section>
          );
        }}
      </QueryState>
    </div>
  );
}
