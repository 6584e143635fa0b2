import { Alert, Button, Select, Space } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type PracticeStatus, type ProfileView } from '../ipc';
import { useFail } from '../errors';
import { useText } from '../i18n';

interface Props {
  practice: PracticeStatus;
  onChange: (p: PracticeStatus) => void;
  /** Set when a profile is open: practice values can be filled into it. */
  onFilled?: (view: ProfileView) => void;
}

/** Practice mode's banner: which simulated scenario answers, switch it, fill values, leave. */
export function PracticeBanner({ practice, onChange, onFilled }: Props) {
  const { t } = useTranslation();
  const fail = useFail();
  const text = useText();
  if (!practice.scenario) return null;
  return (
    <Alert
      type="warning"
      banner
      icon={<ExperimentOutlined />}
      data-testid="practice-banner"
      title={t('practice.banner', { scenario: text(practice.scenario.title) })}
      action={
        <Space>
          <Select
            size="small"
            value={practice.scenario.id}
            style={{ width: 210 }}
            aria-label={t('practice.label')}
            options={practice.scenarios.map((s) => ({ label: text(s.title), value: s.id }))}
            onChange={(s) => void api.startPractice(s).then(onChange).catch(fail)}
            data-testid="practice-scenario"
          />
          {onFilled && (
            <Button size="small" onClick={() => void api.fillPracticeValues().then(onFilled).catch(fail)} data-testid="practice-fill">
              {t('practice.fill')}
            </Button>
          )}
          <Button size="small" onClick={() => void api.stopPractice().then(onChange).catch(fail)} data-testid="practice-stop">
            {t('practice.stop')}
          </Button>
        </Space>
      }
    />
  );
}

/** The header's switch into practice mode. */
export function PracticeSwitch({ practice, onChange }: Pick<Props, 'practice' | 'onChange'>) {
  const { t } = useTranslation();
  const fail = useFail();
  const text = useText();
  return (
    <Select
      value={practice.scenario?.id ?? ''}
      style={{ width: 170 }}
      prefix={<ExperimentOutlined />}
      aria-label={t('practice.label')}
      data-testid="practice-switch"
      options={[
        { label: t('practice.off'), value: '' },
        ...practice.scenarios.map((s) => ({ label: `${t('practice.label')} · ${text(s.title)}`, value: s.id })),
      ]}
      onChange={(s: string) =>
        void (s ? api.startPractice(s) : api.stopPractice())
          .then(onChange)
          .catch(fail)
      }
    />
  );
}
