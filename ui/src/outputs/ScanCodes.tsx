import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Empty, Flex, Skeleton, Space, Typography } from 'antd';
import { CheckCircleOutlined, CopyOutlined, DownloadOutlined, PictureOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { failureText, useFail } from '../errors';
import { api, type ProfileView, type ScanCode, type Text } from '../ipc';
import { useText } from '../i18n';
import { useFieldInfo } from '../context';

/** The scan step: each code the admin scans with DingTalk, what they should see, and what it means if they don't. */
export default function ScanCodes({ view, practice }: { view: ProfileView; practice: string | null }) {
  const { t, i18n } = useTranslation();
  const tx = useText();
  const fieldInfo = useFieldInfo();
  const { message } = AntApp.useApp();
  const [codes, setCodes] = useState<ScanCode[] | null>(null);
  const [error, setError] = useState<Text | null>(null);
  const fail = useFail();
  const id = view.profile.id;

  // Codes follow the values (and practice mode's login host); refetch when either changes.
  const key = JSON.stringify([id, view.evaluation.fields, view.evaluation.urls, practice]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the values the codes are made from
  useEffect(() => {
    let live = true;
    api
      .scanCodes(id)
      .then((c) => {
        if (!live) return;
        setCodes(c);
        setError(null);
      })
      .catch((e: unknown) => live && setError(failureText(e)));
    return () => {
      live = false;
    };
  }, [key]);

  const copyImage = (c: ScanCode) =>
    void api
      .copyQrImage(id, c.kind)
      .then(() => message.success(t('scan.imageCopied')))
      .catch(fail);
  const save = (c: ScanCode) =>
    void api
      .saveQrPng(id, c.kind)
      .then((path) => {
        if (path) message.success(t('scan.saved', { path }));
      })
      .catch(fail);
  const copyLink = (url: string) =>
    void api
      .copy(url)
      .then(() => message.success(t('url.copied')))
      .catch(fail);

  if (error) return <Alert type="error" showIcon title={tx(error)} />;
  if (!codes) return <Skeleton active />;
  if (!codes.length) return <Empty description={t('scan.none')} />;
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('scan.intro')}</Typography.Paragraph>
      {practice && <Alert type="info" showIcon title={t('scan.practice')} />}
      {codes.map((c) => (
        <Card key={c.kind} size="small" title={tx(c.title)} data-testid={`scan-${c.kind}`}>
          <Flex gap={20} align="flex-start">
            <div className="qr-frame">
              {c.png ? (
                <img src={c.png} alt={tx(c.title)} width={184} height={184} data-testid={`qr-${c.kind}`} />
              ) : (
                <Flex vertical align="center" justify="center" style={{ width: 184, height: 184 }}>
                  <PictureOutlined style={{ fontSize: 36, color: '#bfbfbf' }} />
                  <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center', marginTop: 8 }}>
                    {t('scan.missing', { fields: c.missing.map((f) => tx(fieldInfo(f).label)).join(i18n.language === 'en' ? ', ' : '、') })}
                  </Typography.Text>
                </Flex>
              )}
            </div>
            <Flex vertical gap={10} style={{ minWidth: 0, flex: 1 }}>
              {c.url && (
                <Typography.Text className="mono" style={{ fontSize: 12, wordBreak: 'break-all' }} data-testid={`scan-url-${c.kind}`}>
                  {c.url}
                </Typography.Text>
              )}
              <Flex gap={8} align="flex-start">
                <CheckCircleOutlined style={{ color: '#52c41a', marginTop: 4 }} />
                <div>
                  <Typography.Text strong>{t('scan.expect')}</Typography.Text>
                  <div>{tx(c.expect)}</div>
                </div>
              </Flex>
              <Flex gap={8} align="flex-start">
                <QuestionCircleOutlined style={{ color: '#faad14', marginTop: 4 }} />
                <div>
                  <Typography.Text strong>{t('scan.ifNot')}</Typography.Text>
                  <ul className="if-not" data-testid={`scan-if-not-${c.kind}`}>
                    {c.if_not.map((s) => (
                      <li key={s.seen.en || s.means.en}>
                        {s.seen.zh && (
                          <>
                            <Typography.Text strong>{tx(s.seen)}</Typography.Text>
                            {t('scan.means')}
                          </>
                        )}
                        {tx(s.means)}
                      </li>
                    ))}
                  </ul>
                </div>
              </Flex>
              {c.url && (
                <Space wrap>
                  <Button size="small" icon={<PictureOutlined />} onClick={() => copyImage(c)} data-testid={`qr-copy-${c.kind}`}>
                    {t('scan.copyImage')}
                  </Button>
                  <Button size="small" icon={<DownloadOutlined />} onClick={() => save(c)} data-testid={`qr-save-${c.kind}`}>
                    {t('scan.savePng')}
                  </Button>
                  <Button size="small" icon={<CopyOutlined />} onClick={() => copyLink(c.url!)}>
                    {t('scan.copyLink')}
                  </Button>
                </Space>
              )}
            </Flex>
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
