import { endOfISOWeek, format } from 'date-fns';

/**
 * Which backups to keep: the newest of each of the last `daily` days, `weekly` ISO weeks
 * and `monthly` months (grandfather-father-son). The newest backup is always kept, so
 * rotation can never leave the coach with none.
 */
export interface RotationPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export function backupsToKeep<T extends { id: string; createdAt: string }>(
  backups: readonly T[],
  policy: RotationPolicy,
): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set<string>();
  const first = newestFirst[0];
  if (first) keep.add(first.id);
  const buckets: [number, (d: Date) => string][] = [
    [policy.daily, (d) => format(d, 'yyyy-MM-dd')],
    [policy.weekly, (d) => format(endOfISOWeek(d), 'RRRR-II')],
    [policy.monthly, (d) => format(d, 'yyyy-MM')],
  ];
  for (const [limit, bucketOf] of buckets) {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      if (seen.size >= limit) break;
      const bucket = bucketOf(new Date(backup.createdAt));
      if (seen.has(bucket)) continue;
      seen.add(bucket);
      keep.add(backup.id);
    }
  }
  return keep;
}
