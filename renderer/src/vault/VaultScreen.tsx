import type { ReactNode } from 'react';
import { LanguageToggle } from './LanguageToggle';
import './vault.css';

/** The calm frame around first run and unlock: the app's name, one card, nothing else. */
export function VaultScreen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="vault-screen">
      <main className="vault-card">
        <div className="vault-card__brand" aria-hidden="true">
          <span className="brand-mark" />
          Dossierkluis
        </div>
        <h1 className="vault-card__title">{title}</h1>
        {children}
      </main>
      <div className="vault-screen__footer">
        <LanguageToggle />
      </div>
    </div>
  );
}
