import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionSearch } from '../api/queries';
import { useFormat } from '../i18n/format';
import { Snippet } from './Snippet';

/** Sessions whose notes match the search, each with the words in context. */
export function SearchHits({ query }: { query: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const search = useSessionSearch(query);
  const hits = search.data ?? [];
  return (
    <section className="search-hits" aria-labelledby="search-hits-title">
      <h2 id="search-hits-title" className="section-title">
        {t('clients.hits.title')}
      </h2>
      {hits.length === 0 ? (
        <p className="muted">{search.isFetching ? t('common.loading') : t('clients.hits.none')}</p>
      ) : (
        <ul className="search-hits__list">
          {hits.map((hit) => (
            <li key={hit.sessionId}>
              <Link
                className="search-hit"
                to={`/clients/${hit.clientId}/sessions/${hit.sessionId}`}
              >
                <span className="search-hit__who">
                  {hit.clientName || hit.pseudonym}
                  <span className="muted"> · {format.dateTime(hit.startsAt)}</span>
                </span>
                <Snippet text={hit.snippet} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
