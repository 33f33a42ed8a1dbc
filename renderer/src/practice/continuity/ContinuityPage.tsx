import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ContinuityStatus } from '../../../../electron/api';
import { errorMessage } from '../../api/errors';
import { useDiscardJob } from '../../api/jobs';
import { kluis } from '../../api/kluis';
import { keys, useContinuity, useInvalidate, usePractice } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DutyList } from '../../components/DutyList';
import { FormAlert } from '../../components/FormAlert';
import { SelectField } from '../../components/form/Fields';
import { JobState } from '../../components/JobState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { KeeperSheets } from './KeeperSheets';
import { PlanForm } from './PlanForm';
import { SharesInput } from './SharesInput';
import '../practice.css';
import './continuity.css';

function KitSection({ status }: { status: ContinuityStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const invalidate = useInvalidate();
  const discard = useDiscardJob();
  const keepers = status.plan.keepers.length;
  const [threshold, setThreshold] = useState('2');
  const [jobId, setJobId] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const kit = status.kit;

  async function issue() {
    setFailure(null);
    if (jobId) void discard(jobId);
    try {
      const started = await kluis().continuity.issueKit({ threshold: Number(threshold) });
      setIssuing(true);
      setJobId(started.jobId);
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  }

  return (
    <Section target="kit" title={t('continuity.kit.title')} description={t('continuity.kit.intro')}>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      {kit ? (
        <dl className="facts">
          <div>
            <dt>{t('continuity.kit.id')}</dt>
            <dd className="mono">{kit.kitId}</dd>
          </div>
          <div>
            <dt>{t('continuity.kit.rule')}</dt>
            <dd>{t('continuity.kit.kOfN', { k: kit.threshold, n: kit.count })}</dd>
          </div>
          <div>
            <dt>{t('continuity.kit.issuedAt')}</dt>
            <dd>{format.dateTime(kit.issuedAt)}</dd>
          </div>
          <div className="facts__wide">
            <dt>{t('continuity.kit.keepers')}</dt>
            <dd>{kit.keepers.map((keeper) => `${keeper.number}. ${keeper.name}`).join(' · ')}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t('continuity.kit.none')}</p>
      )}
      {keepers < 2 ? (
        <FormAlert tone="warning">{t('continuity.kit.needKeepers')}</FormAlert>
      ) : (
        <div className="kit-issue">
          <SelectField
            label={t('continuity.kit.threshold')}
            hint={t('continuity.kit.thresholdHint', { count: keepers })}
            value={threshold}
            onChange={setThreshold}
            choices={Array.from({ length: keepers - 1 }, (_, index) => {
              const k = String(index + 2);
              return { value: k, label: t('continuity.kit.kOfN', { k, n: keepers }) };
            })}
          />
          <Button
            className="button button--primary"
            isDisabled={issuing || status.handout !== null}
            onPress={() => (kit ? setConfirming(true) : void issue())}
          >
            {kit ? t('continuity.kit.reissue') : t('continuity.kit.issue')}
          </Button>
        </div>
      )}
      {jobId ? (
        <JobState
          jobId={jobId}
          label={t('continuity.kit.issuing')}
          onFinished={() => {
            setIssuing(false);
            void invalidate(keys.continuity, keys.practice);
          }}
        >
          {(job) =>
            job.kind === 'kit' && job.result?.refreshJobId ? (
              <JobState
                jobId={job.result.refreshJobId}
                label={t('continuity.bundle.refreshing')}
                onFinished={() => {
                  void invalidate(keys.continuity);
                }}
              >
                {() => <FormAlert tone="info">{t('continuity.kit.bundleRefreshed')}</FormAlert>}
              </JobState>
            ) : null
          }
        </JobState>
      ) : null}
      {status.handout ? <KeeperSheets key={status.handout.kitId} handout={status.handout} /> : null}
      {status.handoutInterrupted && !status.handout ? (
        <FormAlert tone="warning">
          {t('continuity.kit.handout.interrupted', {
            keepers: status.handoutInterrupted.missing.map((keeper) => keeper.name).join(', '),
          })}
        </FormAlert>
      ) : null}
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        title={t('continuity.kit.reissueTitle')}
        confirmLabel={t('continuity.kit.reissue')}
        onConfirm={() => {
          void issue();
        }}
      >
        <p>{t('continuity.kit.reissueText')}</p>
      </ConfirmDialog>
    </Section>
  );
}

function BundleSection({ status }: { status: ContinuityStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const invalidate = useInvalidate();
  const [jobId, setJobId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { bundle } = status;

  const chooseFile = window.kluis.chooseFile;

  async function chooseFolder() {
    if (!chooseFile) return;
    setFailure(null);
    try {
      const choice = await chooseFile({ purpose: 'bundle-folder' });
      if (!choice) return;
      const next = await kluis().continuity.setBundleFolder({ folderToken: choice.token });
      await invalidate(keys.continuity, keys.practice);
      // A coach who just chose where the bundle goes expects it there, not at the next lock.
      // Decided on the status after the change: the dialog may have been open for a while.
      if (next.kit !== null && !next.bundle.refreshing) await refresh();
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  }

  async function refresh() {
    setFailure(null);
    try {
      setJobId((await kluis().continuity.refresh({})).jobId);
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  }

  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <Section
      target="bundle"
      title={t('continuity.bundle.title')}
      description={t('continuity.bundle.intro')}
    >
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      {bundle.lastFailure ? (
        <FormAlert tone="warning">
          {t('continuity.bundle.lastFailure', { date: format.dateTime(bundle.lastFailure.at) })}{' '}
          {t(`errors.${bundle.lastFailure.code}`, { defaultValue: t('errors.INTERNAL') })}
        </FormAlert>
      ) : null}
      <dl className="facts">
        <div className="facts__wide">
          <dt>{t('continuity.bundle.folder')}</dt>
          <dd className={bundle.folder ? 'mono' : 'muted'}>
            {bundle.folder ?? t('continuity.bundle.noFolder')}
          </dd>
        </div>
        <div>
          <dt>{t('continuity.bundle.writtenAt')}</dt>
          <dd>
            {bundle.exists && bundle.writtenAt
              ? format.dateTime(bundle.writtenAt)
              : t('continuity.bundle.notWritten')}
          </dd>
        </div>
        <div>
          <dt>{t('continuity.bundle.contents')}</dt>
          <dd>
            {bundle.exists && bundle.clients !== null
              ? `${t('backups.counts.clients', { count: bundle.clients })}${
                  bundle.bytes !== null ? ` · ${format.bytes(bundle.bytes)}` : ''
                }`
              : '—'}
          </dd>
        </div>
        <div>
          <dt>{t('continuity.bundle.kitCurrent')}</dt>
          <dd>{yesNo(bundle.kitCurrent)}</dd>
        </div>
        <div>
          <dt>{t('continuity.bundle.dataCurrent')}</dt>
          <dd>{yesNo(bundle.dataCurrent)}</dd>
        </div>
        <div>
          <dt>{t('continuity.bundle.onLock')}</dt>
          <dd>{yesNo(bundle.refreshOnLock)}</dd>
        </div>
      </dl>
      {chooseFile ? null : <p className="muted">{t('continuity.bundle.folderPicker')}</p>}
      <div className="button-row">
        {chooseFile ? (
          <Button className="button" onPress={() => void chooseFolder()}>
            {t('continuity.bundle.chooseFolder')}
          </Button>
        ) : null}
        <Button
          className="button"
          isDisabled={
            !bundle.folderSet || status.kit === null || bundle.refreshing || jobId !== null
          }
          onPress={() => void refresh()}
        >
          {t('continuity.bundle.refresh')}
        </Button>
        {!bundle.folderSet || status.kit === null ? (
          <span className="muted">{t('continuity.bundle.needs')}</span>
        ) : null}
      </div>
      {jobId ? (
        <JobState
          jobId={jobId}
          label={t('continuity.bundle.refreshing')}
          onFinished={() => {
            void invalidate(keys.continuity, keys.practice);
            setJobId(null);
          }}
        />
      ) : null}
    </Section>
  );
}

function DrillSection({ status }: { status: ContinuityStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const invalidate = useInvalidate();
  const minimum = status.kit?.threshold ?? 2;
  const [shares, setShares] = useState<string[]>(() => Array.from({ length: minimum }, () => ''));
  const [jobId, setJobId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const last = status.lastDrill;

  async function drill() {
    setFailure(null);
    setJobId(null);
    try {
      const started = await kluis().continuity.drill({
        shares: shares.filter((share) => share.trim() !== ''),
      });
      setJobId(started.jobId);
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  }

  return (
    <Section
      target="drill"
      title={t('continuity.drill.title')}
      description={t('continuity.drill.intro')}
    >
      {last ? (
        <p>
          {t(last.ok ? 'continuity.drill.lastOk' : 'continuity.drill.lastFailed', {
            date: format.dateTime(last.at),
          })}
        </p>
      ) : (
        <p className="muted">{t('continuity.drill.never')}</p>
      )}
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <SharesInput shares={shares} onChange={setShares} minimum={minimum} />
      <div>
        <Button
          className="button button--primary"
          isDisabled={shares.filter((share) => share.trim() !== '').length < 2}
          onPress={() => void drill()}
        >
          {t('continuity.drill.start')}
        </Button>
      </div>
      {jobId ? (
        <JobState
          jobId={jobId}
          label={t('continuity.drill.running')}
          onFinished={() => {
            void invalidate(keys.continuity, keys.practice);
          }}
        >
          {(job) =>
            job.kind === 'drill' && job.result ? (
              <FormAlert tone={job.result.currentKit ? 'info' : 'warning'}>
                {job.result.currentKit
                  ? t('continuity.drill.ok', {
                      date: format.dateTime(job.result.bundleCreatedAt),
                      count: job.result.clients,
                    })
                  : t('continuity.drill.oldKit')}{' '}
                {job.result.bundleCurrent ? '' : t('continuity.drill.bundleOld')}
              </FormAlert>
            ) : null
          }
        </JobState>
      ) : null}
    </Section>
  );
}

function ContinuityDuties() {
  const { t } = useTranslation();
  const practice = usePractice();
  const duties = (practice.data?.duties ?? []).filter((duty) => duty.id.startsWith('continuity'));
  if (duties.length === 0) return null;
  return (
    <Section title={t('continuity.duties')}>
      <DutyList duties={duties} label={t('continuity.duties')} />
    </Section>
  );
}

/** 2.28: provisions for handover when the coach falls ill or closes the practice. */
export function ContinuityPage() {
  const { t } = useTranslation();
  const status = useContinuity();
  return (
    <div className="page">
      <PageHeader title={t('continuity.title')} subtitle={t('continuity.intro')} />
      <QueryState query={status}>
        {(data) => (
          <div className="tab-stack">
            <ContinuityDuties />
            <Section
              target="plan"
              title={t('continuity.plan.title')}
              description={t('continuity.plan.intro')}
            >
              <PlanForm status={data} />
            </Section>
            <KitSection status={data} />
            <BundleSection status={data} />
            <DrillSection status={data} />
          </div>
        )}
      </QueryState>
    </div>
  );
}
