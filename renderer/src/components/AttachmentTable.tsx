import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../electron/api';
import { errorMessageKey } from '../api/errors';
import { downloadAttachment } from '../api/files';
import { kluis } from '../api/kluis';
import { useFormat } from '../i18n/format';
import { ConfirmDialog } from './ConfirmDialog';
import { FormAlert } from './FormAlert';

interface AttachmentTableProps {
  attachments: readonly Attachment[];
  label: string;
  emptyText: string;
  onDeleted(): Promise<unknown>;
  /** Extra words per document, e.g. which session it belongs to. */
  note?(attachment: Attachment): string | null;
}

export function AttachmentTable({
  attachments,
  label,
  emptyText,
  onDeleted,
  note,
}: AttachmentTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [deleting, setDeleting] = useState<Attachment | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  function run(work: Promise<unknown>) {
    setFailure(null);
    work.catch((error: unknown) => setFailure(t(errorMessageKey(error))));
  }

  if (attachments.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <table className="table">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t('documents.name')}</th>
            <th scope="col">{t('documents.size')}</th>
            <th scope="col">{t('documents.added')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('documents.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {attachments.map((attachment) => (
            <tr key={attachment.id}>
              <td>
                <span className="table__strong">{attachment.name}</span>
                {note?.(attachment) ? <span className="muted"> · {note(attachment)}</span> : null}
              </td>
              <td className="table__number">{format.bytes(attachment.size)}</td>
              <td>{format.dateTime(attachment.createdAt)}</td>
              <td className="table__actions">
                <Button
                  className="button button--small"
                  aria-label={t('documents.downloadLabel', { name: attachment.name })}
                  onPress={() => run(downloadAttachment(attachment.id))}
                >
                  {t('documents.download')}
                </Button>
                <Button
                  className="button button--small button--quiet-danger"
                  aria-label={t('documents.deleteLabel', { name: attachment.name })}
                  onPress={() => setDeleting(attachment)}
                >
                  {t('common.delete')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        isOpen={deleting !== null}
        onOpenChange={(open) => {
          if (!open) setDeleting(null);
        }}
        title={t('documents.confirmDeleteTitle')}
        confirmLabel={t('common.delete')}
        danger
        onConfirm={() => {
          if (!deleting) return;
          const { id } = deleting;
          run(kluis().attachments.delete({ id }).then(onDeleted));
        }}
      >
        <p>{t('documents.confirmDeleteText', { name: deleting?.name ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}
