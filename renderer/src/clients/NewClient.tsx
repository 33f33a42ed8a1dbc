import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { clientFields } from '../../../electron/contract/records';
import { kluis } from '../api/kluis';
import { keys, useInvalidate } from '../api/queries';
import { RecordForm } from '../components/form/RecordForm';
import { useRevealNewForm } from '../components/form/use-reveal-new-form';
import { PageHeader } from '../components/PageHeader';
import { clientSpecs, newClientDefaults } from '../dossier/overview/client-specs';

export function NewClient() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const page = useRef<HTMLDivElement>(null);
  useRevealNewForm(page);
  return (
    <div className="page" ref={page}>
      <PageHeader title={t('clients.newTitle')} subtitle={t('clients.newIntro')} />
      <RecordForm
        label={t('clients.newTitle')}
        specs={clientSpecs}
        schema={clientFields}
        labelPrefix="fields.client"
        defaults={newClientDefaults}
        draftKey="client:new"
        submitLabel={t('clients.create')}
        onCancel={() => navigate('/clients')}
        onSubmit={async (fields) => {
          const client = await kluis().clients.create(fields);
          await invalidate(keys.clients());
          void navigate(`/clients/${client.id}/overview`, { replace: true });
        }}
      />
    </div>
  );
}
