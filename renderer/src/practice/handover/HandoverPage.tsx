import { useState } from 'react';
import { Button, FileTrigger, Form, Label, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { HandoverKey, InspectJobResult, MethodInput } from '../../../../electron/api';
import { errorMessage } from '../../api/errors';
import { saveBlob, uploadBundle, useDiscardJob } from '../../api/jobs';
import { kluis } from '../../api/kluis';
import { useClients, useContinuity } from '../../api/queries';
import { ExportPassphrase } from '../../components/ExportPassphrase';
import { FormAlert } from '../../components/FormAlert';
import { CheckboxField, SelectField, TextInputField } from '../../components/form/Fields';
import { RadioChoice } from '../../components/form/RadioChoice';
import { JobDownload } from '../../components/JobDownload';
import { JobState } from '../../components/JobState';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { usePassphraseStrength } from '../../vault/PassphraseMeter';
import { SharesInput } from '../continuity/SharesInput';
import { ImportReview } from './ImportReview';
import { LetterTemplateSection } from './LetterTemplateSection';
import '../practice.css';
import '../continuity/continuity.css';

type ExportInput = MethodInput<'handover.export'>;
const REASONS = ['closure', 'incapacity', 'transfer', 'client-move'] as const;
type Reason = (typeof REASONS)[number];

function isReason(value: string): value is Reason {
  return (REASONS as readonly string[]).includes(value);
}

function ExportSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const clients = useClients({});
  const continuity = useContinuity();
  const discard = useDiscardJob();
  const [which, setWhich] = useState<'all' | 'active' | 'selected'>('active');
  const [selected, setSelected] = useState<string[]>([]);
  const [reason, setReason] = useState<Reason>('incapacity');
  const [to, setTo] = useState('');
  const [protection, setProtection] = useState<'key' | 'passphrase'>('key');
  const [recipient, setRecipient] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const strength = usePassphraseStrength(protection === 'passphrase' ? passphrase : '');
  const successors = (continuity.data?.plan.successors ?? []).filter((s) => s.recipient !== '');

  const ready =
    (which !== 'selected' || selected.length > 0) &&
    (protection === 'key'
      ? recipient.trim() !== ''
      : strength?.acceptable === true && confirm === passphrase);

  async function start() {
    setFailure(null);
    setSaved(null);
    const input: ExportInput = {
      clients: which === 'selected' ? { kind: 'selected', ids: selected } : { kind: which },
      reason,
      to: to.trim(),
      recipient:
        protection === 'key'
          ? { kind: 'key', recipient: recipient.trim() }
          : { kind: 'passphrase', passphrase },
      output: { download: true },
    };
    try {
      setJobId((await kluis().handover.export(input)).jobId);
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  }

  return (
    <Section
      target="export"
      title={t('handover.export.title')}
      description={t('handover.export.intro')}
    >
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <Form
        className="stack"
        aria-label={t('handover.export.title')}
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <RadioGroup
          className="radio-group radio-group--column"
          value={which}
          onChange={(value) => {
            if (value === 'all' || value === 'active' || value === 'selected') setWhich(value);
          }}
        >
          <Label className="field__label">{t('handover.export.which')}</Label>
          <RadioChoice value="active">{t('handover.export.active')}</RadioChoice>
          <RadioChoice value="all">{t('handover.export.all')}</RadioChoice>
          <RadioChoice value="selected">{t('handover.export.selected')}</RadioChoice>
        </RadioGroup>
        {which === 'selected' ? (
          <fieldset className="client-picker">
            <legend className="visually-hidden">{t('handover.export.selected')}</legend>
            {(clients.data ?? []).map((client) => (
              <CheckboxField
                key={client.id}
                label={`${client.firstName} ${client.lastName}`.trim()}
                hint={client.pseudonym}
                value={selected.includes(client.id)}
                onChange={(on) =>
                  setSelected(
                    on ? [...selected, client.id] : selected.filter((id) => id !== client.id),
                  )
                }
              />
            ))}
          </fieldset>
        ) : null}
        <div className="form-grid">
          <SelectField
            label={t('handover.export.reason')}
            value={reason}
            onChange={(value) => {
              if (isReason(value)) setReason(value);
            }}
            choices={REASONS.map((value) => ({
              value,
              label: t(`enums.handoverReason.${value}`),
            }))}
          />
          <TextInputField
            label={t('handover.export.to')}
            hint={t('handover.export.toHint')}
            value={to}
            onChange={setTo}
          />
        </div>
        <RadioGroup
          className="radio-group radio-group--column"
          value={protection}
          onChange={(value) => {
            if (value === 'key' || value === 'passphrase') setProtection(value);
          }}
        >
          <Label className="field__label">{t('handover.export.protection')}</Label>
          <RadioChoice value="key">{t('handover.export.withKey')}</RadioChoice>
          <RadioChoice value="passphrase">{t('handover.export.withPassphrase')}</RadioChoice>
        </RadioGroup>
        {protection === 'key' ? (
          <div className="stack">
            {successors.length > 0 ? (
              <SelectField
                label={t('handover.export.successor')}
                value={successors.find((s) => s.recipient === recipient)?.recipient ?? ''}
                onChange={setRecipient}
                choices={[
                  { value: '', label: t('handover.export.pasteKey') },
                  ...successors.map((s) => ({ value: s.recipient, label: s.name })),
                ]}
                className="narrow"
              />
            ) : null}
            <TextInputField
              label={t('handover.export.recipient')}
              hint={t('handover.export.recipientHint')}
              value={recipient}
              onChange={setRecipient}
              multiline
              rows={2}
              inputClassName="mono"
              spellCheck={false}
            />
          </div>
        ) : (
          <div className="stack narrow">
            <ExportPassphrase
              value={passphrase}
              onChange={setPassphrase}
              confirm={confirm}
              onConfirm={setConfirm}
            />
          </div>
        )}
        <div>
          <Button
            type="submit"
            className="button button--primary"
            isDisabled={!ready || jobId !== null}
          >
            {t('handover.export.start')}
          </Button>
        </div>
      </Form>
      {jobId ? (
        <JobState jobId={jobId} label={t('handover.export.running')}>
          {(job) =>
            (job.kind === 'export' || job.kind === 'access-export') && job.result ? (
              <div className="stack">
                <FormAlert tone="info">
                  {t('handover.export.done', {
                    count: job.result.clients,
                    size: format.bytes(job.result.bytes),
                  })}
                </FormAlert>
                <JobDownload
                  jobId={job.jobId}
                  labels={{
                    download: t('handover.export.download'),
                    finish: t('handover.export.finish'),
                    saved: t('handover.export.saved', { name: saved }),
                  }}
                  saved={saved}
                  onSaved={setSaved}
                  onError={(error) => setFailure(errorMessage(t, error))}
                  onFinish={() => {
                    void discard(job.jobId);
                    setJobId(null);
                  }}
                />
              </div>
            ) : null
          }
        </JobState>
      ) : null}
    </Section>
  );
}

function KeySection() {
  const { t } = useTranslation();
  const format = useFormat();
  const [key, setKey] = useState<HandoverKey | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function show() {
    setFailure(null);
    try {
      setKey(await kluis().handover.key({}));
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  }

  return (
    <Section target="key" title={t('handover.key.title')} description={t('handover.key.intro')}>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      {key ? (
        <div className="stack">
          <div>
            <p className="field__label">{t('handover.key.label')}</p>
            <p className="muted">{t('handover.key.explain')}</p>
            <p className="handover-key mono">{key.recipient}</p>
          </div>
          <p className="muted">
            {t('handover.key.since', { date: format.dateTime(key.createdAt) })}
          </p>
          <div className="button-row">
            <Button
              className="button"
              onPress={() => {
                setCopied(false);
                navigator.clipboard.writeText(key.recipient).then(
                  () => setCopied(true),
                  () => setFailure(t('summaries.copyFailed')),
                );
              }}
            >
              {t('handover.key.copy')}
            </Button>
            <Button
              className="button"
              onPress={() =>
                saveBlob(key.fileName, new Blob([key.fileText], { type: 'text/plain' }))
              }
            >
              {t('handover.key.save')}
            </Button>
            <span role="status" className="form-status">
              {copied ? t('summaries.copied') : ''}
            </span>
          </div>
        </div>
      ) : (
        <div>
          <Button className="button" onPress={() => void show()}>
            {t('handover.key.show')}
          </Button>
        </div>
      )}
    </Section>
  );
}

/** Picks a bundle file and sends it to the main process, with progress. */
function BundlePicker({ file, onFile }: { file: File | null; onFile(file: File | null): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="button-row">
      <FileTrigger
        acceptedFileTypes={['.age', 'application/octet-stream']}
        onSelect={(files) => onFile(files?.[0] ?? null)}
      >
        <Button className="button">
          {file ? t('handover.otherFile') : t('handover.chooseFile')}
        </Button>
      </FileTrigger>
      <span className={file ? '' : 'muted'}>
        {file ? `${file.name} · ${format.bytes(file.size)}` : t('handover.noFile')}
      </span>
    </div>
  );
}

type Opening =
  | { step: 'idle' }
  | { step: 'uploading'; sent: number; total: number }
  | { step: 'inspecting'; jobId: string }
  | { step: 'review'; report: InspectJobResult };

/** Upload, then an inspect or recover job, then the review: shared by import and recovery. */
function useOpening() {
  const { t } = useTranslation();
  const [opening, setOpening] = useState<Opening>({ step: 'idle' });
  const [failure, setFailure] = useState<string | null>(null);

  async function open(
    file: File,
    start: (uploadId: string) => Promise<{ jobId: string }>,
  ): Promise<void> {
    setFailure(null);
    try {
      const uploadId = await uploadBundle(file, (sent, total) =>
        setOpening({ step: 'uploading', sent, total }),
      );
      const { jobId } = await start(uploadId).catch(async (error: unknown) => {
        await kluis()
          .handover.uploadDiscard({ uploadId })
          .catch(() => undefined);
        throw error;
      });
      setOpening({ step: 'inspecting', jobId });
    } catch (error) {
      setOpening({ step: 'idle' });
      setFailure(errorMessage(t, error));
    }
  }
  return { opening, setOpening, failure, open };
}

function OpeningState({
  opening,
  onReport,
  onClose,
}: {
  opening: Opening;
  onReport(report: InspectJobResult): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (opening.step === 'uploading') {
    return (
      <p role="status" className="muted">
        {t('handover.uploading', {
          sent: format.bytes(opening.sent),
          total: format.bytes(opening.total),
        })}
      </p>
    );
  }
  if (opening.step === 'inspecting') {
    return (
      <JobState
        jobId={opening.jobId}
        label={t('handover.inspecting')}
        onFinished={(job) => {
          if ((job.kind === 'inspect' || job.kind === 'recover') && job.result) {
            onReport(job.result);
          }
        }}
      />
    );
  }
  if (opening.step === 'review') return <ImportReview report={opening.report} onClose={onClose} />;
  return null;
}

function ImportSection() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [keyKind, setKeyKind] = useState<'vault' | 'passphrase'>('vault');
  const [passphrase, setPassphrase] = useState('');
  const { opening, setOpening, failure, open } = useOpening();
  const busy = opening.step !== 'idle';

  return (
    <Section
      target="import"
      title={t('handover.import.title')}
      description={t('handover.import.intro')}
    >
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      {opening.step === 'review' ? null : (
        <Form
          className="stack"
          aria-label={t('handover.import.title')}
          onSubmit={(event) => {
            event.preventDefault();
            if (!file) return;
            void open(file, (uploadId) =>
              kluis().handover.inspect({
                source: { uploadId },
                key: keyKind === 'vault' ? { kind: 'vault' } : { kind: 'passphrase', passphrase },
              }),
            );
          }}
        >
          <BundlePicker file={file} onFile={setFile} />
          <RadioGroup
            className="radio-group radio-group--column"
            value={keyKind}
            onChange={(value) => {
              if (value === 'vault' || value === 'passphrase') setKeyKind(value);
            }}
          >
            <Label className="field__label">{t('handover.import.openWith')}</Label>
            <RadioChoice value="vault">{t('handover.import.withVaultKey')}</RadioChoice>
            <RadioChoice value="passphrase">{t('handover.import.withPassphrase')}</RadioChoice>
          </RadioGroup>
          {keyKind === 'passphrase' ? (
            <div className="stack narrow">
              <ExportPassphrase value={passphrase} onChange={setPassphrase} />
            </div>
          ) : null}
          <div>
            <Button
              type="submit"
              className="button button--primary"
              isDisabled={busy || !file || (keyKind === 'passphrase' && passphrase === '')}
            >
              {t('handover.import.open')}
            </Button>
          </div>
        </Form>
      )}
      <OpeningState
        opening={opening}
        onReport={(report) => setOpening({ step: 'review', report })}
        onClose={() => {
          setOpening({ step: 'idle' });
          setFile(null);
        }}
      />
    </Section>
  );
}

/** In a successor's app: k keepers' shares open the predecessor's continuity bundle. */
function RecoverSection() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [shares, setShares] = useState<string[]>(['', '']);
  const { opening, setOpening, failure, open } = useOpening();
  const filled = shares.filter((share) => share.trim() !== '');
  return (
    <Section
      target="recover"
      title={t('handover.recover.title')}
      description={t('handover.recover.intro')}
    >
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      {opening.step === 'review' ? null : (
        <Form
          className="stack"
          aria-label={t('handover.recover.title')}
          onSubmit={(event) => {
            event.preventDefault();
            if (!file) return;
            void open(file, (uploadId) =>
              kluis().continuity.recover({ shares: filled, source: { uploadId } }),
            );
          }}
        >
          <BundlePicker file={file} onFile={setFile} />
          <SharesInput shares={shares} onChange={setShares} minimum={2} />
          <div>
            <Button
              type="submit"
              className="button button--primary"
              isDisabled={opening.step !== 'idle' || !file || filled.length < 2}
            >
              {t('handover.recover.open')}
            </Button>
          </div>
        </Form>
      )}
      <OpeningState
        opening={opening}
        onReport={(report) => setOpening({ step: 'review', report })}
        onClose={() => {
          setOpening({ step: 'idle' });
          setFile(null);
          setShares(['', '']);
        }}
      />
    </Section>
  );
}

/** 2.28: dossiers to a successor and from a predecessor, encrypted end to end. */
export function HandoverPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t('handover.title')} subtitle={t('handover.intro')} />
      <div className="tab-stack">
        <ExportSection />
        <LetterTemplateSection />
        <KeySection />
        <ImportSection />
        <RecoverSection />
      </div>
    </div>
  );
}
