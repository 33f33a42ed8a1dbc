import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useNavigate, useParams } from 'react-router';
import type { Dossier } from '../../../../electron/api';
import { useFormat } from '../../i18n/format';
import { SessionEditor } from './SessionEditor';

/** The list shows the start of the notes as plain words, without markdown signs. */
function plainPreview(markdown: string): string {
  return markdown
    .replace(/[*_`#>~]+/g, '')
    .replace(/^\s*[-+]\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function SessionsTab({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const location = useLocation();
  const params = useParams();
  const clientId = dossier.client.id;
  const selected = params['*'] || null;
  // A new session keeps its editor (and the coach's cursor) when its first save gives it an id.
  const editorKey =
    (location.state as { editorKey?: string } | null)?.editorKey ?? selected ?? 'none';

  function startNew() {
    void navigate(`/clients/${clientId}/sessions/new`, {
      state: { editorKey: `new-${Date.now()}` },
    });
  }

  return (
    <div className="sessions">
      <aside className="sessions__list" aria-label={t('sessions.listLabel')}>
        <Button className="button button--primary sessions__new" onPress={startNew}>
          {t('sessions.new')}
        </Button>
        {dossier.sessions.length === 0 ? (
          <p className="muted">{t('sessions.empty')}</p>
        ) : (
          <ul className="session-items">
            {dossier.sessions.map((session) => (
              <li key={session.id}>
                <NavLink
                  className="session-item"
                  to={`/clients/${clientId}/sessions/${session.id}`}
                >
                  <span className="session-item__date">{format.dateTime(session.startsAt)}</span>
                  <span className="session-item__meta">
                    {t(`enums.sessionForm.${session.form}`)}
                    {session.durationMinutes
                      ? ` · ${t('sessions.minutes', { count: session.durationMinutes })}`
                      : ''}
                    {session.attachmentCount > 0
                      ? ` · ${t('sessions.attachments', { count: session.attachmentCount })}`
                      : ''}
                  </span>
                  {session.preview ? (
                    <span className="session-item__preview">{plainPreview(session.preview)}</span>
                  ) : null}
                  {session.tags.length > 0 ? (
                    <span className="session-item__tags">
                      {session.tags.map((tag) => (
                        <span key={tag} className="tag">
                          {tag}
                        </span>
                      ))}
                    </span>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <div className="sessions__editor">
        {selected ? (
          <SessionEditor
            key={editorKey}
            dossier={dossier}
            sessionId={selected === 'new' ? null : selected}
            editorKey={editorKey}
          />
        ) : (
          <div className="empty">
            <p>{t('sessions.pick')}</p>
          </div>
        )}
      </div>
    </div>
  );
}
