import { useEffect, useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { NamedClient, SupervisionMeeting } from '../../../electron/api';
import { supervisionFields } from '../../../electron/contract/records';
import { errorMessage } from '../api/errors';
import { kluis } from '../api/kluis';
import {
  keys,
  useClients,
  useInvalidate,
  usePractice,
  useSettings,
  useSupervisionEligible,
  useSupervisionLog,
} from '../api/queries';
import { consentHref } from '../app/links';
import { useClientLabel } from '../clients/client-name';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DutyList } from '../components/DutyList';
import { FormAlert } from '../components/FormAlert';
import { CheckboxField } from '../components/form/Fields';
import { RecordForm } from '../components/form/RecordForm';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { Section } from '../components/Section';
import { draftsUnder } from '../drafts/draft-store';
import { useDraftState } from '../drafts/use-draft-state';
import { todayIso, useFormat } from '../i18n/format';
import { supervisionSpecs } from './specs';
import './practice.css';

const meetingSchema = supervisionFields.omit({ clientIds: true });

interface Case {
  clientId: string;
  pseudonym: string;
}

/**
 * The cases of a meeting. The coach picks by real name (with the pseudonym beside it); the
 * meeting keeps only the link, shown by pseudonym. Only dossiers whose client agreed to
 * anonymous supervision can be picked; the others are named with the way to record that
 * consent.
 */
