import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Dossier, Guardian } from '../../../../electron/api';
import { guardianFields } from '../../../../electron/contract/records';
import { kluis } from '../../api/kluis';
import { useInvalidateDossier } from '../../api/queries';
import { RecordList } from '../../components/RecordList';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { guardianSpecs } from '../specs';

/** 2.17: agreements with the parents or guardian of a minor or vulnerable adult. */
export function GuardiansSection({
  dossier,
  prominent,
}: {
  dossier: Dossier;
  prominent?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [params] = useSearchParams();
  const clientId = dossier.client.id;
  const refresh = useInvalidateDossier(clientId);
  return (
    <Section
      target="guardian"
      title={t('agreements.guardians.title')}
      description={prominent ? t('agreements.guardians.required') : t('agreements.guardians.intro')}
      tone={prominent ? 'prominent' : 'default'}
    >
      <RecordList<Guardian, typeof guardianFields>
        records={dossier.guardians}
        specs={guardianSpecs}
        schema={guardianFields}
        labelPrefix="fields.guardian"
        draftPrefix={`guardian:${clientId}`}
        recordLabel={t('agreements.guardians.one')}
        newLabel={t('agreements.guardians.new')}
        emptyText={t('agreements.guardians.empty')}
        startWithNew={params.get('form') === 'guardian' && dossier.guardians.length === 0}
        summary={(guardian) => (
          <>
            <p className="record-row__title">
              {guardian.name}
              {guardian.relation ? <span className="muted"> · {guardian.relation}</span> : null}
            </p>
            <p className="record-row__meta">
              {t('agreements.guardians.consent', { date: format.day(guardian.consentOn) })}
              {' · '}
              {t('agreements.guardians.review', { date: format.day(guardian.reviewOn) })}
            </p>
          </>
        )}
        create={async (fields) => {
          await kluis().guardians.create({ clientId, ...fields });
          await refresh();
        }}
        update={async (id, fields) => {
          await kluis().guardians.update({ id, ...fields });
          await refresh();
        }}
        remove={async (id) => {
          await kluis().guardians.delete({ id });
          await refresh();
        }}
      />
    </Section>
  );
}
