import { useTranslation } from 'react-i18next';
import { FormAlert } from '../components/FormAlert';
import { CreateVault } from '../vault/CreateVault';
import { Unlock } from '../vault/Unlock';
import { VaultScreen } from '../vault/VaultScreen';
import { Shell } from './Shell';
import { useVault } from './vault-state';

/** First run, unlock, or the app: the vault's state decides, nothing else. */
export function App() {
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
