import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, BackupStatus } from '../../../electron/api';
import { settingsFields } from '../../../electron/contract/records';
import { errorMessage } from '../api/errors';
import { kluis } from '../api/kluis';
import { keys, useBackupStatus, useInvalidate, useSettings } from '../api/queries';
import { useVault } from '../app/vault-state';
import { BackupContents } from '../components/BackupContents';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FormAlert } from '../components/FormAlert';
import { CheckboxField, TextInputField } from '../components/form/Fields';
import { RecordForm } from '../components/form/RecordForm';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { Section } from '../components/Section';
import { useFormat } from '../i18n/format';
import {
  emptySecret,
  secretOf,
  VaultSecretField,
  type VaultSecretValue,
} from '../vault/VaultSecretField';
import { backupSettingsSpecs } from './specs';
import './practice.css';

const retentionSchema = settingsFields.pick({
  backupKeepDaily: true,
  backupKeepWeekly: true,
  backupKeepMonthly: true,
  backupWarnDays: true,
});

/** Everything a backup changes is shown elsewhere too: the warning in the shell, the duty. */
function useRefreshBackups() {
  const invalidate = useInvalidate();
  return () => invalidate(keys.backups, keys.practice);
}

/** The state in one sentence, with what to do about it (2.15). */
export function BackupWarning({ status, warnDays }: { status: BackupStatus; warnDays: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (status.warning === 'none') {
    return (
      <FormAlert tone="info">
        {t('backups.warning.none', { date: format.dateTime(status.lastGoodAt) })}
      </FormAlert>
    );
  }
  return (
    <FormAlert tone="warning">
      <strong>{t(`backups.warning.${status.warning}.title`)}</strong>{' '}
      {t(`backups.warning.${status.warning}.advice`, {
        folder: status.folder ?? '',
        date: format.dateTime(status.lastGoodAt),
        days: warnDays,
      })}
    </FormAlert>
  );
}

/**
 * The list of erasures beside the vault no longer opens (a restore of an old backup, or
 * the file changed): erased dossiers may be back, and only the coach can tell which.
 */
function ErasuresUnreadable({ status }: { status: BackupStatus }) {
  const { t } = useTranslation();
  const refresh = useRefreshBackups();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function settle() {
    setFailure(null);
    setBusy(true);
    try {
      await kluis().backups.settleErasures({});
      setDone(true);
      await refresh();
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  if (!status.erasuresUnreadable) {
    return done ? <FormAlert tone="info">{t('backups.erasuresUnreadable.done')}</FormAlert> : null;
  }
  return (
    <>
      <FormAlert tone="warning">
        <strong>{t('backups.erasuresUnreadable.title')}</strong>{' '}
        {t('backups.erasuresUnreadable.advice')}
        <div className="button-row">
          <Button className="button" isDisabled={busy} onPress={() => void settle()}>
            {t('backups.erasuresUnreadable.checked')}
          </Button>
        </div>
      </FormAlert>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
    </>
  );
}

function StatusSection({ status, warnDays }: { status: BackupStatus; warnDays: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const refresh = useRefreshBackups();
  const [running, setRunning] = useState(false);
  const [made, setMade] = useState<BackupInfo | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function run() {
    setFailure(null);
    setMade(null);
    setRunning(true);
    try {
      setMade(await kluis().backups.run({}));
      await refresh();
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setRunning(false);
    }
  }

  return (
    <Section target="status" title={t('backups.status.title')}>
      <BackupWarning status={status} warnDays={warnDays} />
      <dl className="facts">
        <div>
          <dt>{t('backups.status.folder')}</dt>
          <dd className={status.folder ? 'mono' : 'muted'}>
            {status.folder ?? t('backups.status.noFolder')}
          </dd>
        </div>
        <div>
          <dt>{t('backups.status.available')}</dt>
          <dd>
            {status.folder === null
              ? '—'
              : status.folderAvailable
                ? t('backups.status.reachable')
                : t('backups.status.unreachable')}
          </dd>
        </div>
        <div>
          <dt>{t('backups.status.lastGood')}</dt>
          <dd>{status.lastGoodAt ? format.dateTime(status.lastGoodAt) : t('backups.never')}</dd>
        </div>
      </dl>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <div className="button-row">
        <Button
          className="button button--primary"
          isDisabled={running || status.folder === null || !status.folderAvailable}
          onPress={() => void run()}
        >
          {running ? t('backups.running') : t('backups.run')}
        </Button>
        <span role="status" className="muted">
          {running
            ? t('backups.runningText')
            : made
              ? t('backups.made', { date: format.dateTime(made.createdAt) })
              : ''}
        </span>
      </div>
    </Section>
  );
}

function FolderSection({ status }: { status: BackupStatus }) {
  const { t } = useTranslation();
  const refresh = useRefreshBackups();
  const [path, setPath] = useState(status.folder ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // The desktop app takes the folder from the system's folder dialog only; the browser
  // mode (development, tests) has no dialog and keeps a typed path.
  const chooseFile = window.kluis.chooseFile;

  async function choose() {
    setFailure(null);
    setSaved(false);
    setBusy(true);
    try {
      await kluis().backups.setFolder({ path: path.trim() });
      await refresh();
      setSaved(true);
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  async function chooseNative() {
    if (!chooseFile) return;
    setFailure(null);
    setSaved(false);
    try {
      const choice = await chooseFile({ purpose: 'backup-folder' });
      if (!choice) return;
      setBusy(true);
      await kluis().backups.setFolder({ folderToken: choice.token });
      await refresh();
      setSaved(true);
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  if (chooseFile) {
    return (
      <Section
        target="folder"
        title={t('backups.folder.title')}
        description={t('backups.folder.intro')}
      >
        {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
        <div className="button-row">
          <Button
            className="button button--primary"
            isDisabled={busy}
            onPress={() => void chooseNative()}
          >
            {busy ? t('common.saving') : t('backups.folder.choose')}
          </Button>
          <span role="status" className="form-status">
            {saved ? t('backups.folder.saved') : ''}
          </span>
        </div>
      </Section>
    );
  }

  return (
    <Section
      target="folder"
      title={t('backups.folder.title')}
      description={t('backups.folder.intro')}
    >
      <Form
        className="stack narrow"
        validationBehavior="aria"
        aria-label={t('backups.folder.title')}
        onSubmit={(event) => {
          event.preventDefault();
          void choose();
        }}
      >
        {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
        <TextInputField
          label={t('backups.folder.label')}
          hint={t('backups.folder.hint')}
          value={path}
          onChange={(value) => {
            setPath(value);
            setSaved(false);
          }}
          inputClassName="mono"
          isRequired
          spellCheck={false}
          autoComplete="off"
        />
        <div className="button-row">
          <Button
            type="submit"
            className="button button--primary"
            isDisabled={busy || path.trim() === '' || path.trim() === status.folder}
          >
            {busy ? t('common.saving') : t('backups.folder.submit')}
          </Button>
          <span role="status" className="form-status">
            {saved ? t('backups.folder.saved') : ''}
          </span>
        </div>
      </Form>
    </Section>
  );
}

type Check = 'checking' | { ok: boolean };

function BackupTable({ status }: { status: BackupStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const vault = useVault();
  const [checks, setChecks] = useState<Record<string, Check>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [understood, setUnderstood] = useState(false);
  const [secret, setSecret] = useState<VaultSecretValue>(emptySecret);
  const [busyRestore, setBusyRestore] = useState(false);

  async function verify(backup: BackupInfo) {
    setFailure(null);
    setChecks((current) => ({ ...current, [backup.id]: 'checking' }));
    try {
      const result = await kluis().backups.verify({ id: backup.id });
      setChecks((current) => ({ ...current, [backup.id]: { ok: result.ok } }));
    } catch (error) {
      setChecks((current) => {
        const { [backup.id]: _dropped, ...rest } = current;
        return rest;
      });
      setFailure(errorMessage(t, error));
    }
  }

  async function restore(backup: BackupInfo) {
    setFailure(null);
    setBusyRestore(true);
    try {
      const result = await kluis().backups.restore({ id: backup.id, secret: secretOf(secret) });
      setSecret(emptySecret);
      // The vault is locked now; the unlock screen opens the restored one.
      vault.restored(result.asideDir);
    } catch (error) {
      setFailure(errorMessage(t, error));
      setBusyRestore(false);
    }
  }

  function checkCell(backup: BackupInfo) {
    const check = checks[backup.id];
    if (check === 'checking') return <span className="muted">{t('backups.checking')}</span>;
    if (check) {
      return check.ok ? (
        <span className="badge badge--done">{t('backups.checkedOk')}</span>
      ) : (
        <span className="badge badge--overdue">{t('backups.damaged')}</span>
      );
    }
    return (
      <span className="muted">
        {t('backups.verifiedAt', { date: format.dateTime(backup.verifiedAt) })}
      </span>
    );
  }

  return (
    <Section target="list" title={t('backups.list.title')} description={t('backups.list.intro')}>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      {busyRestore ? (
        <p role="status" className="muted">
          {t('backups.restoring')}
        </p>
      ) : null}
      {status.backups.length === 0 ? (
        <p className="muted">{t('backups.list.empty')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('backups.list.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('backups.list.createdAt')}</th>
              <th scope="col">{t('backups.list.size')}</th>
              <th scope="col">{t('backups.list.contents')}</th>
              <th scope="col">{t('backups.list.check')}</th>
              <th scope="col" className="table__actions">
                {t('backups.list.actions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {status.backups.map((backup) => {
              const date = format.dateTime(backup.createdAt);
              return (
                <tr key={backup.id}>
                  <td className="table__strong">{date}</td>
                  <td className="table__number">{format.bytes(backup.size)}</td>
                  <td>
                    <BackupContents backup={backup} />
                  </td>
                  <td aria-live="polite">{checkCell(backup)}</td>
                  <td className="table__actions">
                    <Button
                      className="button button--small"
                      isDisabled={checks[backup.id] === 'checking'}
                      aria-label={t('backups.verifyLabel', { date })}
                      onPress={() => void verify(backup)}
                    >
                      {t('backups.verify')}
                    </Button>
                    <Button
                      className="button button--small"
                      isDisabled={busyRestore}
                      aria-label={t('backups.restoreLabel', { date })}
                      onPress={() => {
                        setUnderstood(false);
                        setSecret(emptySecret);
                        setRestoring(backup);
                      }}
                    >
                      {t('backups.restore')}
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        isOpen={restoring !== null}
        onOpenChange={(open) => {
          if (!open) setRestoring(null);
        }}
        title={t('backups.restoreTitle', { date: format.dateTime(restoring?.createdAt) })}
        confirmLabel={t('backups.restoreConfirm')}
        danger
        isConfirmDisabled={!understood || secret.text === ''}
        onConfirm={() => {
          if (restoring) void restore(restoring);
        }}
      >
        <p>{t('backups.restoreText')}</p>
        <p>{t('backups.restoreErasures')}</p>
        <p>{t('backups.restoreAside')}</p>
        <p>{t('backups.restoreLocks')}</p>
        <VaultSecretField value={secret} onChange={setSecret} />
        <CheckboxField
          label={t('backups.restoreUnderstood')}
          value={understood}
          onChange={setUnderstood}
        />
      </ConfirmDialog>
    </Section>
  );
}

/** Erasure is only honest when the backups forget too (2.27b). */
function PendingPurge({ status }: { status: BackupStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const refresh = useRefreshBackups();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<{ purged: number; backups: number } | null>(null);

  async function purge() {
    setFailure(null);
    setBusy(true);
    try {
      setDone(await kluis().backups.purgeErased({}));
      await refresh();
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  if (status.pendingPurge.length === 0) {
    return done ? (
      <FormAlert tone="info">
        {t('backups.purge.done', { count: done.purged, backups: done.backups })}
      </FormAlert>
    ) : null;
  }
  return (
    <Section
      target="purge"
      tone="prominent"
      title={t('backups.purge.title')}
      description={t('backups.purge.intro')}
    >
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <ul className="purge-list" aria-label={t('backups.purge.listLabel')}>
        {status.pendingPurge.map((item) => (
          <li key={item.pseudonym} className="purge-list__item">
            <span className="mono table__strong">{item.pseudonym}</span>
            <span className="muted">
              {t('backups.purge.item', {
                date: format.dateTime(item.erasedAt),
                count: item.backupsHolding,
              })}
            </span>
            {item.elsewhere.map((location) => (
              <span key={location.folder} className="muted">
                {location.backupsHolding === null
                  ? t('backups.purge.elsewhereUnreachable', { folder: location.folder })
                  : t('backups.purge.elsewhere', {
                      folder: location.folder,
                      count: location.backupsHolding,
                    })}
              </span>
            ))}
          </li>
        ))}
      </ul>
      <div className="button-row">
        <Button
          className="button button--danger"
          isDisabled={busy || !status.folderAvailable}
          onPress={() => setConfirming(true)}
        >
          {busy ? t('backups.purge.busy') : t('backups.purge.button')}
        </Button>
        {!status.folderAvailable ||
        status.pendingPurge.some((item) => item.elsewhere.some((l) => !l.available)) ? (
          <span className="muted">{t('backups.purge.needsFolder')}</span>
        ) : null}
      </div>
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        title={t('backups.purge.confirmTitle')}
        confirmLabel={t('backups.purge.button')}
        danger
        onConfirm={() => {
          void purge();
        }}
      >
        <p>{t('backups.purge.confirmText', { count: status.pendingPurge.length })}</p>
      </ConfirmDialog>
    </Section>
  );
}

function RetentionSection() {
  const { t } = useTranslation();
  const settings = useSettings();
  const invalidate = useInvalidate();
  return (
    <Section
      target="retention"
      title={t('backups.retention.title')}
      description={t('backups.retention.intro')}
    >
      <QueryState query={settings}>
        {(data) => (
          <RecordForm
            label={t('backups.retention.title')}
            specs={backupSettingsSpecs}
            schema={retentionSchema}
            labelPrefix="fields.settings"
            record={data}
            draftKey="settings:backups"
            submitLabel={t('common.save')}
            onSubmit={async (changes) => {
              await kluis().settings.update(changes);
              await invalidate(keys.settings, keys.backups, keys.practice);
            }}
          />
        )}
      </QueryState>
    </Section>
  );
}

/** 2.15: encrypted backups in a folder the coach chooses, checked, rotated and restorable. */
export function BackupsPage() {
  const { t } = useTranslation();
  const status = useBackupStatus();
  const settings = useSettings();
  const warnDays = settings.data?.backupWarnDays ?? 7;
  return (
    <div className="page">
      <PageHeader title={t('backups.title')} subtitle={t('backups.intro')} />
      <QueryState query={status}>
        {(data) => (
          <div className="tab-stack">
            <ErasuresUnreadable status={data} />
            <StatusSection status={data} warnDays={warnDays} />
            <PendingPurge status={data} />
            <FolderSection status={data} />
            <BackupTable status={data} />
            <RetentionSection />
          </div>
        )}
      </QueryState>
    </div>
  );
}
