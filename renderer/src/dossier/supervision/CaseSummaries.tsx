import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, Dossier } from '../../../../electron/api';
import { errorMessage } from '../../api/errors';
import { saveDownload } from '../../api/files';
import { kluis } from '../../api/kluis';
import { keys, useInvalidate, useSummaries } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert } from '../../components/FormAlert';
import { CheckboxField, TextInputField } from '../../components/form/Fields';
import { QueryState } from '../../components/QueryState';
import { useDraftState } from '../../drafts/use-draft-state';
import { useFormat } from '../../i18n/format';
import { type Review, startReview } from './review-model';
import { SummaryReview } from './SummaryReview';

type Wizard =
  | { step: 'compose'; sessionIds: string[]; text: string }
  | { step: 'review'; sessionIds: string[]; text: string; review: Review; title: string }
  | { step: 'done'; summary: CaseSummary };

function plain(markdown: string): string {
  return markdown
    .replace(/[*_`#>~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Export as Markdown or PDF (a download), or copy the text; every export is audited. */
function SummaryActions({ summary }: { summary: CaseSummary }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState('');

  async function exportAs(format: 'markdown' | 'pdf') {
    setFailure(null);
    setNote('');
    try {
      const file = await kluis().summaries.export({ id: summary.id, format });
      saveDownload(file.fileName, file.mediaType, file.contentBase64);
      setNote(t('summaries.exported', { name: file.fileName }));
      await invalidate(keys.summaries(summary.clientId));
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  }

  async function copy() {
    setFailure(null);
    setNote('');
    try {
      await navigator.clipboard.writeText(`# ${summary.title}\n\n${summary.anonymisedText}\n`);
      setNote(t('summaries.copied'));
    } catch {
      setFailure(t('summaries.copyFailed'));
    }
  }

  return (
    <div className="summary-actions">
      <div className="button-row">
        <Button
          className="button button--small"
          aria-label={t('summaries.exportMarkdownLabel', { title: summary.title })}
          onPress={() => void exportAs('markdown')}
        >
          {t('summaries.exportMarkdown')}
        </Button>
        <Button
          className="button button--small"
          aria-label={t('summaries.exportPdfLabel', { title: summary.title })}
          onPress={() => void exportAs('pdf')}
        >
          {t('summaries.exportPdf')}
        </Button>
        <Button
          className="button button--small"
          aria-label={t('summaries.copyLabel', { title: summary.title })}
          onPress={() => void copy()}
        >
          {t('summaries.copy')}
        </Button>
        <span role="status" className="form-status">
          {note}
        </span>
      </div>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
    </div>
  );
}

