import { useEffect, useRef, useState } from 'react';
import { Button, Form, Label, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Dossier, MethodInput } from '../../../../electron/api';
import { errorMessage } from '../../api/errors';
import { useDiscardJob } from '../../api/jobs';
import { kluis } from '../../api/kluis';
import { ExportPassphrase } from '../../components/ExportPassphrase';
import { FormAlert } from '../../components/FormAlert';
import { CheckboxField } from '../../components/form/Fields';
import { RadioChoice } from '../../components/form/RadioChoice';
import { JobDownload } from '../../components/JobDownload';
import { JobState } from '../../components/JobState';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { usePassphraseStrength } from '../../vault/PassphraseMeter';

type AccessExportInput = MethodInput<'handover.accessExport'>;
type Protection = 'passphrase' | 'none';
type ClientLanguage = AccessExportInput['language'];

/**
 * AVG art. 15: the client's right of access. One dossier as PDF + JSON in a zip, encrypted
 * with a passphrase the client gets separately; unencrypted only when the coach says so in
 * as many words. The job runs like the handover export: progress, stop, download.
 */
export function AccessExport({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const format = useFormat();
  const discard = useDiscardJob();
  const clientId = dossier.client.id;
  const [protection, setProtection] = useState<Protection>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [language, setLanguage] = useState<ClientLanguage>('nl');
  // The coach's own reflections stay out unless the coach ticks the box, knowing what they are.
  const [includeReflections, setIncludeReflections] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  /** The job failed or was stopped: its message shows, with a way back to the form. */
  const [stopped, setStopped] = useState(false);
  const strength = usePassphraseStrength(protection === 'passphrase' ? passphrase : '');

  // The file holds the whole dossier: it does not outlive this screen in the main process.
  const current = useRef<string | null>(null);
  current.current = jobId;
  useEffect(
    () => () => {
      if (current.current) void discard(current.current);
    },
    [discard],
  );

  const ready =
    protection === 'passphrase'
      ? strength?.acceptable === true && confirm === passphrase
      : acknowledged;

  async function start() {
    setFailure(null);
    setSaved(null);
    const input: AccessExportInput = {
      clientId,
      protection:
        protection === 'passphrase'
          ? { kind: 'passphrase', passphrase }
          : { kind: 'none', acknowledgeUnencrypted: true },
      language,
      includeReflections,
      output: { download: true },
    };
    try {
      setJobId((await kluis().handover.accessExport(input)).jobId);
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  }

  /** Forgets the job and its file; after a finished export also what was typed. */
  function finish(id: string, { keepInput = false } = {}) {
    void discard(id);
    setJobId(null);
    setSaved(null);
    setStopped(false);
    if (keepInput) return;
    setPassphrase('');
    setConfirm('');
    setAcknowledged(false);
    setIncludeReflections(false);
  }

  return (
    <Section
      target="access-export"
      title={t('accessExport.title')}
      description={t('accessExport.intro')}
    >
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <Form
        className="stack"
        aria-label={t('accessExport.title')}
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready && jobId === null) void start();
        }}
      >
        <RadioGroup
          className="radio-group radio-group--column narrow"
          value={language}
          isDisabled={jobId !== null}
          onChange={(value) => {
            if (value === 'nl' || value === 'en') setLanguage(value);
          }}
        >
          <Label className="field__label">{t('accessExport.language')}</Label>
          <p className="muted">{t('accessExport.languageHint')}</p>
          <RadioChoice value="nl">{t('accessExport.languageNl')}</RadioChoice>
          <RadioChoice value="en">{t('accessExport.languageEn')}</RadioChoice>
        </RadioGroup>
        <div className="stack narrow">
          <p className="field__label">{t('accessExport.reflectionsTitle')}</p>
          <CheckboxField
            label={t('accessExport.includeReflections')}
            hint={t('accessExport.reflectionsExplain')}
            value={includeReflections}
            onChange={setIncludeReflections}
          />
        </div>
        <RadioGroup
          className="radio-group radio-group--column"
          value={protection}
          isDisabled={jobId !== null}
          onChange={(value) => {
            if (value === 'passphrase' || value === 'none') {
              setProtection(value);
              setAcknowledged(false);
            }
          }}
        >
          <Label className="field__label">{t('accessExport.protection')}</Label>
          <RadioChoice value="passphrase">{t('accessExport.withPassphrase')}</RadioChoice>
          <RadioChoice value="none">{t('accessExport.withoutEncryption')}</RadioChoice>
        </RadioGroup>
        {protection === 'passphrase' ? (
          <div className="stack narrow">
            <p className="muted">{t('accessExport.passphraseExplain')}</p>
            <ExportPassphrase
              label={t('accessExport.passphrase')}
              hint={t('accessExport.passphraseHint')}
              confirmLabel={t('accessExport.passphraseConfirm')}
              value={passphrase}
              onChange={setPassphrase}
              confirm={confirm}
              onConfirm={setConfirm}
            />
          </div>
        ) : (
          <div className="stack narrow">
            <FormAlert tone="warning">
              <strong>{t('accessExport.unencryptedTitle')}</strong>{' '}
              {t('accessExport.unencryptedWarning')}
            </FormAlert>
            <CheckboxField
              label={t('accessExport.acknowledge')}
              value={acknowledged}
              onChange={setAcknowledged}
            />
          </div>
        )}
        {/* The file's formats and the command-line tool are for whoever helps the client. */}
        <details className="narrow">
          <summary>{t('accessExport.technicalTitle')}</summary>
          <p className="muted">{t('accessExport.technicalDetails')}</p>
        </details>
        <div>
          <Button
            type="submit"
            className={`button ${protection === 'none' ? 'button--danger' : 'button--primary'}`}
            isDisabled={!ready || jobId !== null}
          >
            {protection === 'none' ? t('accessExport.startUnencrypted') : t('accessExport.start')}
          </Button>
        </div>
      </Form>
      {jobId ? (
        <JobState
          key={jobId}
          jobId={jobId}
          label={t('accessExport.running')}
          onFinished={(job) => setStopped(job.state !== 'done')}
        >
          {(job) =>
            job.kind === 'access-export' && job.result ? (
              <div className="stack">
                <FormAlert tone={job.result.unencrypted ? 'warning' : 'info'}>
                  {job.result.unencrypted
                    ? t('accessExport.doneUnencrypted', { size: format.bytes(job.result.bytes) })
                    : t('accessExport.done', { size: format.bytes(job.result.bytes) })}
                </FormAlert>
                <JobDownload
                  jobId={job.jobId}
                  labels={{
                    download: t('accessExport.download'),
                    finish: t('accessExport.finish'),
                    saved: t('accessExport.saved', { name: saved }),
                  }}
                  saved={saved}
                  onSaved={(name) => {
                    setFailure(null);
                    setSaved(name);
                  }}
                  onError={(error) => setFailure(errorMessage(t, error))}
                  onFinish={() => finish(job.jobId)}
                />
              </div>
            ) : null
          }
        </JobState>
      ) : null}
      {jobId && stopped ? (
        <div>
          <Button className="button" onPress={() => finish(jobId, { keepInput: true })}>
            {t('accessExport.again')}
          </Button>
        </div>
      ) : null}
    </Section>
  );
}
