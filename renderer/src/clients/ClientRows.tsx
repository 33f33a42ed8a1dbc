import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ClientSummary } from '../../../electron/api';
import { DutyCountBadge } from '../components/StateBadge';
import { useFormat } from '../i18n/format';
import { fullName } from './client-name';

const ROW_HEIGHT = 68;

/**
 * Only the rows in view are in the DOM, so a practice of thousands scrolls smoothly.
 * Arrow keys move between rows, scrolling the next one into being first.
 */
export function ClientRows({ clients, label }: { clients: ClientSummary[]; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: clients.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  function focusRow(index: number) {
    const target = Math.max(0, Math.min(clients.length - 1, index));
    virtualizer.scrollToIndex(target, { align: 'auto' });
    requestAnimationFrame(() => {
      scroller.current?.querySelector<HTMLElement>(`[data-index="${target}"] a`)?.focus();
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT));
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: clients.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusRow(next);
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys are delegated from the focusable row links inside.
    <div className="client-rows" ref={scroller} onKeyDown={onKeyDown}>
      <ul
        className="client-rows__canvas"
        aria-label={label}
        ref={(element: HTMLUListElement | null) => {
          // The canvas must be as tall as all rows together; set through the CSSOM,
          // which the CSP allows (inline style attributes in HTML it would not).
          if (element) element.style.height = `${virtualizer.getTotalSize()}px`;
        }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const client = clients[item.index];
          if (!client) return null;
          return (
            <li
              key={client.id}
              aria-setsize={clients.length}
              aria-posinset={item.index + 1}
              data-index={item.index}
              className="client-row"
              ref={(element: HTMLLIElement | null) => {
                if (element) element.style.transform = `translateY(${item.start}px)`;
              }}
            >
              <Link className="client-row__link" to={`/clients/${client.id}/overview`}>
                <span className="client-row__name">
                  {fullName(client)}
                  <span className="client-row__pseudonym">{client.pseudonym}</span>
                </span>
                <span className="client-row__meta">
                  <span className={`status status--${client.status}`}>
                    {t(`enums.clientStatus.${client.status}`)}
                  </span>
                  {client.isMinor ? <span className="tag">{t('clients.minor')}</span> : null}
                  {client.isVulnerableAdult ? (
                    <span className="tag">{t('clients.vulnerable')}</span>
                  ) : null}
                </span>
                <span className="client-row__last">
                  {client.lastSessionAt
                    ? t('clients.lastSession', {
                        date: format.day(client.lastSessionAt),
                      })
                    : t('clients.noSessions')}
                </span>
                <span className="client-row__duties">
                  <DutyCountBadge open={client.openDuties} overdue={client.overdueDuties} />
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
