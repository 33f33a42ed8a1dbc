import { Button, Label, ProgressBar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { HandoverJob } from '../../../electron/api';
import { useFormat } from '../i18n/format';
import './job-progress.css';

const SEGMENTS = Array.from({ length: 20 }, (_, index) => index);

/** Long work in the main process: what it is doing, how far it is, and a way to stop it. */
export function JobProgress({
  job,
  label,
  onCancel,
}: {
  job: HandoverJob;
  label: string;
  onCancel?(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { progress } = job;
  const total = progress.clientsTotal > 0 ? progress.clientsTotal : progress.bytesTotal;
  const done = progress.clientsTotal > 0 ? progress.clientsDone : progress.bytesDone;
  const known = total !== null && total > 0;
  const parts = [t(`jobs.phase.${progress.phase}`, { defaultValue: t('jobs.working') })];
  if (progress.clientsTotal > 0) {
    parts.push(t('jobs.clients', { done: progress.clientsDone, count: progress.clientsTotal }));
  }
  if (progress.bytesDone > 0) parts.push(format.bytes(progress.bytesDone));
  return (
    <div className="job-progress">
      <ProgressBar
        className="job-progress__bar"
        value={known ? done : undefined}
        maxValue={known ? total : 100}
        isIndeterminate={!known}
        valueLabel={parts.join(' · ')}
      >
        {({ percentage, valueText }) => (
          <>
            <div className="job-progress__top">
              <Label className="job-progress__label">{label}</Label>
              <span className="job-progress__value">{valueText}</span>
            </div>
            {/* Segments, not a width: the CSP allows no inline styles. */}
            <div
              className={`job-progress__track ${known ? '' : 'job-progress__track--busy'}`}
              aria-hidden="true"
            >
              {SEGMENTS.map((segment) => (
                <span
                  key={segment}
                  className={`job-progress__segment ${
                    known && (percentage ?? 0) >= ((segment + 1) * 100) / SEGMENTS.length
                      ? 'job-progress__segment--on'
                      : ''
                  }`}
                />
              ))}
            </div>
          </>
        )}
      </ProgressBar>
      {onCancel && job.state === 'running' ? (
        <Button className="button button--small" onPress={onCancel}>
          {t('jobs.cancel')}
        </Button>
      ) : null}
    </div>
  );
}
