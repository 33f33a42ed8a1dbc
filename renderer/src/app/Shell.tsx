import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { kluis } from '../api/kluis';
import { keys, useBackupStatus, useInvalidate, useSettings } from '../api/queries';
import { ClientList } from '../clients/ClientList';
import { NewClient } from '../clients/NewClient';
import { FormAlert } from '../components/FormAlert';
import { DossierPage } from '../dossier/DossierPage';
import { isLanguage } from '../i18n';
import { AuditPage } from '../practice/AuditPage';
import { BackupsPage } from '../practice/BackupsPage';
import { ContinuityPage } from '../practice/continuity/ContinuityPage';
import { DevelopmentPage } from '../practice/DevelopmentPage';
import { FeedbackOverview } from '../practice/FeedbackOverview';
import { HandoverPage } from '../practice/handover/HandoverPage';
import { ProfilePage } from '../practice/ProfilePage';
import { SettingsPage } from '../practice/SettingsPage';
import { SupervisionPage } from '../practice/SupervisionPage';
import { takeLanguageChosenWhileLocked } from '../vault/language-choice';
import { NewPassphraseAfterRecovery } from '../vault/NewPassphraseAfterRecovery';
import { backupsHref } from './links';
import { PageBoundary } from './PageBoundary';
import { useGlobalShortcuts } from './shortcuts';
import { useVault } from './vault-state';
import './shell.css';

/**
 * The stored language applies as soon as the vault is open, and again whenever it changes;
 * a language the coach chose on the create or unlock screen is stored first, so the stored
 * one does not overrule that choice.
 */
function useStoredLanguage(): void {
  const { i18n } = useTranslation();
  const settings = useSettings();
  const invalidate = useInvalidate();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const chosen = takeLanguageChosenWhileLocked();
    if (!chosen) return;
    setSaving(true);
    kluis()
      .settings.update({ language: chosen })
      .then(() => invalidate(keys.settings))
      .catch(() => undefined)
      .finally(() => setSaving(false));
  }, [invalidate]);
  const language = settings.data?.language;
  useEffect(() => {
    if (saving) return;
    if (language && isLanguage(language) && i18n.language !== language) {
      void i18n.changeLanguage(language);
    }
  }, [language, i18n, saving]);
}

function Navigation() {
  const { t } = useTranslation();
  const vault = useVault();
  const item = (to: string, label: string) => (
    <li>
      <NavLink to={to} className="nav__link">
        {label}
      </NavLink>
    </li>
  );
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="sidebar__brand">
        <span className="brand-mark" aria-hidden="true" />
        {t('app.name')}
      </div>
      <ul className="nav__list">{item('/clients', t('nav.clients'))}</ul>
      <h2 className="nav__heading">{t('nav.practice')}</h2>
      <ul className="nav__list">
        {item('/practice/profile', t('nav.profile'))}
        {item('/practice/supervision', t('nav.supervision'))}
        {item('/practice/development', t('nav.development'))}
        {item('/practice/feedback', t('nav.feedback'))}
        {item('/practice/continuity', t('nav.continuity'))}
        {item('/practice/handover', t('nav.handover'))}
        {item(backupsHref, t('nav.backups'))}
        {item('/practice/audit', t('nav.audit'))}
        {item('/practice/settings', t('nav.settings'))}
      </ul>
      <div className="sidebar__footer">
        <BackupNotice />
        <Button className="button button--quiet sidebar__lock" onPress={() => void vault.lock()}>
          <svg className="lock-icon" viewBox="0 0 24 24" aria-hidden="true">
            <rect x="5" y="11" width="14" height="10" rx="2" />
            <path d="M8 11V8a4 4 0 0 1 8 0v3" />
          </svg>
          {t('nav.lock')}
          <kbd className="kbd">Ctrl L</kbd>
        </Button>
      </div>
    </nav>
  );
}

