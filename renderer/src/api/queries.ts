import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MethodInput } from '../../../electron/api';
import { kluis } from './kluis';

export const keys = {
  clients: (filter?: MethodInput<'clients.list'>): QueryKey =>
    filter ? ['clients', filter] : ['clients'],
  search: (query: string, clientId?: string): QueryKey => ['search', query, clientId ?? null],
  dossier: (id: string): QueryKey => ['dossier', id],
  session: (id: string): QueryKey => ['session', id],
  practice: ['practice'] as QueryKey,
  settings: ['settings'] as QueryKey,
  development: ['development'] as QueryKey,
  feedback: ['feedback'] as QueryKey,
  audit: ['audit'] as QueryKey,
  auditVerify: ['audit-verify'] as QueryKey,
  attachments: (clientId: string | null): QueryKey => ['attachments', clientId],
  supervision: ['supervision'] as QueryKey,
  supervisionEligible: ['supervision-eligible'] as QueryKey,
  summaries: (clientId: string): QueryKey => ['summaries', clientId],
  backups: ['backups'] as QueryKey,
  continuity: ['continuity'] as QueryKey,
  letterTemplate: ['letter-template'] as QueryKey,
};

export function useClients(filter: MethodInput<'clients.list'>) {
  return useQuery({
    queryKey: keys.clients(filter),
    queryFn: () => kluis().clients.list(filter),
    placeholderData: (previous) => previous,
  });
}

export function useSessionSearch(query: string, clientId?: string) {
  const trimmed = query.trim();
  return useQuery({
    queryKey: keys.search(trimmed, clientId),
    queryFn: () =>
      kluis().sessions.search({ query: trimmed, limit: 20, ...(clientId ? { clientId } : {}) }),
    enabled: trimmed.length > 0,
    placeholderData: (previous) => previous,
  });
}

export function useDossier(id: string) {
  return useQuery({ queryKey: keys.dossier(id), queryFn: () => kluis().clients.get({ id }) });
}

export function useSession(id: string | null) {
  return useQuery({
    queryKey: keys.session(id ?? 'none'),
    queryFn: () => kluis().sessions.get({ id: id ?? '' }),
    enabled: id !== null,
    // The editor owns the session once loaded; a refetch must not overwrite typing.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function usePractice() {
  return useQuery({ queryKey: keys.practice, queryFn: () => kluis().practice.get({}) });
}

export function useSettings() {
  return useQuery({ queryKey: keys.settings, queryFn: () => kluis().settings.get({}) });
}

export function useDevelopment() {
  return useQuery({ queryKey: keys.development, queryFn: () => kluis().development.list({}) });
}

export function useFeedbackList() {
  return useQuery({ queryKey: keys.feedback, queryFn: () => kluis().feedback.list({}) });
}

export function usePracticeAttachments() {
  return useQuery({
    queryKey: keys.attachments(null),
    queryFn: () => kluis().attachments.list({ clientId: null }),
  });
}

export function useSupervisionLog() {
  return useQuery({ queryKey: keys.supervision, queryFn: () => kluis().supervision.list({}) });
}

/** The dossiers that may be discussed in supervision: consent on record (2.16), by pseudonym. */
export function useSupervisionEligible() {
  return useQuery({
    queryKey: keys.supervisionEligible,
    queryFn: () => kluis().supervision.eligibleClients({}),
  });
}

export function useSummaries(clientId: string) {
  return useQuery({
    queryKey: keys.summaries(clientId),
    queryFn: () => kluis().summaries.list({ clientId }),
  });
}

/**
 * Where the backups are and how fresh they are. Never polled: every call counts as
 * activity for the idle lock, so a timer would keep the vault open forever.
 */
export function useBackupStatus() {
  return useQuery({ queryKey: keys.backups, queryFn: () => kluis().backups.status({}) });
}

/** The continuity plan (2.28), the emergency kit and the bundle on disk. */
export function useContinuity() {
  return useQuery({ queryKey: keys.continuity, queryFn: () => kluis().continuity.get({}) });
}

/** The closure letter template of a handover, with the placeholders it may use. */
export function useLetterTemplate() {
  return useQuery({
    queryKey: keys.letterTemplate,
    queryFn: () => kluis().handover.letterTemplate({}),
  });
}

/** After a change: refetch what shows it. A dossier change also moves the client list. */
export function useInvalidate() {
  const queryClient = useQueryClient();
  return useCallback(
    async (...queryKeys: QueryKey[]) => {
      await Promise.all(queryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    [queryClient],
  );
}

export function useInvalidateDossier(clientId: string) {
  const invalidate = useInvalidate();
  return useCallback(
    () =>
      invalidate(
        keys.dossier(clientId),
        keys.clients(),
        ['search'],
        keys.feedback,
        // The contract holds the supervision consent (2.16) that makes a case eligible.
        keys.supervisionEligible,
      ),
    [invalidate, clientId],
  );
}
