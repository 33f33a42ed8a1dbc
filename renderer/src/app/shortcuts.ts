import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useVault } from './vault-state';

export const FOCUS_SEARCH_EVENT = 'kluis:focus-search';

/** Where Ctrl+N and File › New client lead, wherever the coach is: one meaning only. */
export const NEW_CLIENT_PATH = '/clients/new';

/** The shortcuts a coach uses all day: new client (Ctrl+N), search (Ctrl+K), lock (Ctrl+L). */
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
        // The menu's Ctrl+N leads to the same place, so it does not matter whether a
        // platform lets the accelerator fire after the page handled the key.
        event.preventDefault();
        void navigate(NEW_CLIENT_PATH);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate, location.pathname, vault]);
}