function SummaryList({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const summaries = useSummaries(clientId);
  const invalidate = useInvalidate();
  const [deleting, setDeleting] = useState<CaseSummary | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <QueryState query={summaries}>
      {(items) => (
        <div className="record-list">
          {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
          {items.length === 0 ? (
            <p className="muted">{t('summaries.empty')}</p>
          ) : (
            <ul className="record-list__items" aria-label={t('summaries.listLabel')}>
              {items.map((summary) => (
                <li key={summary.id} className="record-list__item">
                  <div className="record-row">
                    <div className="record-row__summary">
                      <p className="record-row__title">{summary.title}</p>
                      <p className="record-row__meta">
                        {t('summaries.reviewedAt', { date: format.dateTime(summary.reviewedAt) })}
                        {' · '}
                        {summary.exportedAt
                          ? t('summaries.exportedAt', { date: format.dateTime(summary.exportedAt) })
                          : t('summaries.notExported')}
                      </p>
                      <details className="summary-text">
                        <summary>{t('summaries.showText')}</summary>
                        <p className="record-row__text">{summary.anonymisedText}</p>
                      </details>
                      <SummaryActions summary={summary} />
                    </div>
                    <div className="record-row__actions">
                      <Button
                        className="button button--small button--quiet-danger"
                        aria-label={t('summaries.deleteLabel', { title: summary.title })}
                        onPress={() => setDeleting(summary)}
                      >
                        {t('common.delete')}
                      </Button>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <ConfirmDialog
            isOpen={deleting !== null}
            onOpenChange={(open) => {
              if (!open) setDeleting(null);
            }}
            title={t('summaries.deleteTitle')}
            confirmLabel={t('common.delete')}
            danger
            onConfirm={() => {
              const summary = deleting;
              if (!summary) return;
              setFailure(null);
              kluis()
                .summaries.delete({ id: summary.id })
                .then(() => invalidate(keys.summaries(clientId)))
                .catch((error: unknown) => setFailure(errorMessage(t, error)));
            }}
          >
            <p>{t('summaries.deleteText')}</p>
          </ConfirmDialog>
        </div>
      )}
    </QueryState>
  );
}

function Compose({
  dossier,
  wizard,
  onChange,
  onCancel,
  onPrepared,
}: {
  dossier: Dossier;
  wizard: Extract<Wizard, { step: 'compose' }>;
  onChange(next: Wizard): void;
  onCancel(): void;
  onPrepared(next: Wizard): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function prepare() {
    setFailure(null);
    setBusy(true);
    try {
      const prepared = await kluis().summaries.prepare({
        clientId: dossier.client.id,
        sessionIds: wizard.sessionIds,
        text: wizard.text,
      });
      onPrepared({
        step: 'review',
        sessionIds: wizard.sessionIds,
        text: wizard.text,
        review: startReview(prepared.original, prepared.anonymised),
        title: t('summaries.defaultTitle'),
      });
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (id: string, on: boolean) =>
    onChange({
      ...wizard,
      sessionIds: on
        ? [...wizard.sessionIds, id]
        : wizard.sessionIds.filter((other) => other !== id),
    });
  return (
    <div className="stack compose">
      <p className="muted">{t('summaries.composeIntro')}</p>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <fieldset className="compose__sessions">
        <legend className="field__label">{t('summaries.sessions')}</legend>
        {dossier.sessions.length === 0 ? (
          <p className="muted">{t('sessions.empty')}</p>
        ) : (
          <div className="compose__options">
            {dossier.sessions.map((session) => (
              <CheckboxField
                key={session.id}
                label={t('summaries.sessionLabel', { date: format.dateTime(session.startsAt) })}
                hint={plain(session.preview).slice(0, 120) || undefined}
                value={wizard.sessionIds.includes(session.id)}
                onChange={(on) => toggle(session.id, on)}
              />
            ))}
          </div>
        )}
      </fieldset>
      <TextInputField
        label={t('summaries.ownText')}
        hint={t('summaries.ownTextHint')}
        value={wizard.text}
        onChange={(text) => onChange({ ...wizard, text })}
        multiline
        rows={6}
      />
      <div className="button-row">
        <Button
          className="button button--primary"
          isDisabled={busy || (wizard.sessionIds.length === 0 && wizard.text.trim() === '')}
          onPress={() => void prepare()}
        >
          {busy ? t('summaries.preparing') : t('summaries.prepare')}
        </Button>
        <Button className="button" onPress={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}

/**
 * 2.16, 4.3–4.5: a case summary for supervision that identifies no one. The coach picks
 * sessions or writes a text; the app replaces what the dossier knows and flags what it
 * is unsure of; the coach reviews every flag; only then is the text stored and exported.
 */
export function CaseSummaries({ dossier, hasConsent }: { dossier: Dossier; hasConsent: boolean }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const clientId = dossier.client.id;
  const [wizard, setWizard, forgetWizard] = useDraftState<Wizard | null>(
    `summary:${clientId}`,
    null,
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const close = () => {
    setFailure(null);
    setWizard(null);
    forgetWizard();
  };

  async function finalize(current: Extract<Wizard, { step: 'review' }>) {
    setFailure(null);
    setBusy(true);
    try {
      const summary = await kluis().summaries.finalize({
        clientId,
        title: current.title.trim(),
        text: current.review.text,
      });
      setWizard({ step: 'done', summary });
      await invalidate(keys.summaries(clientId));
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  if (wizard === null) {
    return (
      <div className="stack">
        <div>
          <Button
            className="button button--primary"
            isDisabled={!hasConsent}
            onPress={() => setWizard({ step: 'compose', sessionIds: [], text: '' })}
          >
            {t('summaries.new')}
          </Button>
        </div>
        <SummaryList clientId={clientId} />
      </div>
    );
  }
  switch (wizard.step) {
    case 'compose':
      return (
        <Compose
          dossier={dossier}
          wizard={wizard}
          onChange={setWizard}
          onCancel={close}
          onPrepared={setWizard}
        />
      );
    case 'review':
      return (
        <div className="stack">
          <p className="muted">{t('summaries.reviewIntro')}</p>
          {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
          <SummaryReview
            review={wizard.review}
            title={wizard.title}
            onTitle={(title) => setWizard({ ...wizard, title })}
            onChange={(review) => setWizard({ ...wizard, review })}
            onFinalize={() => void finalize(wizard)}
            onBack={() =>
              setWizard({ step: 'compose', sessionIds: wizard.sessionIds, text: wizard.text })
            }
            busy={busy}
          />
        </div>
      );
    case 'done':
      return (
        <div className="stack">
          <FormAlert tone="info">{t('summaries.done')}</FormAlert>
          <div className="summary-done">
            <h3 className="subsection-title">{wizard.summary.title}</h3>
            <p className="record-row__text summary-done__text">{wizard.summary.anonymisedText}</p>
            <SummaryActions summary={wizard.summary} />
          </div>
          <div>
            <Button className="button" onPress={close}>
              {t('summaries.close')}
            </Button>
          </div>
        </div>
      );
  }
}
