import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Dossier, FollowUp } from '../../../../electron/api';
import { endingFields, followUpFields } from '../../../../electron/contract/records';
import { errorMessageKey } from '../../api/errors';
import { kluis } from '../../api/kluis';
import { useInvalidateDossier, useSettings } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert } from '../../components/FormAlert';
import { RecordForm } from '../../components/form/RecordForm';
import { RecordList } from '../../components/RecordList';
import { Section } from '../../components/Section';
import { todayIso, useFormat } from '../../i18n/format';
import { endingSpecs, followUpSpecs } from '../specs';
import { EraseDossier } from './EraseDossier';

function RetentionNote({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useSettings();
  const ending = dossier.ending;
  if (!ending) {
    return (
      <p className="muted">
        {t('ending.retention.notEnded', { years: settings.data?.retentionYears ?? 7 })}
      </p>
    );
  }
  return (
    <div className="info-box">
      <p className="info-box__title">
        {t('ending.retention.until', { date: format.day(ending.effectiveRetentionUntil) })}
      </p>
      <p>
        {ending.retentionUntil
          ? t('ending.retention.override')
          : t('ending.retention.default', { years: settings.data?.retentionYears ?? 7 })}{' '}
        {t('ending.retention.why')}
      </p>
    </div>
  );
}

export function EndingTab({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const format = useFormat();
  const clientId = dossier.client.id;
  const refresh = useInvalidateDossier(clientId);
  const [reopening, setReopening] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  return (
    <div className="tab-stack">
      <Section
        target="retention"
        title={t('ending.title')}
        description={t('ending.intro')}
        actions={
          dossier.ending ? (
            <Button className="button" onPress={() => setReopening(true)}>
              {t('ending.reopen')}
            </Button>
          ) : null
        }
      >
        {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
        <RetentionNote dossier={dossier} />
        <RecordForm
          label={t('ending.title')}
          specs={endingSpecs}
          schema={endingFields}
          labelPrefix="fields.ending"
          record={dossier.ending}
          defaults={{ endedOn: todayIso(), initiatedBy: 'mutual' }}
          draftKey={`ending:${clientId}`}
          submitLabel={dossier.ending ? t('common.save') : t('ending.record')}
          onSubmit={async (fields) => {
            await kluis().ending.save({ clientId, ...fields });
            await refresh();
          }}
        />
      </Section>
      <Section
        target="follow-ups"
        title={t('ending.followUps.title')}
        description={t('ending.followUps.intro')}
      >
        <RecordList<FollowUp, typeof followUpFields>
          records={dossier.followUps}
          specs={followUpSpecs}
          schema={followUpFields}
          labelPrefix="fields.followUp"
          draftPrefix={`follow-up:${clientId}`}
          recordLabel={t('ending.followUps.one')}
          newLabel={t('ending.followUps.new')}
          emptyText={t('ending.followUps.empty')}
          summary={(followUp) => (
            <>
              <p className="record-row__title">{followUp.description}</p>
              <p className="record-row__meta">
                {followUp.doneOn
                  ? t('ending.followUps.done', { date: format.day(followUp.doneOn) })
                  : followUp.dueOn
                    ? t('ending.followUps.due', { date: format.day(followUp.dueOn) })
                    : t('ending.followUps.open')}
              </p>
            </>
          )}
          create={async (fields) => {
            await kluis().followUps.create({ clientId, ...fields });
            await refresh();
          }}
          update={async (id, fields) => {
            await kluis().followUps.update({ id, ...fields });
            await refresh();
          }}
          remove={async (id) => {
            await kluis().followUps.delete({ id });
            await refresh();
          }}
        />
      </Section>
      <EraseDossier dossier={dossier} />
      <ConfirmDialog
        isOpen={reopening}
        onOpenChange={setReopening}
        title={t('ending.reopenTitle')}
        confirmLabel={t('ending.reopen')}
        onConfirm={() => {
          setFailure(null);
          kluis()
            .ending.remove({ clientId })
            .then(refresh)
            .catch((error: unknown) => setFailure(t(errorMessageKey(error))));
        }}
      >
        <p>{t('ending.reopenText')}</p>
      </ConfirmDialog>
    </div>
  );
}
