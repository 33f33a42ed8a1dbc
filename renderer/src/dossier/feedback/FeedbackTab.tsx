import { useTranslation } from 'react-i18next';
import type { Dossier, Feedback } from '../../../../electron/api';
import { feedbackFields } from '../../../../electron/contract/records';
import { kluis } from '../../api/kluis';
import { useInvalidateDossier } from '../../api/queries';
import { RecordList } from '../../components/RecordList';
import { Section } from '../../components/Section';
import { todayIso, useFormat } from '../../i18n/format';
import { feedbackSpecs } from '../specs';

/** 4.8: what the client (or sponsor) said about the work, and what the coach does with it. */
export function FeedbackTab({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const format = useFormat();
  const clientId = dossier.client.id;
  const refresh = useInvalidateDossier(clientId);
  return (
    <Section target="feedback" title={t('feedback.title')} description={t('feedback.clientIntro')}>
      <RecordList<Feedback, typeof feedbackFields>
        records={dossier.feedback}
        specs={feedbackSpecs}
        schema={feedbackFields}
        labelPrefix="fields.feedback"
        draftPrefix={`feedback:${clientId}`}
        recordLabel={t('feedback.one')}
        newLabel={t('feedback.new')}
        emptyText={t('feedback.empty')}
        defaults={{ receivedOn: todayIso(), source: 'client' }}
        summary={(item) => (
          <>
            <p className="record-row__title">
              {format.day(item.receivedOn)} · {t(`enums.feedbackSource.${item.source}`)}
            </p>
            <p className="record-row__meta record-row__text">{item.summary}</p>
          </>
        )}
        create={async (fields) => {
          await kluis().feedback.create({ clientId, ...fields });
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
  );
}
