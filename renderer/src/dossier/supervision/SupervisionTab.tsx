import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Dossier } from '../../../../electron/api';
import { useSupervisionLog } from '../../api/queries';
import { consentHref } from '../../app/links';
import { FormAlert } from '../../components/FormAlert';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { CaseSummaries } from './CaseSummaries';
import './supervision.css';

function Consent({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const format = useFormat();
  const consentOn = dossier.contract?.supervisionConsentOn ?? null;
  return (
    <Section
      target="consent"
      title={t('dossierSupervision.consent.title')}
      description={t('dossierSupervision.consent.intro')}
    >
      {consentOn ? (
        <p>
          {t('dossierSupervision.consent.given', {
            date: format.day(consentOn),
            pseudonym: dossier.client.pseudonym,
          })}
        </p>
      ) : (
        <FormAlert tone="warning">
          {t('dossierSupervision.consent.missing', { pseudonym: dossier.client.pseudonym })}{' '}
          <Link to={consentHref(dossier.client.id)} className="inline-link">
            {t('supervision.cases.recordConsent')}
          </Link>
        </FormAlert>
      )}
    </Section>
  );
}

function Meetings({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const log = useSupervisionLog();
  const clientId = dossier.client.id;
  return (
    <Section
      target="meetings"
      title={t('dossierSupervision.meetings.title')}
      description={t('dossierSupervision.meetings.intro', { pseudonym: dossier.client.pseudonym })}
      actions={
        <Button
          className="button"
          onPress={() => navigate(`/practice/supervision?case=${encodeURIComponent(clientId)}`)}
        >
          {t('dossierSupervision.meetings.discuss')}
        </Button>
      }
    >
      <QueryState query={log}>
        {(meetings) => {
          const here = meetings
            .filter((meeting) => meeting.cases.some((item) => item.clientId === clientId))
            .sort((a, b) => b.heldOn.localeCompare(a.heldOn));
          return here.length === 0 ? (
            <p className="muted">{t('dossierSupervision.meetings.none')}</p>
          ) : (
            <ul className="record-list__items">
              {here.map((meeting) => (
                <li key={meeting.id} className="record-list__item">
                  <div className="record-row">
                    <div>
                      <p className="record-row__title">
                        {format.day(meeting.heldOn)} · {t(`enums.supervisionForm.${meeting.form}`)}
                      </p>
                      {meeting.withWhom ? (
                        <p className="record-row__meta">{meeting.withWhom}</p>
                      ) : null}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
    </Section>
  );
}

/** The dossier's side of supervision: consent (2.16), where it was discussed, summaries. */
export function SupervisionTab({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const hasConsent = Boolean(dossier.contract?.supervisionConsentOn);
  return (
    <div className="tab-stack">
      <Consent dossier={dossier} />
      <Section target="summary" title={t('summaries.title')} description={t('summaries.intro')}>
        <CaseSummaries dossier={dossier} hasConsent={hasConsent} />
      </Section>
      <Meetings dossier={dossier} />
    </div>
  );
}
