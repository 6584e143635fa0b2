// Missing permissions as the core reports them in a check result's or a diagnosis's `data`:
// `required_scopes` (the codes) and `scope_apply` (per code: the console's name when known and
// DingTalk's one-click apply page; only when the Client ID is known). Read defensively: a check
// result's `data` is untyped JSON (a `ScopeApply[]` in the bindings when it comes from a diagnosis).
import type { Text } from '../ipc';

/** One missing permission: its code, the console's name for it, and where to apply (if known). */
export type MissingScope = { scope: string; name: Text | null; url: string | null };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isText(v: unknown): v is Text {
  return isRecord(v) && typeof v.zh === 'string' && typeof v.en === 'string';
}

/**
 * The missing permissions named in `data`, in the core's order: every `scope_apply` entry, then any
 * `required_scopes` code it does not cover (listed without an apply page).
 */
export function missingScopes(data: unknown): MissingScope[] {
  if (!isRecord(data)) return [];
  const out: MissingScope[] = [];
  const seen = new Set<string>();
  if (Array.isArray(data.scope_apply)) {
    for (const e of data.scope_apply) {
      if (!isRecord(e) || typeof e.scope !== 'string' || !e.scope || seen.has(e.scope)) continue;
      seen.add(e.scope);
      out.push({
        scope: e.scope,
        name: isText(e.name) ? e.name : null,
        url: typeof e.url === 'string' && e.url ? e.url : null,
      });
    }
  }
  if (Array.isArray(data.required_scopes)) {
    for (const s of data.required_scopes) {
      if (typeof s !== 'string' || !s || seen.has(s)) continue;
      seen.add(s);
      out.push({ scope: s, name: null, url: null });
    }
  }
  return out;
}
