// A live-check run as the wizard shows it: the plan (every check with a spinner), results as they
// stream in, the finished run, and Rerun/Cancel. One run per wizard; the permission step and the
// live-test step share it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { failureText } from '../errors';
import { api, type CheckOptions, type CheckResult, type CheckRun, type PlannedCheck, type Text } from '../ipc';

export interface Checks {
  planned: PlannedCheck[];
  results: Record<string, CheckResult>;
  run: CheckRun | null;
  running: boolean;
  /** Why the run could not be made at all (each check's own failure is in its result). */
  error: Text | null;
  start: (options?: Partial<CheckOptions>) => void;
  cancel: () => void;
}

export function useChecks(profileId: string): Checks {
  const [planned, setPlanned] = useState<PlannedCheck[]>([]);
  const [results, setResults] = useState<Record<string, CheckResult>>({});
  const [run, setRun] = useState<CheckRun | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Text | null>(null);
  const active = useRef(false);

  useEffect(() => {
    const unlisten = api.onCheckEvent((e) => {
      if (!active.current) return;
      if (e.kind === 'planned') setPlanned(e.checks);
      else setResults((r) => ({ ...r, [e.result.id]: e.result }));
    });
    return () => void unlisten.then((f) => f());
  }, []);

  const start = useCallback((options?: Partial<CheckOptions>) => {
    active.current = true;
    setRunning(true);
    setError(null);
    setResults({});
    setRun(null);
    api
      .runChecks(profileId, { message_userid: null, deadline_ms: 30000, ...options })
      .then((r) => {
        setRun(r);
        setPlanned((p) => (p.length ? p : r.checks.map((c) => ({ id: c.id, title: c.title, depends_on: [] }))));
        setResults(Object.fromEntries(r.checks.map((c) => [c.id, c])));
      })
      .catch((e: unknown) => setError(failureText(e)))
      .finally(() => {
        active.current = false;
        setRunning(false);
      });
  }, [profileId]);

  const cancel = useCallback(() => void api.cancelChecks(), []);

  return { planned, results, run, running, error, start, cancel };
}
