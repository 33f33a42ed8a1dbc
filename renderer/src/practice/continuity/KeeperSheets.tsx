import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { HandoutStatus } from '../../../../electron/api';
import { asApiFailure, errorMessage } from '../../api/errors';
import { downloadJobFile, useDiscardJob, waitForJob } from '../../api/jobs';
import { kluis } from '../../api/kluis';
import { keys, useInvalidate } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert } from '../../components/FormAlert';

/**
 * Handing out a kit just issued: one sheet per keeper, each saved as its own file, so
 * no file ever holds two keepers' codes. The codes stay in the app's memory only until
 * the coach says every sheet is handed out (or the vault locks).
 */
export function KeeperSheets({ handout }: { handout: HandoutStatus }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const discard = useDiscardJob();
  const [busy, setBusy] = useState<number | null>(null);
  const [saved, setSaved] = useState<Record<number, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const missing = handout.keepers.filter((keeper) => !keeper.sheetMade && !saved[keeper.number]);

  async function save(keeper: number) {
    setFailure(null);
    setBusy(keeper);
    let jobId: string | null = null;
    try {
      jobId = (await kluis().continuity.keeperSheet({ kitId: handout.kitId, keeper })).jobId;
      await waitForJob(jobId);
      const name = await downloadJobFile(jobId);
      setSaved((before) => ({ ...before, [keeper]: name }));
    } catch (error) {
      setFailure(
        asApiFailure(error)?.code === 'NOT_FOUND'
          ? t('continuity.kit.handout.gone')
          : errorMessage(t, error),
      );
      await invalidate(keys.continuity);
    } finally {
      // The sheet's file leaves the app's memory as soon as it is saved.
      if (jobId) await discard(jobId);
      setBusy(null);
    }
  }

  async function finish() {
    setFailure(null);
    try {
      await kluis().continuity.finishHandout({ kitId: handout.kitId });
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
    await invalidate(keys.continuity, keys.practice);
  }

  return (
    <div className="kit-handout stack">
      <FormAlert tone="info">{t('continuity.kit.handout.why')}</FormAlert>
      <p>{t('continuity.kit.handout.how', { k: handout.threshold, n: handout.count })}</p>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <ul className="kit-handout__list" aria-label={t('continuity.kit.handout.list')}>
        {handout.keepers.map((keeper) => {
          const name = saved[keeper.number];
          return (
            <li key={keeper.number} className="kit-handout__keeper">
              <span className="record-row__title">
                {t('continuity.kit.handout.sheetFor', {
                  number: keeper.number,
                  keeper: keeper.name,
                })}
              </span>
              <Button
                className="button"
                isDisabled={busy !== null}
                aria-label={t('continuity.kit.handout.saveFor', { keeper: keeper.name })}
                onPress={() => void save(keeper.number)}
              >
                {busy === keeper.number
                  ? t('continuity.kit.handout.saving')
                  : t('continuity.kit.handout.save')}
              </Button>
              <span role="status" className="form-status">
                {name
                  ? t('continuity.kit.handout.saved', { name })
                  : keeper.sheetMade
                    ? t('continuity.kit.handout.made')
                    : ''}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="muted">{t('continuity.kit.handout.lockNote')}</p>
      <div>
        <Button
          className="button button--primary"
          isDisabled={busy !== null}
          onPress={() => (missing.length > 0 ? setConfirming(true) : void finish())}
        >
          {t('continuity.kit.handout.done')}
        </Button>
      </div>
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        title={t('continuity.kit.handout.missingTitle')}
        confirmLabel={t('continuity.kit.handout.done')}
        onConfirm={() => void finish()}
      >
        <p>
          {t('continuity.kit.handout.missingText', {
            keepers: missing.map((keeper) => keeper.name).join(', '),
          })}
        </p>
      </ConfirmDialog>
    </div>
  );
}
