import type { ReactNode } from 'react';
import type { Key } from 'react-aria-components';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { Dossier } from '../../../electron/api';
import { useDossier } from '../api/queries';
import { QueryState } from '../components/QueryState';
import { AgreementsTab } from './agreements/AgreementsTab';
import { DocumentsTab } from './documents/DocumentsTab';
import { EndingTab } from './ending/EndingTab';
import { FeedbackTab } from './feedback/FeedbackTab';
import { OverviewTab } from './overview/OverviewTab';
import { RelationsTab } from './relations/RelationsTab';
import { SessionsTab } from './sessions/SessionsTab';
import { SupervisionTab } from './supervision/SupervisionTab';
import './dossier.css';

export const dossierTabs = [
  'overview',
  'sessions',
  'agreements',
  'supervision',
  'documents',
  'relations',
  'ending',
  'feedback',
] as const;
export type DossierTab = (typeof dossierTabs)[number];

function isDossierTab(value: string | undefined): value is DossierTab {
  return (dossierTabs as readonly string[]).includes(value ?? '');
}

function DossierHeader({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const { client } = dossier;
  const open = dossier.duties.filter((duty) =>
    ['missing', 'overdue', 'due-soon'].includes(duty.state),
  );
  return (
    <header className="dossier-header">
      <p className="breadcrumb">
        <Link to="/clients" className="inline-link">
          {t('clients.title')}
        </Link>
      </p>
      <h1 className="page-header__title">
        {`${client.firstName} ${client.lastName}`.trim()}
        <span className="dossier-header__pseudonym">{client.pseudonym}</span>
      </h1>
      <p className="dossier-header__meta">
        <span className={`status status--${client.status}`}>
          {t(`enums.clientStatus.${client.status}`)}
        </span>
        {client.isMinor ? <span className="tag">{t('clients.minor')}</span> : null}
        {client.isVulnerableAdult ? <span className="tag">{t('clients.vulnerable')}</span> : null}
        <span className="muted">
          {open.length === 0
            ? t('dossier.allDutiesDone')
            : t('dossier.openDuties', { count: open.length })}
        </span>
      </p>
    </header>
  );
}

export function DossierPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { clientId = '', tab } = useParams();
  const dossier = useDossier(clientId);
  if (!isDossierTab(tab)) return <Navigate to={`/clients/${clientId}/overview`} replace />;

  const panels: Record<DossierTab, (data: Dossier) => ReactNode> = {
    overview: (data) => <OverviewTab dossier={data} />,
    sessions: (data) => <SessionsTab dossier={data} />,
    agreements: (data) => <AgreementsTab dossier={data} />,
    supervision: (data) => <SupervisionTab dossier={data} />,
    documents: (data) => <DocumentsTab dossier={data} />,
    relations: (data) => <RelationsTab dossier={data} />,
    ending: (data) => <EndingTab dossier={data} />,
    feedback: (data) => <FeedbackTab dossier={data} />,
  };

  return (
    <div className="page">
      <QueryState query={dossier}>
        {(data) => (
          <>
            <DossierHeader dossier={data} />
            <Tabs
              className="tabs"
              selectedKey={tab}
              onSelectionChange={(key: Key) => navigate(`/clients/${clientId}/${String(key)}`)}
            >
              <TabList className="tabs__list" aria-label={t('dossier.tabsLabel')}>
                {dossierTabs.map((key) => (
                  <Tab key={key} id={key} className="tabs__tab">
                    {t(`dossier.tabs.${key}`)}
                  </Tab>
                ))}
              </TabList>
              {dossierTabs.map((key) => (
                <TabPanel key={key} id={key} className="tabs__panel">
                  {panels[key](data)}
                </TabPanel>
              ))}
            </Tabs>
          </>
        )}
      </QueryState>
    </div>
  );
}
