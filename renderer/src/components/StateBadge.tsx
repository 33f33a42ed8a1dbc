import { useTranslation } from 'react-i18next';
import type { DutyState } from '../../../electron/api';
import './badges.css';

const ICON: Record<DutyState, string> = {
  done: '✓',
  'due-soon': '!',
  missing: '○',
  overdue: '!',
  'not-applicable': '–',
};

/** Colour and words together, so the state never depends on seeing colour. */
export function StateBadge({ state }: { state: DutyState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${state}`}>
      <span className="badge__icon" aria-hidden="true">
        {ICON[state]}
      </span>
      {t(`dutyState.${state}`)}
    </span>
  );
}

interface DutyCountProps {
  open: number;
  overdue: number;
}

export function DutyCountBadge({ open, overdue }: DutyCountProps) {
  const { t } = useTranslation();
  if (overdue > 0) {
    return (
      <span className="badge badge--overdue">
        <span className="badge__icon" aria-hidden="true">
          !
        </span>
        {t('clients.overdueCount', { count: overdue })}
      </span>
    );
  }
  if (open > 0) {
    return (
      <span className="badge badge--due-soon">
        <span className="badge__icon" aria-hidden="true">
          ○
        </span>
        {t('clients.openCount', { count: open })}
      </span>
    );
  }
  return (
    <span className="badge badge--done">
      <span className="badge__icon" aria-hidden="true">
        ✓
      </span>
      {t('clients.allDone')}
    </span>
  );
}
