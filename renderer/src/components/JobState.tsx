import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverJob } from '../../../electron/api';
import { errorMessage } from '../api/errors';
import { jobErrorMessage, useJob } from '../api/jobs';
import { kluis } from '../api/kluis';
import { FormAlert } from './FormAlert';
import { JobProgress } from './JobProgress';

/** A job of a screen: its progress while it runs, its failure when it failed. */
export function JobState({
  jobId,
  label,
  onFinished,
  children,
}: {
  jobId: string;
  label: string;
  onFinished?(job: HandoverJob): void;
  children?(job: HandoverJob): ReactNode;
}) {
  const { t } = useTranslation();
  const job = useJob(jobId);
  const data = job.data;
  const reported = useRef(false);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  useEffect(() => {
    if (!data || data.state === 'running' || reported.current) return;
    reported.current = true;
    finished.current?.(data);
  }, [data]);
  if (job.isError) return <FormAlert tone="error">{errorMessage(t, job.error)}</FormAlert>;
  if (!data) return null;
  if (data.state === 'running') {
    return (
      <JobProgress
        job={data}
        label={label}
        onCancel={() => {
          void kluis().handover.cancel({ jobId });
        }}
      />
    );
  }
  if (data.state === 'failed')
    return <FormAlert tone="error">{jobErrorMessage(t, data)}</FormAlert>;
  if (data.state === 'cancelled') return <FormAlert tone="info">{t('jobs.cancelled')}</FormAlert>;
  return <>{children?.(data)}</>;
}
