import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../../electron/api';
import { ConfidentialitySection } from './ConfidentialitySection';
import { ContractSection } from './ContractSection';
import { DisclosuresSection } from './DisclosuresSection';
import { GuardiansSection } from './GuardiansSection';

export function AgreementsTab({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const { client } = dossier;
  // 2.17: for a minor or a vulnerable adult the guardian agreement comes first.
  const needsGuardian =
    client.isMinor ||
    client.isVulnerableAdult ||
    dossier.duties.some(
      (duty) => duty.id === 'guardian-agreement' && duty.state !== 'not-applicable',
    );
  return (
    <div className="tab-stack">
      <p className="muted tab-intro">{t('agreements.intro')}</p>
      {needsGuardian ? <GuardiansSection dossier={dossier} prominent /> : null}
      <ContractSection dossier={dossier} />
      <ConfidentialitySection dossier={dossier} />
      {needsGuardian ? null : <GuardiansSection dossier={dossier} />}
      <DisclosuresSection dossier={dossier} />
    </div>
  );
}
