import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { InspectJobResult } from '../../../../electron/api';
import { errorMessage } from '../../api/errors';
import { kluis } from '../../api/kluis';
import { keys, useInvalidate } from '../../api/queries';
import { FormAlert } from '../../components/FormAlert';
import { SelectField } from '../../components/form/Fields';
import { JobState } from '../../components/JobState';
import { useFormat } from '../../i18n/format';

type Action = 'import' | 'new' | 'skip';
type Client = InspectJobResult['clients'][number];

/** What can happen to a dossier from the bundle, given what this vault already holds. */
function actionsFor(client: Client): Action[] {
  if (client.existing || client.recordIdsTaken > 0) return ['new', 'skip'];
  return ['import', 'skip'];
}

/**
 * The bundle has been opened and checked, nothing is imported yet: who it is from, which
 * dossiers it holds, and per dossier what to do (skip, or import as new, for a client that
 * is already here). Then one transaction imports all of it, or nothing.
 */
export function ImportReview({ report, onClose }: { report: InspectJobResult; onClose(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const invalidate = useInvalidate();
  const [choices, setChoices] = useState<Record<string, Action>>(() =>
    Object.fromEntries(report.clients.map((client) => [client.id, client.defaultAction])),
  );
  const [jobId, setJobId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [ended, setEnded] = useState(false);
  const chosen = Object.values(choices).filter((action) => action !== 'skip').length;

  async function start() {
    setFailure(null);
    try {
      const started = await kluis().handover.import({
        inspectionId: report.inspectionId,
        existing: 'skip',
        choices: Object.entries(choices).map(([clientId, action]) => ({ clientId, action })),
      });
      setJobId(started.jobId);
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  }

  async function cancel() {
    await kluis()
      .handover.discardInspection({ inspectionId: report.inspectionId })
      .catch(() => undefined);
    onClose();
  }

  const from = [report.from.coach, report.from.practice].filter(Boolean).join(', ');
  return (
    <div className="stack import-review">
      <FormAlert tone="info">{t('handover.import.checked')}</FormAlert>
      <dl className="facts">
        <div>
          <dt>{t('handover.import.from')}</dt>
          <dd>{from || '—'}</dd>
        </div>
        <div>
          <dt>{t('handover.import.to')}</dt>
          <dd>{report.to || '—'}</dd>
        </div>
        <div>
          <dt>{t('handover.import.reason')}</dt>
          <dd>{t(`enums.handoverReason.${report.reason}`, { defaultValue: report.reason })}</dd>
        </div>
        <div>
          <dt>{t('handover.import.createdAt')}</dt>
          <dd>{format.dateTime(report.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('handover.import.totals')}</dt>
          <dd>
            {[
              t('backups.counts.clients', { count: report.totals.clients }),
              t('backups.counts.sessions', { count: report.totals.sessions }),
              t('backups.counts.documents', { count: report.totals.attachments }),
            ].join(', ')}
          </dd>
        </div>
      </dl>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <table className="table">
        <caption className="visually-hidden">{t('handover.import.clients')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('handover.import.client')}</th>
            <th scope="col">{t('handover.import.contents')}</th>
            <th scope="col">{t('handover.import.here')}</th>
            <th scope="col">{t('handover.import.action')}</th>
          </tr>
        </thead>
        <tbody>
          {report.clients.map((client) => {
            const name = `${client.firstName} ${client.lastName}`.trim();
            return (
              <tr key={client.id}>
                <td>
                  <span className="table__strong">{name}</span>{' '}
                  <span className="mono muted">{client.pseudonym}</span>
                </td>
                <td>
                  {t('backups.counts.sessions', { count: client.counts.sessions })}
                  {client.endedOn ? ` · ${t('handover.import.ended')}` : ''}
                </td>
                <td>
                  {client.existing
                    ? t('handover.import.existing', { pseudonym: client.existing.pseudonym })
                    : client.recordIdsTaken > 0
                      ? t('handover.import.idsTaken')
                      : client.pseudonymTaken
                        ? t('handover.import.pseudonymTaken')
                        : t('handover.import.new')}
                </td>
                <td>
                  <SelectField
                    label={t('handover.import.actionFor', { name })}
                    className="import-review__action"
                    value={choices[client.id] ?? client.defaultAction}
                    onChange={(value) => {
                      const action = actionsFor(client).find((option) => option === value);
                      if (action) setChoices({ ...choices, [client.id]: action });
                    }}
                    choices={actionsFor(client).map((action) => ({
                      value: action,
                      label: t(`handover.import.actions.${action}`),
                    }))}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {jobId ? (
        <JobState
          jobId={jobId}
          label={t('handover.import.importing')}
          onFinished={() => {
            setEnded(true);
            void invalidate(keys.clients(), ['search'], keys.supervisionEligible, keys.practice);
          }}
        >
          {(job) =>
            job.kind === 'import' && job.result ? (
              <FormAlert tone="info">
                {t('handover.import.done', {
                  imported: job.result.imported + job.result.renumbered,
                  skipped: job.result.skipped,
                })}
              </FormAlert>
            ) : null
          }
        </JobState>
      ) : null}
      {ended ? (
        <div>
          <Button className="button" onPress={onClose}>
            {t('common.dismiss')}
          </Button>
        </div>
      ) : null}
      {jobId === null ? (
        <div className="button-row">
          <Button
            className="button button--primary"
            isDisabled={chosen === 0}
            onPress={() => void start()}
          >
            {t('handover.import.start', { count: chosen })}
          </Button>
          <Button className="button" onPress={() => void cancel()}>
            {t('common.cancel')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
