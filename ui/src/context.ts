import { createContext, useContext } from 'react';
import type { AppInfo, Field, FieldInfo, Template } from './ipc';

export interface AppData {
  info: AppInfo;
  templates: Template[];
  /** Offers a template the admin just added (in place of an older version with the same id). */
  templateAdded: (template: Template) => void;
  /** The app info after a setting changed (the trusted certificate). */
  infoChanged: (info: AppInfo) => void;
}

/** `list` with `template` added, or put in place of the one with its id. */
export function withTemplate(list: Template[], template: Template): Template[] {
  return list.some((t) => t.id === template.id)
    ? list.map((t) => (t.id === template.id ? template : t))
    : [...list, template];
}

export const AppDataContext = createContext<AppData | null>(null);

export function useAppData(): AppData {
  const data = useContext(AppDataContext);
  if (!data) throw new Error('AppDataContext missing');
  return data;
}

export function useFieldInfo(): (field: Field) => FieldInfo {
  const { info } = useAppData();
  return (field) => {
    const found = info.fields.find((f) => f.field === field);
    if (!found) throw new Error(`unknown field ${field}`);
    return found;
  };
}

export function useTemplate(id: string): Template | undefined {
  return useAppData().templates.find((t) => t.id === id);
}
