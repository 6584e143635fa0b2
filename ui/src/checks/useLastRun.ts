// The profile's newest kept live-test run (from this session or an earlier one), so progress and
// the report page can say what the last check found. `undefined` while loading, `null` when the
// profile was never checked.
import { useEffect, useState } from 'react';
import { api, type RunListItem } from '../ipc';

export function useLastRun(profileId: string, refreshKey: unknown): RunListItem | null | undefined {
  const [last, setLast] = useState<RunListItem | null | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refreshKey` changes after each new run
  useEffect(() => {
    let live = true;
    api
      .listRuns(profileId)
      .then((runs) => live && setLast(runs.find((r) => !r.cancelled) ?? null))
      // History that cannot be read is shown on the history page; here it counts as never checked.
      .catch(() => live && setLast(null));
    return () => {
      live = false;
    };
  }, [profileId, refreshKey]);
  return last;
}

/** What the last run proves, as the side bar and the report page say it. A practice run proves
 * nothing about the real binding. */
export type Verdict = 'unchecked' | 'practice' | 'failing' | 'clear';

export function verdictOf(last: RunListItem | null | undefined): Verdict {
  if (!last) return 'unchecked';
  if (last.practice) return 'practice';
  return last.summary.fail > 0 ? 'failing' : 'clear';
}
