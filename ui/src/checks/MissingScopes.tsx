import { Button, Flex, Typography, theme } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useText } from '../i18n';
import { missingScopes } from './scopeApply';
import { useOpenLink } from '../useOpenLink';

/**
 * The permissions a check or a diagnosis found missing: the console's name and the code of each,
 * with DingTalk's one-click apply page per permission when the Client ID is known.
 */
export default function MissingScopes({
  data,
  idPrefix = '',
}: {
  data: unknown;
  /** Keeps test ids unique where two lists show at once (the live test's fix list). */
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  const tx = useText();
  const { token } = theme.useToken();
  const openLink = useOpenLink();
  const scopes = missingScopes(data);
  if (!scopes.length) return null;
  const withUrl = scopes.filter((s) => s.url).length;
  return (
    <Flex vertical gap={6} data-testid={`${idPrefix}missing-scopes`}>
      <Typography.Text strong>{t('missingScopes.title')}</Typography.Text>
      {withUrl > 1 && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid={`${idPrefix}missing-scopes-hint`}>
          {t('missingScopes.hint')}
        </Typography.Text>
      )}
      <div style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG }}>
        {scopes.map((s, i) => (
          <Flex
            key={s.scope}
            justify="space-between"
            align="center"
            gap={12}
            style={{ padding: '6px 12px', borderTop: i ? `1px solid ${token.colorBorderSecondary}` : undefined }}
            data-testid={`${idPrefix}missing-scope-${s.scope}`}
          >
            <Flex gap={8} align="baseline" wrap style={{ minWidth: 0 }}>
              {s.name && <Typography.Text>{tx(s.name)}</Typography.Text>}
              <Typography.Text
                className="mono"
                type={s.name ? 'secondary' : undefined}
                style={s.name ? { fontSize: 12 } : undefined}
              >
                {s.scope}
              </Typography.Text>
            </Flex>
            {s.url && (
              <Button
                size="small"
                type="primary"
                ghost
                icon={<ExportOutlined />}
                onClick={() => openLink(s.url!)}
                aria-label={t('missingScopes.applyNamed', { name: s.name ? tx(s.name) : s.scope })}
                data-testid={`${idPrefix}apply-scope-${s.scope}`}
                style={{ flexShrink: 0 }}
              >
                {t('missingScopes.apply')}
              </Button>
            )}
          </Flex>
        ))}
      </div>
    </Flex>
  );
}
