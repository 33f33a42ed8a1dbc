import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { type Control, Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Dossier, Session } from '../../../../electron/api';
import { sessionFields } from '../../../../electron/contract/records';
import { asApiFailure, errorMessageKey } from '../../api/errors';
import { kluis } from '../../api/kluis';
import { useInvalidateDossier, useSession } from '../../api/queries';
import { AttachmentTable } from '../../components/AttachmentTable';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FileUpload } from '../../components/FileUpload';
import { FormAlert } from '../../components/FormAlert';
import { TextInputField } from '../../components/form/Fields';
import { FormFields } from '../../components/form/FormFields';
import {
  apiResolver,
  type FormValues,
  fromLocalDateTime,
  issueCode,
  toApiValues,
  toFormValues,
} from '../../components/form/field-spec';
import { QueryState } from '../../components/QueryState';
import { useFormDraft } from '../../drafts/use-form-draft';
import { useFormat } from '../../i18n/format';
import { sessionSpecs } from '../specs';
import { MarkdownNote } from './MarkdownNote';
import { type AutosaveStatus, useAutosave } from './use-autosave';

const headerSpecs = sessionSpecs.filter(
  (spec) => spec.name !== 'notes' && spec.name !== 'reflection',
);

function newSessionValues(): FormValues {
  const start = new Date();
  start.setMinutes(Math.round(start.getMinutes() / 5) * 5, 0, 0);
  return toFormValues(sessionSpecs, {
    startsAt: start.toISOString(),
    durationMinutes: 60,
    form: 'in-person',
    tags: [],
    notes: '',
    reflection: '',
  });
}

