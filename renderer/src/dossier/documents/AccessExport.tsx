import { useEffect, useRef, useState } from 'react';
import { Button, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Dossier, MethodInput } from '../../../../electron/api';
import { errorMessage } from '../../api/errors';
import { downloadJobFile, useDiscardJob } from '../../api/jobs';
import { kluis } from '../../api/kluis';
import { FormAlert } from '../../components/FormAlert';
import { CheckboxField, TextInputField } from '../../components/form/Fields';
import { JobState } from '../../components/JobState';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { PassphraseMeter, usePassphraseStrength } from '../../vault/PassphraseMeter';

type AccessExportInput = MethodInput<'handover.accessExport'>;
type Protection = 'passphrase' | 'none';

function Choice({ value, children }: { value: Protection; children: string }) {
  return (
    <Radio value={value} className="radio">
      <span className="radio__dot" aria-hidden="true" />
      {children}
    </Radio>
  );
}

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
          <Choice value="passphrase">{t('accessExport.withPassphrase')}</Choice>
          <Choice value="none">{t('accessExport.withoutEncryption')}</Choice>
        </RadioGroup>
        {protection === 'passphrase' ? (
          <div className="stack narrow">
            <p className="muted">{t('accessExport.passphraseExplain')}</p>
            <TextInputField
              label={t('accessExport.passphrase')}
              hint={t('accessExport.passphraseHint')}
              type="password"
              value={passphrase}
              onChange={setPassphrase}
              autoComplete="off"
              spellCheck={false}
            />
            <PassphraseMeter strength={strength} />
            <TextInputField
              label={t('accessExport.passphraseConfirm')}
              type="password"
              value={confirm}
              onChange={setConfirm}
              error={confirm && confirm !== passphrase ? 'mismatch' : undefined}
              autoComplete="off"
              spellCheck={false}
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
                <div className="button-row">
                  <Button
                    className="button button--primary"
                    onPress={() => {
                      setFailure(null);
                      void downloadJobFile(job.jobId).then(setSaved, (error: unknown) =>
                        setFailure(errorMessage(t, error)),
                      );
                    }}
                  >
                    {t('accessExport.download')}
                  </Button>
                  <Button className="button" onPress={() => finish(job.jobId)}>
                    {t('accessExport.finish')}
                  </Button>
                  <span role="status" className="form-status">
                    {saved ? t('accessExport.saved', { name: saved }) : ''}
                  </span>
                </div>
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
