import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../../electron/api';
import { clientFields } from '../../../../electron/contract/records';
import { kluis } from '../../api/kluis';
import { useInvalidateDossier } from '../../api/queries';
import { DutyList } from '../../components/DutyList';
import { RecordForm } from '../../components/form/RecordForm';
import { Section } from '../../components/Section';
import { clientSpecs } from './client-specs';

export function OverviewTab({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const { client } = dossier;
  const refresh = useInvalidateDossier(client.id);
  return (
    <div className="tab-grid">
      <Section title={t('dossier.compliance.title')} description={t('dossier.compliance.intro')}>
        <DutyList
          duties={dossier.duties}
          clientId={client.id}
          label={t('dossier.compliance.title')}
        />
      </Section>
      <Section target="client" title={t('dossier.details.title')}>
        <RecordForm
          label={t('dossier.details.title')}
          specs={clientSpecs}
          schema={clientFields}
          labelPrefix="fields.client"
          record={client}
          draftKey={`client:${client.id}`}
          submitLabel={t('common.save')}
          onSubmit={async (fields) => {
            await kluis().clients.update({ id: client.id, ...fields });
            await refresh();
          }}
        />
      </Section>
    </div>
  );
}
