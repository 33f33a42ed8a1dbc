import { useTranslation } from 'react-i18next';
import type { Disclosure, Dossier } from '../../../../electron/api';
import { disclosureFields } from '../../../../electron/contract/records';
import { kluis } from '../../api/kluis';
import { useInvalidateDossier } from '../../api/queries';
import { RecordList } from '../../components/RecordList';
import { Section } from '../../components/Section';
import { todayIso, useFormat } from '../../i18n/format';
import { disclosureSpecs } from '../specs';

/** 2.14: each time confidentiality was broken, to whom, on what ground, and whether the client knows. */
export function DisclosuresSection({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const format = useFormat();
  const clientId = dossier.client.id;
  const refresh = useInvalidateDossier(clientId);
  return (
    <Section
      target="disclosures"
      title={t('agreements.disclosures.title')}
      description={t('agreements.disclosures.intro')}
    >
      <RecordList<Disclosure, typeof disclosureFields>
        records={dossier.disclosures}
        specs={disclosureSpecs}
        schema={disclosureFields}
        labelPrefix="fields.disclosure"
        draftPrefix={`disclosure:${clientId}`}
        recordLabel={t('agreements.disclosures.one')}
        newLabel={t('agreements.disclosures.new')}
        emptyText={t('agreements.disclosures.empty')}
        defaults={{ disclosedOn: todayIso() }}
        summary={(disclosure) => (
          <>
            <p className="record-row__title">
              {format.day(disclosure.disclosedOn)} · {disclosure.recipient}
            </p>
            <p className="record-row__meta">
              {disclosure.clientInformedOn
                ? t('agreements.disclosures.informed', {
                    date: format.day(disclosure.clientInformedOn),
                  })
                : t('agreements.disclosures.notInformed')}
            </p>
          </>
        )}
        create={async (fields) => {
          await kluis().disclosures.create({ clientId, ...fields });
          await refresh();
        }}
        update={async (id, fields) => {
          await kluis().disclosures.update({ id, ...fields });
          await refresh();
        }}
      />
    </Section>
  );
}
