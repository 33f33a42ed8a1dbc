import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../../electron/api';
import { contractFields } from '../../../../electron/contract/records';
import { kluis } from '../../api/kluis';
import { useInvalidateDossier } from '../../api/queries';
import { FileUpload } from '../../components/FileUpload';
import { RecordForm } from '../../components/form/RecordForm';
import { Section } from '../../components/Section';
import { contractSpecs } from '../specs';

/** 2.2, 2.3, 2.6, 2.16: the engagement's terms and the dates the code asks to record. */
export function ContractSection({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const clientId = dossier.client.id;
  const refresh = useInvalidateDossier(clientId);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const documents = dossier.attachments.map((attachment) => ({
    value: attachment.id,
    label: attachment.name,
  }));
  return (
    <Section
      target="contract"
      title={t('agreements.contract.title')}
      description={t('agreements.contract.intro')}
    >
      <RecordForm
        label={t('agreements.contract.title')}
        specs={contractSpecs}
        schema={contractFields}
        labelPrefix="fields.contract"
        record={dossier.contract}
        draftKey={`contract:${clientId}`}
        submitLabel={t('agreements.contract.save')}
        choices={{
          signedCopyId: [{ value: '', label: t('agreements.contract.noCopy') }, ...documents],
        }}
        onSubmit={async (fields) => {
          await kluis().contract.save({ clientId, ...fields });
          await refresh();
        }}
        extra={({ setSavedValue }) => (
          <div className="upload-row">
            <FileUpload
              label={t('agreements.contract.uploadCopy')}
              owner={{ clientId, sessionId: null }}
              linkAs="signed-copy"
              onUploaded={async (attachment) => {
                await refresh();
                setSavedValue('signedCopyId', attachment.id);
                setUploaded(attachment.name);
              }}
            />
            <span className="form-status" role="status">
              {uploaded ? t('agreements.contract.copySaved', { name: uploaded }) : ''}
            </span>
          </div>
        )}
      />
    </Section>
  );
}
