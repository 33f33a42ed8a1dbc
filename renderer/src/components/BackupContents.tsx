import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../electron/api';

/** What a backup holds, in counts: enough to recognise the right one, nothing more. */
export function BackupContents({ backup }: { backup: BackupInfo }) {
  const { t } = useTranslation();
  return (
    <>
      {[
        t('backups.counts.clients', { count: backup.clients }),
        t('backups.counts.sessions', { count: backup.sessions }),
        t('backups.counts.documents', { count: backup.attachments }),
      ].join(', ')}
    </>
  );
}
