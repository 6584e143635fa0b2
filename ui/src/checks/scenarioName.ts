// Practice scenarios have ids (`missing-contact-scope`) that are the simulator's; the admin reads
// their names in the UI's language. An id the UI has no name for yet (a scenario added later) is
// shown as it is rather than hidden.
import { useTranslation } from 'react-i18next';

/** The scenario's name in the current language. */
export function useScenarioName(): (id: string) => string {
  const { t, i18n } = useTranslation();
  return (id: string) => (i18n.exists(`practice.scenarios.${id}`) ? t(`practice.scenarios.${id}`) : id);
}
