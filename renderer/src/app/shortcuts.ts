import { useEffect } from 'react';
import { matchPath, useLocation, useNavigate } from 'react-router';
import { useVault } from './vault-state';

export const FOCUS_SEARCH_EVENT = 'kluis:focus-search';

/** The shortcuts a coach uses all day: new (Ctrl+N), search (Ctrl+K), lock (Ctrl+L). */
export function useGlobalShortcuts(): void {
  const navigate = useNavigate();
  const location = useLocation();
  const vault = useVault();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 'l') {
        event.preventDefault();
        void vault.lock();
      } else if (key === 'k') {
        event.preventDefault();
        if (location.pathname === '/clients') window.dispatchEvent(new Event(FOCUS_SEARCH_EVENT));
        else void navigate('/clients', { state: { focusSearch: true } });
      } else if (key === 'n') {
        event.preventDefault();
        const dossier = matchPath('/clients/:clientId/*', location.pathname);
        const clientId = dossier?.params.clientId;
        if (clientId && clientId !== 'new') {
          void navigate(`/clients/${clientId}/sessions/new`, {
            state: { editorKey: `new-${Date.now()}` },
          });
        } else {
          void navigate('/clients/new');
        }
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate, location.pathname, vault]);
}
