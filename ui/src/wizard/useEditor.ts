// The open profile as the wizard edits it. Inputs are driven by the local `profile` (so typing is
// never slowed by IPC); every edit goes to the core, which answers with fresh verdicts and autosaves.
// Only the newest answer is applied, so a slow reply cannot roll back a later keystroke.
import { useCallback, useEffect, useRef, useState } from 'react';
import { failureText } from '../errors';
import { api, type Evaluation, type Field, type Profile, type ProfileView, type Text } from '../ipc';

export type SaveState = { kind: 'saved'; at: string } | { kind: 'saving' } | { kind: 'failed'; error: Text };

export interface Editor {
  profile: Profile;
  evaluation: Evaluation;
  save: SaveState;
  /** What paste cleaning did to each field on its last paste/blur, kept until the field is edited. */
  cleaned: Partial<Record<Field, Text[]>>;
  update: (mutate: (p: Profile) => void, opts?: { normalise?: Field }) => void;
  setValue: (field: Field, value: string, opts?: { normalise?: boolean }) => void;
  normalise: (field: Field) => void;
  setSecret: (field: Field, value: string) => void;
  /** Generates an event token or aes_key in the core and stores it like a typed secret. */
  generateSecret: (field: Field) => Promise<void>;
  goTo: (step: string) => void;
}

export function useEditor(initial: ProfileView): Editor {
  const [profile, setProfile] = useState(initial.profile);
  const [evaluation, setEvaluation] = useState(initial.evaluation);
  const [save, setSave] = useState<SaveState>({ kind: 'saved', at: initial.profile.updated_at });
  const [cleaned, setCleaned] = useState<Editor['cleaned']>({});
  const latest = useRef(initial.profile);
  const seq = useRef(0);

  useEffect(() => {
    const unlisten = api.onSaved((e) => {
      if (e.error) setSave({ kind: 'failed', error: e.error });
      else if (e.id === latest.current.id && e.updated_at) setSave({ kind: 'saved', at: e.updated_at });
    });
    return () => void unlisten.then((f) => f());
  }, []);

  const send = useCallback((next: Profile, normalise?: Field) => {
    const mine = ++seq.current;
    setSave({ kind: 'saving' });
    api
      .updateProfile(next)
      .then((view) => {
        if (mine !== seq.current) return;
        setEvaluation(view.evaluation);
        if (!normalise) return;
        const verdict = view.evaluation.fields[normalise];
        const raw = next.values[normalise] ?? '';
        if (verdict?.ok && verdict.value !== raw) {
          setCleaned((c) => ({ ...c, [normalise]: verdict.cleaned }));
          const fixed = { ...latest.current, values: { ...latest.current.values, [normalise]: verdict.value } };
          latest.current = fixed;
          setProfile(fixed);
          send(fixed);
        }
      })
      .catch((e: unknown) => setSave({ kind: 'failed', error: failureText(e) }));
  }, []);

  const update = useCallback<Editor['update']>(
    (mutate, opts) => {
      const next: Profile = structuredClone(latest.current);
      mutate(next);
      latest.current = next;
      setProfile(next);
      send(next, opts?.normalise);
    },
    [send],
  );

  const setValue = useCallback<Editor['setValue']>(
    (field, value, opts) => {
      setCleaned((c) => ({ ...c, [field]: undefined }));
      update(
        (p) => {
          p.values[field] = value;
        },
        { normalise: opts?.normalise ? field : undefined },
      );
    },
    [update],
  );

  const normalise = useCallback((field: Field) => update(() => {}, { normalise: field }), [update]);

  const adopt = useCallback((view: ProfileView) => {
    latest.current = { ...latest.current, secrets: view.profile.secrets };
    setProfile(latest.current);
    setEvaluation(view.evaluation);
  }, []);

  const secretTimers = useRef<Partial<Record<Field, ReturnType<typeof setTimeout>>>>({});
  const setSecret = useCallback((field: Field, value: string) => {
    clearTimeout(secretTimers.current[field]);
    setSave({ kind: 'saving' });
    // Secrets go to the keychain; a short pause avoids a keychain write per keystroke.
    secretTimers.current[field] = setTimeout(() => {
      const mine = ++seq.current;
      api
        .setSecret(latest.current.id, field, value)
        .then((view) => {
          if (mine === seq.current) adopt(view);
          else {
            latest.current = { ...latest.current, secrets: view.profile.secrets };
            setProfile(latest.current);
          }
        })
        .catch((e: unknown) => setSave({ kind: 'failed', error: failureText(e) }));
    }, 250);
  }, [adopt]);

  const generateSecret = useCallback(
    (field: Field) => {
      ++seq.current;
      return api
        .generateSecret(latest.current.id, field)
        .then(adopt)
        .catch((e: unknown) => setSave({ kind: 'failed', error: failureText(e) }));
    },
    [adopt],
  );

  const goTo = useCallback(
    (step: string) =>
      update((p) => {
        p.current_step = step;
      }),
    [update],
  );

  return { profile, evaluation, save, cleaned, update, setValue, normalise, setSecret, generateSecret, goTo };
}
