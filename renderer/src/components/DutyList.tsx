import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Duty } from '../../../electron/api';
import { useFormat } from '../i18n/format';
import { StateBadge } from './StateBadge';
import './duties.css';

type DutyTarget = Duty['target'];

/** Where the coach acts on a duty; null where that part of the app does not exist yet. */
export function dutyHref(target: DutyTarget, clientId?: string): string | null {
  const form = target.form ? `?form=${encodeURIComponent(target.form)}` : '';
  const dossier = (tab: string, query = form) =>
    clientId ? `/clients/${clientId}/${tab}${query}` : null;
  switch (target.tab) {
    case 'overview':
    case 'agreements':
    case 'sessions':
    case 'ending':
    case 'documents':
      return dossier(target.tab);
    case 'conflicts':
      return dossier('relations', '?form=conflicts');
    case 'practice-profile':
      return `/practice/profile${form}`;
    case 'practice-supervision':
      return `/practice/supervision${form}`;
    case 'practice-backups':
      return `/practice/backups${form}`;
    case 'practice-continuity':
      return `/practice/continuity${form}`;
    default:
      return null;
  }
}

function DutyDates({ duty }: { duty: Duty }) {
  const { t } = useTranslation();
  const format = useFormat();
  const parts: string[] = [];
  if (duty.since) parts.push(t(`duties.since.${duty.state}`, { date: format.day(duty.since) }));
  if (duty.dueOn) parts.push(t('duties.dueOn', { date: format.day(duty.dueOn) }));
  return parts.length > 0 ? <p className="duty__dates">{parts.join(' · ')}</p> : null;
}

/** The compliance panel: each duty of the code with its article, state and the way to fix it. */
export function DutyList({
  duties,
  clientId,
  label,
}: {
  duties: readonly Duty[];
  clientId?: string;
  label: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ul className="duties" aria-label={label}>
      {duties.map((duty) => {
        const href = dutyHref(duty.target, clientId);
        const title = t(duty.titleKey);
        return (
          <li key={duty.id} className={`duty duty--${duty.state}`} data-duty={duty.id}>
            <span className="duty__article">{t('duties.article', { article: duty.article })}</span>
            <div className="duty__body">
              <p className="duty__title">{title}</p>
              <DutyDates duty={duty} />
              {duty.actionKey ? <p className="duty__action">{t(duty.actionKey)}</p> : null}
            </div>
            <div className="duty__state">
              <StateBadge state={duty.state} />
              {duty.actionKey ? (
                href ? (
                  <Button
                    className="button button--small"
                    aria-label={t('duties.goToLabel', { title })}
                    onPress={() => navigate(href)}
                  >
                    {t('duties.goTo')}
                  </Button>
                ) : (
                  <span className="duty__later">{t('duties.notYetInApp')}</span>
                )
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
