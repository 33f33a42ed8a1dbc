import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, StrictMode } from 'react';
// react-aria-components gives accessible, unstyled primitives: keyboard use, focus
// management (dialogs trap and restore focus, tabs move with arrow keys), and the roles
// and labels screen readers need are built in and tested across browsers, while the look
// stays ours in plain CSS files that the CSP (style-src 'self') allows.
import { RouterProvider } from 'react-aria-components';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { HashRouter, useHref, useNavigate } from 'react-router';
import { App } from './app/App';
import { PageBoundary } from './app/PageBoundary';
import { VaultProvider } from './app/vault-state';
import { initI18n } from './i18n';
import { AppLocale } from './i18n/AppLocale';
import './styles/base.css';

// Everything fetched is client data: never retried blindly, never refetched behind the
// coach's back on focus, and dropped whole when the vault locks (see vault-state.tsx).
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 10_000 },
    mutations: { retry: false },
  },
});

/** Lets react-aria's links navigate through the router instead of reloading. */
function AriaRouter({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <RouterProvider navigate={navigate} useHref={useHref}>
      {children}
    </RouterProvider>
  );
}

/**
 * react-aria's press handling injects a <style> element (touch-action for pressable
 * elements) unless one with its id exists. The CSP (style-src 'self') blocks inline
 * styles, so a placeholder with that id stands in, and base.css carries the rule.
 */
function claimPressableStyle(): void {
  const id = 'react-aria-pressable-style';
  if (document.getElementById(id)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = id;
  document.head.append(placeholder);
}

function rootElement(): HTMLElement {
  const existing = document.getElementById('root');
  if (existing) return existing;
  const created = document.createElement('div');
  created.id = 'root';
  document.body.append(created);
  return created;
}

claimPressableStyle();

void initI18n().then((i18n) => {
  createRoot(rootElement()).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <AppLocale>
          <QueryClientProvider client={queryClient}>
            {/* Hash routing works the same under app://kluis/ and the loopback harness. */}
            <HashRouter>
              <AriaRouter>
                <VaultProvider>
                  {/* The last resort, for a failure outside any page (unlock, the menu). */}
                  <PageBoundary resetKey="app">
                    <App />
                  </PageBoundary>
                </VaultProvider>
              </AriaRouter>
            </HashRouter>
          </QueryClientProvider>
        </AppLocale>
      </I18nextProvider>
    </StrictMode>,
  );
});
