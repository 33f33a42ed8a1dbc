import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormAlert } from '../components/FormAlert';
import { CreateVault } from '../vault/CreateVault';
import { Unlock } from '../vault/Unlock';
import { VaultScreen } from '../vault/VaultScreen';
import { AboutDialog } from './AboutDialog';
import { useMenuActions } from './menu-actions';
import { Shell } from './Shell';
import { NEW_CLIENT_PATH } from './shortcuts';
import { useVault } from './vault-state';

/** First run, unlock, or the app: the vault's state decides, nothing else. */
export function App() {
  const [aboutOpen, setAboutOpen] = useState(false);
  const vault = useVault();
  const navigate = useNavigate();
  // Listened for here, above the screens, so About works on the unlock screen too.
  useMenuActions({
    about: () => setAboutOpen(true),
    'new-client': () => {
      if (vault.state === 'unlocked') void navigate(NEW_CLIENT_PATH);
    },
  });
  return (
    <>
      <Screen />
      <AboutDialog isOpen={aboutOpen} onClose={() => setAboutOpen(false)} />
    </>
  );
}

function Screen() {
  const { t } = useTranslation();
  const vault = useVault();
  switch (vault.state) {
    case 'loading':
      return (
        <VaultScreen title={t('app.name')}>
          <p role="status">{t('common.loading')}</p>
        </VaultScreen>
      );
    case 'unavailable':
      return (
        <VaultScreen title={t('app.name')}>
          <FormAlert tone="error">{t('app.unavailable')}</FormAlert>
        </VaultScreen>
      );
    case 'none':
      return <CreateVault />;
    case 'locked':
      return <Unlock />;
    case 'unlocked':
      return <Shell />;
  }
}
