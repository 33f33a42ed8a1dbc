import { useState } from 'react';
import { Button, FileTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../electron/api';
import { errorMessageKey } from '../api/errors';
import { type UploadLink, uploadFile } from '../api/files';
import { FormAlert } from './FormAlert';

interface FileUploadProps {
  label: string;
  owner: { clientId: string | null; sessionId: string | null };
  /** The record the file belongs to: the vault links it in the same step, nothing waits on a form. */
  linkAs?: UploadLink;
  onUploaded(attachment: Attachment): Promise<unknown> | undefined;
  isDisabled?: boolean;
  acceptedFileTypes?: string[];
}

/** A button that opens the file picker and stores the chosen file in the vault. */
export function FileUpload({
  label,
  owner,
  linkAs,
  onUploaded,
  isDisabled,
  acceptedFileTypes,
}: FileUploadProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function upload(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setBusy(true);
    setFailure(null);
    try {
      await onUploaded(await uploadFile(file, owner, linkAs));
    } catch (error) {
      setFailure(t(errorMessageKey(error)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="file-upload">
      <FileTrigger
        onSelect={(files) => {
          void upload(files);
        }}
        acceptedFileTypes={acceptedFileTypes}
      >
        <Button className="button" isDisabled={isDisabled || busy}>
          {busy ? t('documents.uploading') : label}
        </Button>
      </FileTrigger>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
    </div>
  );
}
