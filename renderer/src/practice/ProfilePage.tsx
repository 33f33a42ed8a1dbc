import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Practice } from '../../../electron/api';
import { practiceFields } from '../../../electron/contract/records';
import { downloadAttachment } from '../api/files';
import { kluis } from '../api/kluis';
import { keys, useInvalidate, usePractice, usePracticeAttachments } from '../api/queries';
import { DutyList } from '../components/DutyList';
import { FileUpload } from '../components/FileUpload';
import { RecordForm } from '../components/form/RecordForm';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { Section } from '../components/Section';
import { insuranceSpecs, profileSpecs } from './specs';
import './practice.css';

const profileSchema = practiceFields.pick({
  coachName: true,
  licenceNumber: true,
  organisation: true,
  email: true,
  phone: true,
  address: true,
  supervisors: true,
  complaintsProcedure: true,
});
const insuranceSchema = practiceFields.pick({
  insurer: true,
  insurancePolicy: true,
  insuranceExpiresOn: true,
});

function CodeDocument({ practice }: { practice: Practice }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const attachments = usePracticeAttachments();
  const current = attachments.data?.find((attachment) => attachment.id === practice.codeDocumentId);
  return (
    <Section target="code" title={t('practice.code.title')} description={t('practice.code.intro')}>
      <p>
        {current ? t('practice.code.current', { name: current.name }) : t('practice.code.none')}
      </p>
      <div className="button-row">
        {current ? (
          <Button className="button" onPress={() => void downloadAttachment(current.id)}>
            {t('documents.download')}
          </Button>
        ) : null}
        <FileUpload
          label={current ? t('practice.code.replace') : t('practice.code.upload')}
          owner={{ clientId: null, sessionId: null }}
          linkAs="code-document"
          onUploaded={() => invalidate(keys.practice, keys.attachments(null))}
        />
      </div>
    </Section>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const practice = usePractice();
  const invalidate = useInvalidate();
  const save = async (changes: Partial<Practice>) => {
    await kluis().practice.update(changes);
    await invalidate(keys.practice);
  };
  return (
    <div className="page">
      <PageHeader title={t('practice.profile.title')} subtitle={t('practice.profile.intro')} />
      <QueryState query={practice}>
        {({ practice: data, duties }) => (
          <div className="tab-stack">
            <Section title={t('practice.duties.title')} description={t('practice.duties.intro')}>
              <DutyList duties={duties} label={t('practice.duties.title')} />
            </Section>
            <Section target="profile" title={t('practice.profile.details')}>
              <RecordForm
                label={t('practice.profile.details')}
                specs={profileSpecs}
                schema={profileSchema}
                labelPrefix="fields.practice"
                record={data}
                draftKey="practice:profile"
                submitLabel={t('common.save')}
                onSubmit={save}
              />
            </Section>
            <Section
              target="insurance"
              title={t('practice.insurance.title')}
              description={t('practice.insurance.intro')}
            >
              <RecordForm
                label={t('practice.insurance.title')}
                specs={insuranceSpecs}
                schema={insuranceSchema}
                labelPrefix="fields.practice"
                record={data}
                draftKey="practice:insurance"
                submitLabel={t('common.save')}
                onSubmit={save}
              />
            </Section>
            <CodeDocument practice={data} />
          </div>
        )}
      </QueryState>
    </div>
  );
}