function StatusText({ status, savedAt }: { status: AutosaveStatus; savedAt: Date | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text: Record<AutosaveStatus, string> = {
    idle: savedAt ? t('sessions.autosave.saved', { time: format.time(savedAt) }) : '',
    pending: t('sessions.autosave.pending'),
    saving: t('sessions.autosave.saving'),
    saved: savedAt ? t('sessions.autosave.saved', { time: format.time(savedAt) }) : '',
    invalid: t('sessions.autosave.invalid'),
    error: t('sessions.autosave.error'),
  };
  return (
    <span className={`autosave autosave--${status}`} role="status">
      {text[status]}
    </span>
  );
}

function SessionTitle({ control }: { control: Control<FormValues> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const startsAt = useWatch({ control, name: 'startsAt' });
  const iso = typeof startsAt === 'string' && startsAt !== '' ? fromLocalDateTime(startsAt) : null;
  return <>{t('sessions.titleOf', { date: format.dateTime(iso) })}</>;
}

/** Only the preview follows the typing, so the editor itself does not re-render per key. */
function NotePreview({ control }: { control: Control<FormValues> }) {
  const notes = useWatch({ control, name: 'notes' });
  return <MarkdownNote text={typeof notes === 'string' ? notes : ''} />;
}

interface SessionFormProps {
  dossier: Dossier;
  session: Session | null;
  editorKey: string;
}

function SessionForm({ dossier, session, editorKey }: SessionFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const clientId = dossier.client.id;
  const refresh = useInvalidateDossier(clientId);
  const [sessionId, setSessionId] = useState<string | null>(session?.id ?? null);
  const [failure, setFailure] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const resolver = useMemo(() => apiResolver(sessionSpecs, sessionFields), []);
  const form = useForm<FormValues>({
    defaultValues: session ? toFormValues(sessionSpecs, session) : newSessionValues(),
    resolver,
  });
  const draftKey = `session:${clientId}:${editorKey}`;

  // The id lives in a ref too: saves run after renders and must see a create's result.
  const idRef = useMemo(() => ({ current: session?.id ?? null }), [session]);
  // A create that finishes after the coach left the editor (its last save runs as it
  // closes) must not pull them back to the session from wherever they went.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const autosave = useAutosave(async () => {
    const parsed = sessionFields.safeParse(toApiValues(sessionSpecs, form.getValues()));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0] ?? '');
        const code = issueCode(issue);
        form.setError(name, { type: code, message: code });
      }
      return 'invalid';
    }
    form.clearErrors();
    try {
      if (idRef.current) {
        await kluis().sessions.update({ id: idRef.current, ...parsed.data });
      } else {
        const created = await kluis().sessions.create({ clientId, ...parsed.data });
        idRef.current = created.id;
        setSessionId(created.id);
        if (mounted.current)
          void navigate(`/clients/${clientId}/sessions/${created.id}`, {
            replace: true,
            state: { editorKey },
          });
      }
      setFailure(null);
      if (!autosave.hasPendingChanges()) draft.saved();
      void refresh();
      return 'saved';
    } catch (error) {
      for (const issue of asApiFailure(error)?.issues ?? []) {
        const name = issue.path.split('.')[0] ?? '';
        form.setError(name, { type: issue.code, message: issue.code });
      }
      setFailure(t(errorMessageKey(error)));
      return 'error';
    }
  });
  const draft = useFormDraft(draftKey, form, true, autosave.changed);

  useEffect(() => {
    const subscription = form.watch((_values, { type }) => {
      if (type === 'change') autosave.changed();
    });
    return () => subscription.unsubscribe();
  }, [form, autosave.changed]);

  const attachments = sessionId
    ? dossier.attachments.filter((attachment) => attachment.sessionId === sessionId)
    : [];

  return (
    <form
      className="session-editor"
      aria-label={t('sessions.editorLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        void autosave.saveNow();
      }}
    >
      <div className="session-editor__head">
        <h2 className="section-title">
          {sessionId ? <SessionTitle control={form.control} /> : t('sessions.newTitle')}
        </h2>
        <div className="session-editor__status">
          <StatusText status={autosave.status} savedAt={autosave.savedAt} />
          {autosave.status === 'error' ? (
            <Button className="button button--small" onPress={() => void autosave.saveNow()}>
              {t('common.retry')}
            </Button>
          ) : null}
          {sessionId ? (
            <Button
              className="button button--small button--quiet-danger"
              onPress={() => setDeleting(true)}
            >
              {t('sessions.delete')}
            </Button>
          ) : null}
        </div>
      </div>
      {draft.restored ? <FormAlert tone="info">{t('drafts.restoredSession')}</FormAlert> : null}
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <FormFields specs={headerSpecs} control={form.control} labelPrefix="fields.session" />
      <Tabs className="note-tabs">
        <TabList className="note-tabs__list" aria-label={t('sessions.noteModes')}>
          <Tab id="write" className="note-tabs__tab">
            {t('sessions.write')}
          </Tab>
          <Tab id="preview" className="note-tabs__tab">
            {t('sessions.preview')}
          </Tab>
        </TabList>
        <TabPanel id="write">
          <Controller
            name="notes"
            control={form.control}
            render={({ field, fieldState }) => (
              <TextInputField
                label={t('fields.session.notes')}
                hint={t('fields.session.notesHint')}
                value={typeof field.value === 'string' ? field.value : ''}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
                multiline
                rows={14}
                inputClassName="note-area"
                className="field--wide"
              />
            )}
          />
        </TabPanel>
        <TabPanel id="preview" className="note-preview">
          <NotePreview control={form.control} />
        </TabPanel>
      </Tabs>
      <Controller
        name="reflection"
        control={form.control}
        render={({ field, fieldState }) => (
          <TextInputField
            label={t('fields.session.reflection')}
            hint={t('fields.session.reflectionHint')}
            value={typeof field.value === 'string' ? field.value : ''}
            onChange={field.onChange}
            onBlur={field.onBlur}
            error={fieldState.error?.message}
            multiline
            rows={5}
            className="field--wide reflection"
          />
        )}
      />
      <section className="session-editor__attachments" aria-labelledby="session-attachments">
        <h3 id="session-attachments" className="subsection-title">
          {t('sessions.attachmentsTitle')}
        </h3>
        <AttachmentTable
          attachments={attachments}
          label={t('sessions.attachmentsTitle')}
          emptyText={sessionId ? t('sessions.noAttachments') : t('sessions.saveFirst')}
          onDeleted={refresh}
        />
        <FileUpload
          label={t('documents.upload')}
          owner={{ clientId, sessionId }}
          isDisabled={sessionId === null}
          onUploaded={() => refresh()}
        />
      </section>
      <ConfirmDialog
        isOpen={deleting}
        onOpenChange={setDeleting}
        title={t('sessions.deleteTitle')}
        confirmLabel={t('sessions.delete')}
        danger
        onConfirm={() => {
          const id = idRef.current;
          if (!id) return;
          kluis()
            .sessions.delete({ id })
            .then(async () => {
              // Through the draft itself, so the editor closing does not write it back.
              draft.saved();
              await refresh();
              void navigate(`/clients/${clientId}/sessions`, { replace: true });
            })
            .catch((error: unknown) => setFailure(t(errorMessageKey(error))));
        }}
      >
        <p>{t('sessions.deleteText')}</p>
      </ConfirmDialog>
    </form>
  );
}

export function SessionEditor({
  dossier,
  sessionId,
  editorKey,
}: {
  dossier: Dossier;
  sessionId: string | null;
  editorKey: string;
}) {
  // Loaded once when the editor opens; a session this editor created needs no load.
  const [initialId] = useState(sessionId);
  const query = useSession(initialId);
  if (initialId === null)
    return <SessionForm dossier={dossier} session={null} editorKey={editorKey} />;
  return (
    <QueryState query={query}>
      {(session) => <SessionForm dossier={dossier} session={session} editorKey={editorKey} />}
    </QueryState>
  );
}
