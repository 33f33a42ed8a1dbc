import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../../electron/api';
import { useInvalidateDossier } from '../../api/queries';
import { AttachmentTable } from '../../components/AttachmentTable';
import { FileUpload } from '../../components/FileUpload';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { AccessExport } from './AccessExport';

export function DocumentsTab({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const format = useFormat();
  const clientId = dossier.client.id;
  const refresh = useInvalidateDossier(clientId);
  const sessionDate = new Map(dossier.sessions.map((session) => [session.id, session.startsAt]));
  return (
    <div className="tab-stack">
      <Section
        title={t('documents.title')}
        description={t('documents.intro')}
        actions={
          <FileUpload
            label={t('documents.upload')}
            owner={{ clientId, sessionId: null }}
            onUploaded={() => refresh()}
          />
        }
      >
        <AttachmentTable
          attachments={dossier.attachments}
          label={t('documents.title')}
          emptyText={t('documents.empty')}
          onDeleted={refresh}
          note={(attachment) => {
            if (attachment.id === dossier.contract?.signedCopyId) return t('documents.signedCopy');
            const startsAt = attachment.sessionId
              ? sessionDate.get(attachment.sessionId)
              : undefined;
            return startsAt ? t('documents.ofSession', { date: format.dateTime(startsAt) }) : null;
          }}
        />
      </Section>
      <AccessExport dossier={dossier} />
    </div>
  );
}
