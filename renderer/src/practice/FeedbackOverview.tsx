import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Feedback } from '../../../electron/api';
import { feedbackFields } from '../../../electron/contract/records';
import { kluis } from '../api/kluis';
import { keys, useClients, useFeedbackList, useInvalidate } from '../api/queries';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { RecordList } from '../components/RecordList';
import { Section } from '../components/Section';
import { feedbackSpecs } from '../dossier/specs';
import { todayIso, useFormat } from '../i18n/format';

/** 4.8: all feedback, from clients' dossiers and about the practice as a whole. */
export function FeedbackOverview() {
  const { t } = useTranslation();
  const format = useFormat();
  const feedback = useFeedbackList();
  const clients = useClients({});
  const invalidate = useInvalidate();
  const refresh = () => invalidate(keys.feedback, ['dossier']);
  const names = new Map(
    (clients.data ?? []).map((client) => [
      client.id,
      `${client.firstName} ${client.lastName}`.trim(),
    ]),
  );
  return (
    <div className="page">
      <PageHeader title={t('feedback.overviewTitle')} subtitle={t('feedback.overviewIntro')} />
      <QueryState query={feedback}>
        {(items) => (
          <Section title={t('feedback.all')}>
            <RecordList<Feedback, typeof feedbackFields>
              records={[...items].sort((a, b) => b.receivedOn.localeCompare(a.receivedOn))}
              specs={feedbackSpecs}
              schema={feedbackFields}
              labelPrefix="fields.feedback"
              draftPrefix="feedback:practice"
              recordLabel={t('feedback.one')}
              newLabel={t('feedback.newPractice')}
              emptyText={t('feedback.emptyAll')}
              defaults={{ receivedOn: todayIso(), source: 'peer' }}
              summary={(item) => (
                <>
                  <p className="record-row__title">
                    {format.day(item.receivedOn)} · {t(`enums.feedbackSource.${item.source}`)}
                    {' · '}
                    {item.clientId ? (
                      <Link className="inline-link" to={`/clients/${item.clientId}/feedback`}>
                        {names.get(item.clientId) ?? t('feedback.aClient')}
                      </Link>
                    ) : (
                      <span className="muted">{t('feedback.practiceWide')}</span>
                    )}
                  </p>
                  <p className="record-row__meta record-row__text">{item.summary}</p>
                </>
              )}
              create={async (fields) => {
                await kluis().feedback.create({ clientId: null, ...fields });
                await refresh();
              }}
              update={async (id, fields) => {
                await kluis().feedback.update({ id, ...fields });
                await refresh();
              }}
              remove={async (id) => {
                await kluis().feedback.delete({ id });
                await refresh();
              }}
            />
          </Section>
        )}
      </QueryState>
    </div>
  );
}
