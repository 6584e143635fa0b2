// The built-in templates exactly as the core sends them, from core-fixtures.json, which the Rust
// test `committed_ui_fixtures_are_current` regenerates (`make bindings`) and keeps from going stale.
import type { FieldInfo, Template } from '../ipc/bindings';
import core from './core-fixtures.json';

const templates = core.templates as Template[];

function find(id: string): Template {
  const t = templates.find((x) => x.id === id);
  if (!t) throw new Error(`no built-in template ${id}`);
  return t;
}

export const seedTemplate: Template = find('yidianyun-private-cloud');
export const customTemplate: Template = find('custom-urls');
export const ehrStreamTemplate: Template = find('ehr-sync-stream');
export const CORE_FIELDS = core.fields as FieldInfo[];
