import { useEffect, useRef, useState } from 'react';
import { Button, Input, Label, SearchField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { MethodInput } from '../../../electron/api';
import { errorMessageKey } from '../api/errors';
import { useClients } from '../api/queries';
import { FOCUS_SEARCH_EVENT } from '../app/shortcuts';
import { FormAlert } from '../components/FormAlert';
import { CheckboxField, SelectField } from '../components/form/Fields';
import { PageHeader } from '../components/PageHeader';
import { useDebounced } from '../components/use-debounced';
import { ErasedNotice } from '../dossier/ending/EraseDossier';
import { ClientRows } from './ClientRows';
import { SearchHits } from './SearchHits';
import './clients.css';

const SEARCH_DELAY_MS = 150;
const STATUSES = ['intake', 'active', 'ended'] as const;

function isStatus(value: string): value is (typeof STATUSES)[number] {
  return (STATUSES as readonly string[]).includes(value);
}

export function ClientList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const searchRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const [minorsOnly, setMinorsOnly] = useState(false);
  const [openDutiesOnly, setOpenDutiesOnly] = useState(false);
  const debouncedQuery = useDebounced(query.trim(), SEARCH_DELAY_MS);

  const filter: MethodInput<'clients.list'> = {
    ...(debouncedQuery ? { query: debouncedQuery } : {}),
    ...(isStatus(status) ? { status } : {}),
    ...(minorsOnly ? { minorsOnly } : {}),
    ...(openDutiesOnly ? { openDutiesOnly } : {}),
  };
  const clients = useClients(filter);

  useEffect(() => {
    const focus = () => searchRef.current?.focus();
    if ((location.state as { focusSearch?: boolean } | null)?.focusSearch) focus();
    window.addEventListener(FOCUS_SEARCH_EVENT, focus);
    return () => window.removeEventListener(FOCUS_SEARCH_EVENT, focus);
  }, [location.state]);

  const list = clients.data ?? [];
  const erased = (location.state as { erased?: string } | null)?.erased;
  return (
    <div className="page page--fill">
      <PageHeader
        title={t('clients.title')}
        actions={
          <Button className="button button--primary" onPress={() => navigate('/clients/new')}>
            {t('clients.new')}
            <kbd className="kbd kbd--on-accent">Ctrl N</kbd>
          </Button>
        }
      />
      {erased ? <ErasedNotice pseudonym={erased} /> : null}
      <div className="client-filters">
        <SearchField className="field search-field" value={query} onChange={setQuery}>
          <Label className="field__label">{t('clients.search')}</Label>
          <div className="search-field__box">
            <Input
              ref={searchRef}
              className="field__input"
              placeholder={t('clients.searchPlaceholder')}
              aria-keyshortcuts="Control+K"
            />
            <span className="kbd search-field__kbd" aria-hidden="true">
              Ctrl K
            </span>
          </div>
        </SearchField>
        <SelectField
          className="client-filters__status"
          label={t('clients.filter.status')}
          value={status}
          onChange={setStatus}
          choices={[
            { value: '', label: t('clients.filter.allStatuses') },
            ...STATUSES.map((value) => ({ value, label: t(`enums.clientStatus.${value}`) })),
          ]}
        />
        <CheckboxField
          label={t('clients.filter.minors')}
          value={minorsOnly}
          onChange={setMinorsOnly}
        />
        <CheckboxField
          label={t('clients.filter.openDuties')}
          value={openDutiesOnly}
          onChange={setOpenDutiesOnly}
        />
      </div>
      <p className="result-count" role="status">
        {clients.isPending ? t('common.loading') : t('clients.count', { count: list.length })}
      </p>
      {clients.isError ? (
        <FormAlert tone="error">{t(errorMessageKey(clients.error))}</FormAlert>
      ) : null}
      <div className={`client-results ${debouncedQuery ? 'client-results--split' : ''}`}>
        {list.length === 0 && !clients.isPending ? (
          <div className="empty">
            <p>{debouncedQuery ? t('clients.emptySearch') : t('clients.empty')}</p>
          </div>
        ) : (
          <ClientRows clients={list} label={t('clients.listLabel')} />
        )}
        {debouncedQuery ? <SearchHits query={debouncedQuery} /> : null}
      </div>
    </div>
  );
}