function CasePicker({
  selected,
  onChange,
  known,
  wanted,
}: {
  selected: readonly string[];
  onChange(next: string[]): void;
  /** Cases already on the meeting, which may have lost their consent since. */
  known: readonly Case[];
  /** A case the coach came here to add (from a dossier), eligible or not. */
  wanted: string | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const eligible = useSupervisionEligible();
  const clients = useClients({});
  const eligibleIds = new Set((eligible.data ?? []).map((item) => item.clientId));
  const withoutConsent = (clients.data ?? []).filter((client) => !eligibleIds.has(client.id));
  const clientLabel = useClientLabel();
  // The coach sees who a case is; the meeting stores and shows only the pseudonym.
  const labelOf = (id: string) => {
    const client = clients.data?.find((item) => item.id === id);
    if (client) return clientLabel(client);
    return known.find((item) => item.clientId === id)?.pseudonym ?? '';
  };
  const blocked = [...new Set([...selected, ...(wanted ? [wanted] : [])])].filter(
    (id) => eligible.data !== undefined && !eligibleIds.has(id),
  );
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((other) => other !== id));

  return (
    <fieldset className="case-picker field--wide">
      <legend className="field__label">{t('supervision.cases.label')}</legend>
      <p className="field__hint">{t('supervision.cases.hint')}</p>
      <QueryState query={eligible}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted">{t('supervision.cases.noneEligible')}</p>
          ) : (
            <div className="case-picker__options">
              {items.map((item) => (
                <CheckboxField
                  key={item.clientId}
                  label={clientLabel(item)}
                  hint={t('supervision.cases.consentOn', { date: format.day(item.consentOn) })}
                  value={selected.includes(item.clientId)}
                  onChange={(on) => toggle(item.clientId, on)}
                />
              ))}
            </div>
          )
        }
      </QueryState>
      {blocked.map((id) => (
        <FormAlert key={id} tone="warning">
          {t('supervision.cases.blocked', { client: labelOf(id) })}{' '}
          <Link to={consentHref(id)} className="inline-link">
            {t('supervision.cases.recordConsent')}
          </Link>
          {selected.includes(id) ? (
            <>
              {' '}
              <Button className="link-button" onPress={() => toggle(id, false)}>
                {t('supervision.cases.remove', { client: labelOf(id) })}
              </Button>
            </>
          ) : null}
        </FormAlert>
      ))}
      <details className="case-picker__missing">
        <summary>{t('supervision.cases.missingTitle')}</summary>
        <p>{t('supervision.cases.missingText')}</p>
        {withoutConsent.length > 0 ? (
          <ul className="case-picker__without" aria-label={t('supervision.cases.withoutLabel')}>
            {withoutConsent.map((client) => (
              <li key={client.id}>
                <span>{clientLabel(client)}</span>{' '}
                <Link to={consentHref(client.id)} className="inline-link">
                  {t('supervision.cases.recordConsentFor', { client: clientLabel(client) })}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </details>
    </fieldset>
  );
}

function MeetingForm({
  meeting,
  wanted,
  onDone,
}: {
  meeting: SupervisionMeeting | null;
  wanted: string | null;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const eligible = useSupervisionEligible();
  const id = meeting?.id ?? 'new';
  const [cases, setCases, forgetCases] = useDraftState<string[]>(
    `supervision-cases:${id}`,
    () => meeting?.cases.map((item) => item.clientId) ?? [],
  );
  // A case brought from a dossier is ticked as soon as it turns out to be eligible.
  const wantedEligible =
    wanted !== null && (eligible.data ?? []).some((item) => item.clientId === wanted);
  const selected =
    wantedEligible && !cases.includes(wanted) && id === 'new' ? [...cases, wanted] : cases;
  const clientLabel = useClientLabel();
  // The log holds pseudonyms only: a text that names a known client is held back with a
  // warning. Only the warning's own "Toch opslaan" saves it anyway: a second click of the
  // submit button (a double-click) is no informed choice and is ignored.
  const [named, setNamed] = useState<{ texts: string; clients: NamedClient[] } | null>(null);
  const submitLabel = meeting ? t('common.save') : t('common.add');
  return (
    <RecordForm
      label={t('supervision.one')}
      specs={supervisionSpecs}
      schema={meetingSchema}
      labelPrefix="fields.supervision"
      record={meeting as Readonly<Record<string, unknown>> | null}
      defaults={{ heldOn: todayIso(), form: 'individual-supervision' }}
      draftKey={`supervision:${id}`}
      submitLabel={submitLabel}
      confirmSubmit={async (fields, anyway) => {
        const texts = [fields.withWhom, fields.topics, fields.dilemmas, fields.outcomes];
        const key = JSON.stringify(texts);
        // "Toch opslaan" covers the texts the warning named, not text typed after it.
        if (named?.texts === key) return anyway;
        const clients = await kluis().supervision.findNames({ texts });
        setNamed(clients.length > 0 ? { texts: key, clients } : null);
        return clients.length === 0;
      }}
      onCancel={() => {
        forgetCases();
        onDone();
      }}
      onSubmit={async (fields) => {
        if (meeting)
          await kluis().supervision.update({ id: meeting.id, ...fields, clientIds: selected });
        else await kluis().supervision.create({ ...fields, clientIds: selected });
        forgetCases();
        await invalidate(keys.supervision, keys.practice);
        onDone();
      }}
      extra={({ submitAnyway }) =>
        named ? (
          <FormAlert tone="warning">
            {t('supervision.namesWarning', {
              count: named.clients.length,
              names: named.clients.map(clientLabel).join(', '),
            })}{' '}
            <Button className="button button--small" onPress={submitAnyway}>
              {t('supervision.saveAnyway')}
            </Button>
          </FormAlert>
        ) : null
      }
    >
      <CasePicker
        selected={selected}
        onChange={setCases}
        known={meeting?.cases ?? []}
        wanted={id === 'new' ? wanted : null}
      />
    </RecordForm>
  );
}

function MeetingSummary({ meeting }: { meeting: SupervisionMeeting }) {
  const { t } = useTranslation();
  const format = useFormat();
  const blocks = [
    ['topics', meeting.topics],
    ['dilemmas', meeting.dilemmas],
    ['outcomes', meeting.outcomes],
  ] as const;
  return (
    <>
      <p className="record-row__title">
        {format.day(meeting.heldOn)} · {t(`enums.supervisionForm.${meeting.form}`)}
      </p>
      <p className="record-row__meta">
        {[
          meeting.withWhom,
          meeting.durationMinutes !== null
            ? t('sessions.minutes', { count: meeting.durationMinutes })
            : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {meeting.cases.length > 0 ? (
        <p className="meeting__cases">
          <span className="muted">{t('supervision.casesShort')}</span>{' '}
          {meeting.cases.map((item) => (
            <span key={item.clientId} className="tag mono">
              {item.pseudonym}
            </span>
          ))}
        </p>
      ) : null}
      <dl className="meeting__texts">
        {blocks
          .filter(([, text]) => text.trim() !== '')
          .map(([name, text]) => (
            <div key={name}>
              <dt>{t(`fields.supervision.${name}`)}</dt>
              <dd className="record-row__text">{text}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}

function MeetingLog({
  meetings,
  startWithNew,
  wanted,
}: {
  meetings: readonly SupervisionMeeting[];
  startWithNew: boolean;
  wanted: string | null;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [editing, setEditing] = useState<string | null>(
    () => draftsUnder('supervision')[0] ?? (startWithNew ? 'new' : null),
  );
  const [deleting, setDeleting] = useState<SupervisionMeeting | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // A duty's 'Regelen' (or a dossier's 'Bespreken') while this page is open: a new meeting.
  useEffect(() => {
    if (startWithNew) setEditing((current) => current ?? 'new');
  }, [startWithNew]);
  const sorted = useMemo(
    () => [...meetings].sort((a, b) => b.heldOn.localeCompare(a.heldOn)),
    [meetings],
  );
  return (
    <div className="record-list">
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      {sorted.length === 0 && editing !== 'new' ? (
        <p className="muted">{t('supervision.empty')}</p>
      ) : null}
      <ul className="record-list__items" aria-label={t('supervision.log')}>
        {sorted.map((meeting) => (
          <li key={meeting.id} className="record-list__item">
            {editing === meeting.id ? (
              <MeetingForm meeting={meeting} wanted={null} onDone={() => setEditing(null)} />
            ) : (
              <div className="record-row">
                <div className="record-row__summary">
                  <MeetingSummary meeting={meeting} />
                </div>
                <div className="record-row__actions">
                  <Button className="button button--small" onPress={() => setEditing(meeting.id)}>
                    {t('common.edit')}
                  </Button>
                  <Button
                    className="button button--small button--quiet-danger"
                    onPress={() => setDeleting(meeting)}
                  >
                    {t('common.delete')}
                  </Button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      {editing === 'new' ? (
        <div className="record-list__new">
          <MeetingForm meeting={null} wanted={wanted} onDone={() => setEditing(null)} />
        </div>
      ) : (
        <Button className="button" onPress={() => setEditing('new')}>
          + {t('supervision.new')}
        </Button>
      )}
      <ConfirmDialog
        isOpen={deleting !== null}
        onOpenChange={(open) => {
          if (!open) setDeleting(null);
        }}
        title={t('common.confirmDeleteTitle', { what: t('supervision.one').toLowerCase() })}
        confirmLabel={t('common.delete')}
        danger
        onConfirm={() => {
          const meeting = deleting;
          if (!meeting) return;
          setFailure(null);
          kluis()
            .supervision.delete({ id: meeting.id })
            .then(() => invalidate(keys.supervision, keys.practice))
            .catch((error: unknown) => setFailure(errorMessage(t, error)));
        }}
      >
        <p>{t('common.confirmDeleteText')}</p>
      </ConfirmDialog>
    </div>
  );
}

function FrequencyDuty() {
  const { t } = useTranslation();
  const practice = usePractice();
  const settings = useSettings();
  const duties = (practice.data?.duties ?? []).filter((duty) => duty.id === 'supervision-recent');
  if (duties.length === 0) return null;
  return (
    <Section
      title={t('supervision.frequency')}
      description={
        <>
          {t('supervision.frequencyIntro', { count: settings.data?.supervisionMaxMonths ?? 6 })}{' '}
          <Link to="/practice/settings?form=security" className="inline-link">
            {t('supervision.frequencySetting')}
          </Link>
        </>
      }
    >
      <DutyList duties={duties} label={t('supervision.frequency')} />
    </Section>
  );
}

/** 4.3–4.5: supervision and intervision, the dilemmas raised there, cases by pseudonym only. */
export function SupervisionPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const log = useSupervisionLog();
  const wanted = params.get('case');
  const startWithNew = params.get('form') === 'session' || wanted !== null;
  return (
    <div className="page">
      <PageHeader title={t('supervision.title')} subtitle={t('supervision.intro')} />
      <div className="tab-stack">
        <FrequencyDuty />
        <Section
          target="session"
          title={t('supervision.log')}
          description={t('supervision.logIntro')}
        >
          <QueryState query={log}>
            {(meetings) => (
              <MeetingLog meetings={meetings} startWithNew={startWithNew} wanted={wanted} />
            )}
          </QueryState>
        </Section>
      </div>
    </div>
  );
}