/**
 * 2.15: the shell says it when the backups are missing or old, wherever the coach is; and
 * first of all when erased dossiers may be back (the list of erasures no longer opens).
 */
function BackupNotice() {
  const { t } = useTranslation();
  const status = useBackupStatus();
  const warning = status.data?.erasuresUnreadable ? 'erasuresUnreadable' : status.data?.warning;
  if (!warning || warning === 'none') return null;
  return (
    <Link to={backupsHref} className="backup-notice">
      <span className="backup-notice__icon" aria-hidden="true">
        !
      </span>
      <span>
        <span className="backup-notice__title">{t(`backups.notice.${warning}`)}</span>
        <span className="backup-notice__action">{t('backups.notice.action')}</span>
      </span>
    </Link>
  );
}

function RecoveryHint() {
  const { t } = useTranslation();
  const vault = useVault();
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <div className="recovery-hint">
        <FormAlert tone="info">
          {t('vault.recoveryUsed.done')}{' '}
          <Button className="link-button" onPress={() => setDone(false)}>
            {t('common.dismiss')}
          </Button>
        </FormAlert>
      </div>
    );
  }
  if (vault.unlockedWith !== 'recovery-key') return null;
  const recoveryKey = vault.heldRecoveryKey();
  return (
    <div className="recovery-hint">
      <FormAlert tone="warning">
        {recoveryKey ? (
          <>
            {t('vault.recoveryUsed.offer')}{' '}
            <Button className="link-button" onPress={vault.dismissRecoveryHint}>
              {t('vault.recoveryUsed.later')}
            </Button>
          </>
        ) : (
          <>
            {t('vault.recoveryUsed.text')}{' '}
            <Link to="/practice/settings?form=passphrase" className="inline-link">
              {t('vault.recoveryUsed.link')}
            </Link>{' '}
            <Button className="link-button" onPress={vault.dismissRecoveryHint}>
              {t('common.dismiss')}
            </Button>
          </>
        )}
      </FormAlert>
      {recoveryKey ? (
        <NewPassphraseAfterRecovery
          recoveryKey={recoveryKey}
          onDone={() => {
            vault.dismissRecoveryHint();
            setDone(true);
          }}
        />
      ) : null}
    </div>
  );
}

export function Shell() {
  const { t } = useTranslation();
  const location = useLocation();
  useStoredLanguage();
  useGlobalShortcuts();
  return (
    <div className="app">
      {/* A button, not href="#main": the hash is the router's address. */}
      <button
        type="button"
        className="skip-link"
        onClick={() => document.getElementById('main')?.focus()}
      >
        {t('nav.skip')}
      </button>
      <Navigation />
      <main className="main" id="main" tabIndex={-1}>
        <RecoveryHint />
        {/* Around the page only: when a page fails, the menu stays and leads elsewhere. */}
        <PageBoundary resetKey={location.pathname}>
          <Routes>
            <Route path="/" element={<Navigate to="/clients" replace />} />
            <Route path="/clients" element={<ClientList />} />
            <Route path="/clients/new" element={<NewClient />} />
            <Route path="/clients/:clientId" element={<Navigate to="overview" replace />} />
            <Route path="/clients/:clientId/:tab/*" element={<DossierPage />} />
            <Route path="/practice/profile" element={<ProfilePage />} />
            <Route path="/practice/settings" element={<SettingsPage />} />
            <Route path="/practice/development" element={<DevelopmentPage />} />
            <Route path="/practice/feedback" element={<FeedbackOverview />} />
            <Route path="/practice/audit" element={<AuditPage />} />
            <Route path="/practice/supervision" element={<SupervisionPage />} />
            <Route path="/practice/backups" element={<BackupsPage />} />
            <Route path="/practice/continuity" element={<ContinuityPage />} />
            <Route path="/practice/handover" element={<HandoverPage />} />
            <Route path="*" element={<Navigate to="/clients" replace />} />
          </Routes>
        </PageBoundary>
      </main>
    </div>
  );
}
