import { useEffect, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../electron/api';
import { errorMessage } from '../api/errors';
import { kluis } from '../api/kluis';
import { useVault } from '../app/vault-state';
import { BackupContents } from '../components/BackupContents';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FormAlert } from '../components/FormAlert';
import { CheckboxField, TextInputField } from '../components/form/Fields';
import { useFormat } from '../i18n/format';
import { emptySecret, secretOf, VaultSecretField, type VaultSecretValue } from './VaultSecretField';

/** Where the listed backups are: the chosen backup folder, or one found for this restore. */
type Found = {
  backups: BackupInfo[];
  folder: { path: string } | null;
  /** The folder as the coach sees it. */
  shown: string;
};

/**
 * Restoring before the vault opens: when it will not open, or on a new computer. The
 * coach names the folder with the backups (typed, or from the system's folder dialog in
 * the desktop app), picks one, and then unlocks it as usual. Over an existing vault the
 * coach also gives that vault's passphrase or recovery key: whoever sits at a locked app
 * cannot roll it back. Finding backups in a folder does not make it the backup folder.
 */
export function RestoreFromBackup({
  vaultExists,
  onCancel,
  onRestored,
}: {
  /** False on first run: nothing is set aside then. */
  vaultExists: boolean;
  onCancel(): void;
  onRestored?(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const vault = useVault();
  const [folder, setFolder] = useState('');
  const [status, setStatus] = useState<Found | null>(null);
  const [secret, setSecret] = useState<VaultSecretValue>(emptySecret);
  const chooseFile = window.kluis.chooseFile;
  const [busy, setBusy] = useState<'search' | 'restore' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [chosen, setChosen] = useState<BackupInfo | null>(null);
  const [understood, setUnderstood] = useState(false);

  // A folder chosen earlier (this computer) is searched at once.
  useEffect(() => {
    let current = true;
    kluis()
      .backups.status({})
      .then(
        (found) => {
          if (!current || found.folder === null) return;
          setFolder(found.folder);
          setStatus({ backups: found.backups, folder: null, shown: found.folder });
        },
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, []);

  async function search() {
    setFailure(null);
    setBusy('search');
    try {
      const path = folder.trim();
      const found = await kluis().backups.find({ path });
      setStatus({ backups: found.backups, folder: { path }, shown: found.folder });
    } catch (error) {
      setStatus(null);
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(null);
    }
  }

  async function searchNative() {
    if (!chooseFile) return;
    setFailure(null);
    try {
      const choice = await chooseFile({ purpose: 'backup-folder' });
      if (!choice) return;
      setBusy('search');
      const found = await kluis().backups.find({ folderToken: choice.token });
      setFolder(found.folder);
      setStatus({ backups: found.backups, folder: { path: found.folder }, shown: found.folder });
    } catch (error) {
      setStatus(null);
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(null);
    }
  }

  async function restore(backup: BackupInfo) {
    setFailure(null);
    setBusy('restore');
    try {
      const result = await kluis().backups.restore({
        id: backup.id,
        ...(status?.folder ? { folder: status.folder } : {}),
        ...(vaultExists ? { secret: secretOf(secret) } : {}),
      });
      setSecret(emptySecret);
      vault.restored(result.asideDir);
      onRestored?.();
    } catch (error) {
      setFailure(errorMessage(t, error));
      setBusy(null);
    }
  }

  const backups = status?.backups ?? [];
  return (
    <div className="stack">
      <p className="lead">{t('restore.intro')}</p>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      {chooseFile ? (
        <div className="stack">
          {status ? <p className="mono">{status.shown}</p> : null}
          <div>
            <Button
              className="button"
              isDisabled={busy !== null}
              onPress={() => void searchNative()}
            >
              {busy === 'search' ? t('restore.searching') : t('restore.chooseFolder')}
            </Button>
          </div>
        </div>
      ) : (
        <Form
          className="stack"
          validationBehavior="aria"
          aria-label={t('restore.folderForm')}
          onSubmit={(event) => {
            event.preventDefault();
            void search();
          }}
        >
          <TextInputField
            label={t('backups.folder.label')}
            hint={t('restore.folderHint')}
            value={folder}
            onChange={setFolder}
            inputClassName="mono"
            autoFocus
            isRequired
            spellCheck={false}
            autoComplete="off"
          />
          <div>
            <Button
              type="submit"
              className="button"
              isDisabled={busy !== null || folder.trim() === ''}
            >
              {busy === 'search' ? t('restore.searching') : t('restore.search')}
            </Button>
          </div>
        </Form>
      )}
      {status ? (
        <section className="stack" aria-labelledby="restore-found">
          <h2 id="restore-found" className="subsection-title">
            {t('restore.found', { count: backups.length })}
          </h2>
          {backups.length === 0 ? (
            <p className="muted">{t('restore.none')}</p>
          ) : (
            <ul className="restore-list">
              {backups.map((backup) => (
                <li key={backup.id} className="restore-list__item">
                  <div>
                    <p className="record-row__title">{format.dateTime(backup.createdAt)}</p>
                    <p className="record-row__meta">
                      {format.bytes(backup.size)} · <BackupContents backup={backup} />
                    </p>
                  </div>
                  <Button
                    className="button button--small"
                    isDisabled={busy !== null}
                    aria-label={t('backups.restoreLabel', {
                      date: format.dateTime(backup.createdAt),
                    })}
                    onPress={() => {
                      setUnderstood(false);
                      setSecret(emptySecret);
                      setChosen(backup);
                    }}
                  >
                    {t('backups.restore')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {busy === 'restore' ? (
        <p role="status" className="muted">
          {t('backups.restoring')}
        </p>
      ) : null}
      <Button className="link-button vault-card__back" onPress={onCancel}>
        {vaultExists ? t('vault.backToUnlock') : t('restore.backToCreate')}
      </Button>
      <ConfirmDialog
        isOpen={chosen !== null}
        onOpenChange={(open) => {
          if (!open) setChosen(null);
        }}
        title={t('backups.restoreTitle', { date: format.dateTime(chosen?.createdAt) })}
        confirmLabel={t('backups.restoreConfirm')}
        danger
        isConfirmDisabled={vaultExists && (!understood || secret.text === '')}
        onConfirm={() => {
          if (chosen) void restore(chosen);
        }}
      >
        {vaultExists ? (
          <>
            <p>{t('backups.restoreText')}</p>
            <p>{t('backups.restoreErasures')}</p>
            <p>{t('backups.restoreAside')}</p>
            <VaultSecretField value={secret} onChange={setSecret} />
            <CheckboxField
              label={t('backups.restoreUnderstood')}
              value={understood}
              onChange={setUnderstood}
            />
          </>
        ) : (
          <p>{t('restore.newComputerText')}</p>
        )}
      </ConfirmDialog>
    </div>
  );
}
