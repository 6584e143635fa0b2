import { createContext, useContext } from 'react';
import type { AppInfo, Field, FieldInfo, Template } from './ipc';

export interface AppData {
  info: AppInfo;
  templates: Template[];
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
