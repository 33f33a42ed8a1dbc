import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Dossier } from '../../../../electron/api';
import { eraseReason } from '../../../../electron/contract/records';
import { errorMessageKey } from '../../api/errors';
import { kluis } from '../../api/kluis';
import { keys, useBackupStatus, useInvalidate } from '../../api/queries';
import { backupsHref } from '../../app/links';
import { useClientLabel } from '../../clients/client-name';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert } from '../../components/FormAlert';
import { SelectField, TextInputField } from '../../components/form/Fields';
import { Section } from '../../components/Section';
import { todayIso, useFormat } from '../../i18n/format';

/**
 * Shown after an erasure (on the client list, where the coach lands): honest about the
 * backups that still hold the dossier, with the way to remove it from them now.
 */
export function ErasedNotice({ pseudonym }: { pseudonym: string }) {
  const { t } = useTranslation();
  const backups = useBackupStatus();
  const holding = backups.data?.pendingPurge.find((item) => item.pseudonym === pseudonym);
  return (
    <FormAlert tone={holding ? 'warning' : 'info'}>
      {t('erase.done', { pseudonym })}
      {holding ? (
        <>
          {' '}
          {holding.backupsHolding > 0
            ? t('erase.inBackups', { count: holding.backupsHolding })
            : t('erase.inEarlierFolder')}{' '}
          <Link to={`${backupsHref}?form=purge`} className="inline-link">
            {t('erase.purgeNow')}
          </Link>
        </>
      ) : null}
    </FormAlert>
  );
}

/**
 * 2.27b: erasure at the end of the retention period; earlier only with a reason from a
 * fixed list (so no free text, and no name, reaches the audit log).
 */
export function EraseDossier({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const format = useFormat();
  const clientLabel = useClientLabel();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const { client, ending } = dossier;
  const retentionPassed = ending !== null && ending.effectiveRetentionUntil <= todayIso();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const parsedReason = eraseReason.safeParse(reason);

  async function erase() {
    setFailure(null);
    try {
      const override = retentionPassed
        ? null
        : parsedReason.success
          ? { reason: parsedReason.data }
          : null;
      const { pseudonym } = await kluis().clients.erase({ id: client.id, override });
      // The backups now hold a dossier that no longer exists here: the backups screen says so.
      await invalidate(keys.clients(), ['search'], keys.backups, keys.supervision);
      void navigate('/clients', { replace: true, state: { erased: pseudonym } });
    } catch (error) {
      setFailure(t(errorMessageKey(error)));
    }
  }

  return (
    <Section title={t('erase.title')} description={t('erase.intro')}>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      {retentionPassed ? (
        <p>{t('erase.passed', { date: format.day(ending?.effectiveRetentionUntil) })}</p>
      ) : (
        <>
          <p>
            {ending
              ? t('erase.notPassed', { date: format.day(ending.effectiveRetentionUntil) })
              : t('erase.notEnded')}
          </p>
          <SelectField
            label={t('erase.reason')}
            hint={t('erase.reasonHint')}
            value={reason}
            onChange={setReason}
            choices={[
              { value: '', label: t('erase.chooseReason') },
              ...eraseReason.options.map((value) => ({
                value,
                label: t(`enums.eraseReason.${value}`),
              })),
            ]}
          />
        </>
      )}
      <p className="muted">{t('erase.backups')}</p>
      <div>
        <Button
          className="button button--danger"
          isDisabled={!retentionPassed && !parsedReason.success}
          onPress={() => {
            setTyped('');
            setConfirming(true);
          }}
        >
          {retentionPassed ? t('erase.button') : t('erase.overrideButton')}
        </Button>
      </div>
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        title={t('erase.confirmTitle', { client: clientLabel(client) })}
        confirmLabel={t('erase.confirm')}
        danger
        isConfirmDisabled={typed.trim().toUpperCase() !== client.pseudonym.toUpperCase()}
        onConfirm={() => {
          void erase();
        }}
      >
        <p>{t('erase.confirmText')}</p>
        <p className="muted">{t('erase.backups')}</p>
        <TextInputField
          label={t('erase.typePseudonym', { pseudonym: client.pseudonym })}
          value={typed}
          onChange={setTyped}
          autoComplete="off"
          spellCheck={false}
        />
      </ConfirmDialog>
    </Section>
  );
}
