// What the first screen needs from the shell, asked for as soon as the page's code has run
// (main.tsx), all at once, instead of from an effect after React's first render and then the
// bindings list from another effect after the next: each call is a round trip to the shell, and
// none needs another's answer. Only reopening the binding that was open last waits for the settings.
import { failureText } from './errors';
import i18next from './i18n';
import { api, type AppInfo, type PracticeStatus, type ProfileSummary, type ProfileView, type Template, type Text } from './ipc';
import { mark } from './marks';

export interface Boot {
  info: AppInfo;
  templates: Template[];
  practice: PracticeStatus;
  /** The bindings for the start screen; `null` if they could not be read (the start screen asks
   * again and shows why). */
  profiles: ProfileSummary[] | null;
  /** The binding that was open when the app last stopped (or was killed), reopened. */
  view: ProfileView | null;
}

export async function loadBoot(): Promise<Boot> {
  const [info, templates, practice, profiles] = await Promise.all([
    api.appInfo(),
    api.listTemplates(),
    api.practiceStatus(),
    api.listProfiles().catch(() => null),
  ]);
  mark('boot');
  let view: ProfileView | null = null;
  const last = info.settings.last_profile_id;
  if (last) {
    try {
      view = await api.openProfile(last);
    } catch {
      // Deleted or unreadable since: the start screen lists it with the reason.
    }
  }
  return { info, templates, practice, profiles, view };
}

/** How the start-up went: the answers, or why the shell could not give them. */
export type Start = { boot: Boot } | { error: Text };

/** The start-up's calls, with the admin's language applied before anything is drawn in it. */
export function start(): Promise<Start> {
  return loadBoot().then(
    async (boot) => {
      await i18next.changeLanguage(boot.info.settings.language);
      return { boot };
    },
    (e: unknown) => ({ error: failureText(e) }),
  );
}
