import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { LetterTemplate } from '../../../../electron/api';
import { LETTER_TEMPLATE_MAX_LENGTH } from '../../../../electron/services/handover/contract';
import { errorMessage } from '../../api/errors';
import { kluis } from '../../api/kluis';
import { keys, useLetterTemplate } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert } from '../../components/FormAlert';
import { TextInputField } from '../../components/form/Fields';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';

const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** Placeholders in the text that the app does not fill in: they would stay as typed. */
function unknownPlaceholders(text: string, known: readonly string[]): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!known.includes(name)) unknown.add(`{{${name}}}`);
  }
  return [...unknown];
}

function Placeholders({ names }: { names: readonly string[] }) {
  const { t } = useTranslation();
  if (names.length === 0) return null;
  return (
    <div className="letter-placeholders">
      <p className="field__label" id="letter-placeholders-title">
        {t('handover.letter.placeholders')}
      </p>
      <p className="field__hint">{t('handover.letter.placeholdersHint')}</p>
      <ul className="letter-placeholders__list" aria-labelledby="letter-placeholders-title">
        {names.map((name) => {
          const meaning = t(`handover.letter.placeholder.${name}`, { defaultValue: '' });
          return (
            <li key={name}>
              <code className="mono">{`{{${name}}}`}</code>
              {meaning ? <span className="muted"> {meaning}</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function LetterEditor({ letter }: { letter: LetterTemplate }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  /** What the coach typed; null while the stored text is shown unchanged. */
  const [draft, setDraft] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState<'saved' | 'reset' | null>(null);
  const [busy, setBusy] = useState(false);
  const [resetting, setResetting] = useState(false);
  const text = draft ?? letter.template;
  const changed = draft !== null && draft !== letter.template;
  const tooLong = text.length > LETTER_TEMPLATE_MAX_LENGTH;
  const unknown = unknownPlaceholders(text, letter.placeholders);

  async function save(template: string | null) {
    setFailure(null);
    setStatus(null);
    setBusy(true);
    try {
      const stored = await kluis().handover.saveLetterTemplate({ template });
      queryClient.setQueryData(keys.letterTemplate, stored);
      setDraft(null);
      setStatus(template === null ? 'reset' : 'saved');
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <p className="muted">
        {letter.isDefault ? t('handover.letter.isDefault') : t('handover.letter.isOwn')}
      </p>
      <Form
        className="stack"
        aria-label={t('handover.letter.title')}
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          if (changed && !tooLong && text.trim() !== '') void save(text);
        }}
      >
        <TextInputField
          label={t('handover.letter.text')}
          hint={t('handover.letter.textHint')}
          value={text}
          onChange={(value) => {
            setStatus(null);
            setDraft(value);
          }}
          multiline
          rows={18}
          inputClassName="letter-template__text"
          error={tooLong ? 'too_big' : text.trim() === '' ? 'required' : undefined}
        />
        {unknown.length > 0 ? (
          <FormAlert tone="warning">
            {t('handover.letter.unknown', { count: unknown.length, names: unknown.join(', ') })}
          </FormAlert>
        ) : null}
        <Placeholders names={letter.placeholders} />
        <div className="button-row">
          <Button
            type="submit"
            className="button button--primary"
            isDisabled={busy || !changed || tooLong || text.trim() === ''}
          >
            {t('handover.letter.save')}
          </Button>
          {changed ? (
            <Button
              className="button"
              isDisabled={busy}
              onPress={() => {
                setDraft(null);
                setStatus(null);
              }}
            >
              {t('handover.letter.undo')}
            </Button>
          ) : null}
          {letter.isDefault ? null : (
            <Button className="button" isDisabled={busy} onPress={() => setResetting(true)}>
              {t('handover.letter.reset')}
            </Button>
          )}
          <span role="status" className="form-status">
            {status === 'saved'
              ? t('common.saved')
              : status === 'reset'
                ? t('handover.letter.resetDone')
                : ''}
          </span>
        </div>
      </Form>
      <ConfirmDialog
        isOpen={resetting}
        onOpenChange={setResetting}
        title={t('handover.letter.resetTitle')}
        confirmLabel={t('handover.letter.reset')}
        onConfirm={() => {
          void save(null);
        }}
      >
        <p>{t('handover.letter.resetText')}</p>
      </ConfirmDialog>
    </>
  );
}

/** The letter each client gets when the practice closes (2.28), edited once for all. */
export function LetterTemplateSection() {
  const { t } = useTranslation();
  const letter = useLetterTemplate();
  return (
    <Section
      target="letter"
      title={t('handover.letter.title')}
      description={t('handover.letter.intro')}
    >
      <QueryState query={letter}>{(data) => <LetterEditor letter={data} />}</QueryState>
    </Section>
  );
}
