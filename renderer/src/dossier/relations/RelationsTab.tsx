import { useTranslation } from 'react-i18next';
import type { Conflict, Dossier, Person, Referral } from '../../../../electron/api';
import {
  conflictFields,
  personFields,
  referralFields,
} from '../../../../electron/contract/records';
import { kluis } from '../../api/kluis';
import { useInvalidateDossier } from '../../api/queries';
import { RecordList } from '../../components/RecordList';
import { Section } from '../../components/Section';
import { todayIso, useFormat } from '../../i18n/format';
import { conflictSpecs, personSpecs, referralSpecs } from '../specs';

/** The people in the client's story, conflicts of interest (2.20–2.24) and referrals (2.26). */
export function RelationsTab({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const format = useFormat();
  const clientId = dossier.client.id;
  const refresh = useInvalidateDossier(clientId);
  return (
    <div className="tab-stack">
      <Section
        target="people"
        title={t('relations.people.title')}
        description={t('relations.people.intro')}
      >
        <RecordList<Person, typeof personFields>
          records={dossier.people}
          specs={personSpecs}
          schema={personFields}
          labelPrefix="fields.person"
          draftPrefix={`person:${clientId}`}
          recordLabel={t('relations.people.one')}
          newLabel={t('relations.people.new')}
          emptyText={t('relations.people.empty')}
          summary={(person) => (
            <p className="record-row__title">
              {person.name}
              {person.relation ? <span className="muted"> · {person.relation}</span> : null}
            </p>
          )}
          create={async (fields) => {
            await kluis().people.create({ clientId, ...fields });
            await refresh();
          }}
          update={async (id, fields) => {
            await kluis().people.update({ id, ...fields });
            await refresh();
          }}
          remove={async (id) => {
            await kluis().people.delete({ id });
            await refresh();
          }}
        />
      </Section>
      <Section
        target="conflicts"
        title={t('relations.conflicts.title')}
        description={t('relations.conflicts.intro')}
      >
        <RecordList<Conflict, typeof conflictFields>
          records={dossier.conflicts}
          specs={conflictSpecs}
          schema={conflictFields}
          labelPrefix="fields.conflict"
          draftPrefix={`conflict:${clientId}`}
          recordLabel={t('relations.conflicts.one')}
          newLabel={t('relations.conflicts.new')}
          emptyText={t('relations.conflicts.empty')}
          defaults={{ identifiedOn: todayIso() }}
          summary={(conflict) => (
            <>
              <p className="record-row__title">{conflict.description}</p>
              <p className="record-row__meta">
                {t('relations.conflicts.identified', { date: format.day(conflict.identifiedOn) })}
                {' · '}
                {conflict.discussedOn
                  ? t('relations.conflicts.discussed', { date: format.day(conflict.discussedOn) })
                  : t('relations.conflicts.notDiscussed')}
              </p>
            </>
          )}
          create={async (fields) => {
            await kluis().conflicts.create({ clientId, ...fields });
            await refresh();
          }}
          update={async (id, fields) => {
            await kluis().conflicts.update({ id, ...fields });
            await refresh();
          }}
          remove={async (id) => {
            await kluis().conflicts.delete({ id });
            await refresh();
          }}
        />
      </Section>
      <Section
        target="referrals"
        title={t('relations.referrals.title')}
        description={t('relations.referrals.intro')}
      >
        <RecordList<Referral, typeof referralFields>
          records={dossier.referrals}
          specs={referralSpecs}
          schema={referralFields}
          labelPrefix="fields.referral"
          draftPrefix={`referral:${clientId}`}
          recordLabel={t('relations.referrals.one')}
          newLabel={t('relations.referrals.new')}
          emptyText={t('relations.referrals.empty')}
          defaults={{ referredOn: todayIso(), clientAgreed: false }}
          summary={(referral) => (
            <>
              <p className="record-row__title">
                {format.day(referral.referredOn)} · {referral.referredTo}
              </p>
              <p className="record-row__meta">
                {referral.clientAgreed
                  ? t('relations.referrals.agreed')
                  : t('relations.referrals.notAgreed')}
              </p>
            </>
          )}
          create={async (fields) => {
            await kluis().referrals.create({ clientId, ...fields });
            await refresh();
          }}
          update={async (id, fields) => {
            await kluis().referrals.update({ id, ...fields });
            await refresh();
          }}
          remove={async (id) => {
            await kluis().referrals.delete({ id });
            await refresh();
          }}
        />
      </Section>
    </div>
  );
}
