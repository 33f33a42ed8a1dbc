import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../../electron/api';
import { confidentialityFields } from '../../../../electron/contract/records';
import { kluis } from '../../api/kluis';
import { useInvalidateDossier } from '../../api/queries';
import { RecordForm } from '../../components/form/RecordForm';
import { Section } from '../../components/Section';
import { confidentialitySpecs } from '../specs';

/** 2.13, 2.14: where confidentiality ends, agreed with the client before it matters. */
export function ConfidentialitySection({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const clientId = dossier.client.id;
  const refresh = useInvalidateDossier(clientId);
  return (
    <Section
      target="confidentiality"
      title={t('agreements.confidentiality.title')}
      description={t('agreements.confidentiality.intro')}
    >
      <RecordForm
        label={t('agreements.confidentiality.title')}
        specs={confidentialitySpecs}
        schema={confidentialityFields}
        labelPrefix="fields.confidentiality"
        record={dossier.confidentiality}
        draftKey={`confidentiality:${clientId}`}
        submitLabel={t('agreements.confidentiality.save')}
        onSubmit={async (fields) => {
          await kluis().confidentiality.save({ clientId, ...fields });
          await refresh();
        }}
      />
    </Section>
  );
}
