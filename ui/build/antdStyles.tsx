// antd 6 writes each component's CSS in JavaScript the first time the component renders
// (@ant-design/cssinjs: build the style objects, serialise, hash, insert a <style>). On the start
// screen that was most of the time between the page loading and the list being drawn
// (docs/benchmarks.md). This runs at build time (vite.config.ts's antdStaticStyles plugin, in Node):
// it renders every antd component the app imports, with the app's own theme, and extracts their CSS
// into one stylesheet. The stylesheet ends with antd's own cache map (the
// `.data-ant-cssinjs-cache-path` rule): on start, @ant-design/cssinjs reads it and takes every style
// listed there as already loaded, so it generates only what the file lacks — whatever is missing is
// still made at run time, as before, never left unstyled.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import * as antd from 'antd';
import type { ComponentType, ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { appTheme } from '../src/theme';

const {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Collapse,
  ConfigProvider,
  Descriptions,
  Form,
  Input,
  Layout,
  List,
  Modal,
  Progress,
  Result,
  Segmented,
  Select,
  Skeleton,
  Space,
  Steps,
  Table,
  Tag,
  Tooltip,
  Typography,
  message,
  notification,
} = antd;

// The variants the app shows, where rendering the bare component would not register a style the
// app needs (a sub-component's own style, a status, a size). Anything else renders as `<X />`.
const samples: Record<string, () => ReactNode> = {
  Alert: () =>
    (['success', 'info', 'warning', 'error'] as const).map((type) => (
      <Alert key={type} type={type} showIcon title="t" description="d" action={<Button size="small" />} />
    )),
  App: () => (
    <antd.App>
      <div />
    </antd.App>
  ),
  Badge: () => (
    <>
      <Badge count={1} />
      <Badge status="success" text="t" />
      <Badge dot />
    </>
  ),
  Button: () => (
    <>
      {(['primary', 'default', 'dashed', 'link', 'text'] as const).map((type) => (
        <Button key={type} type={type}>
          b
        </Button>
      ))}
      <Button danger>b</Button>
      <Button size="small">b</Button>
      <Button size="large" loading>
        b
      </Button>
    </>
  ),
  Card: () => (
    <>
      <Card title="t" extra="e" size="small">
        c
      </Card>
      <Card title="t">c</Card>
    </>
  ),
  Checkbox: () => (
    <>
      <Checkbox>c</Checkbox>
      <Checkbox.Group options={['a']} />
    </>
  ),
  Collapse: () => <Collapse items={[{ key: 'a', label: 'a', children: 'a' }]} />,
  Descriptions: () => (
    <>
      <Descriptions bordered size="small" column={1} items={[{ key: 'a', label: 'a', children: 'a' }]} />
      <Descriptions title="t" items={[{ key: 'a', label: 'a', children: 'a' }]} />
    </>
  ),
  Form: () => (
    <Form layout="vertical">
      <Form.Item label="l" help="h" validateStatus="error" required>
        <Input />
      </Form.Item>
      <Form.Item label="l" extra="e" validateStatus="warning">
        <Input.TextArea />
      </Form.Item>
    </Form>
  ),
  Input: () => (
    <>
      <Input />
      <Input.Password />
      <Input.Search />
      <Input.TextArea />
      <Space.Compact>
        <Input />
        <Button />
      </Space.Compact>
    </>
  ),
  Layout: () => (
    <Layout>
      <Layout.Header>h</Layout.Header>
      <Layout>
        <Layout.Sider>s</Layout.Sider>
        <Layout.Content>c</Layout.Content>
      </Layout>
    </Layout>
  ),
  List: () => (
    <List
      dataSource={['a']}
      renderItem={(item) => (
        <List.Item actions={[<Button key="a" />]}>
          <List.Item.Meta title={item} description={item} />
        </List.Item>
      )}
    />
  ),
  Modal: () => {
    const Panel = (Modal as unknown as { _InternalPanelDoNotUseOrYouWillBeFired: ComponentType<{ type?: string }> })
      ._InternalPanelDoNotUseOrYouWillBeFired;
    return (
      <>
        <Modal />
        <Panel />
        <Panel type="confirm" />
      </>
    );
  },
  Progress: () => (
    <>
      <Progress percent={50} />
      <Progress type="circle" percent={50} size="small" />
    </>
  ),
  Result: () =>
    (['success', 'info', 'warning', 'error'] as const).map((status) => <Result key={status} status={status} title="t" />),
  Segmented: () => <Segmented options={['a', 'b']} />,
  Select: () => <Select options={[{ value: 'a', label: 'a' }]} value="a" />,
  Skeleton: () => (
    <>
      <Skeleton active />
      <Skeleton.Input />
      <Skeleton.Button />
    </>
  ),
  Space: () => (
    <Space>
      <span />
      <Space.Compact>
        <Button />
      </Space.Compact>
    </Space>
  ),
  Steps: () => <Steps direction="vertical" size="small" current={1} items={[{ title: 'a' }, { title: 'b' }, { title: 'c', status: 'error' }]} />,
  Table: () => (
    <Table
      size="small"
      rowKey="a"
      columns={[{ title: 'a', dataIndex: 'a', sorter: true }]}
      dataSource={[{ a: 'a' }]}
      expandable={{ expandedRowRender: () => 'x' }}
      pagination={{ pageSize: 1 }}
    />
  ),
  Tag: () =>
    ['blue', 'success', 'warning', 'error', 'processing', 'default', 'gold'].map((color) => (
      <Tag key={color} color={color}>
        t
      </Tag>
    )),
  Tooltip: () => (
    <Tooltip title="t" open>
      <span />
    </Tooltip>
  ),
  Typography: () => (
    <Typography>
      <Typography.Title level={4}>t</Typography.Title>
      <Typography.Paragraph copyable ellipsis>
        p
      </Typography.Paragraph>
      <Typography.Text type="secondary" code>
        t
      </Typography.Text>
      <Typography.Text type="danger" strong>
        t
      </Typography.Text>
      <Typography.Link>l</Typography.Link>
    </Typography>
  ),
};

// The app's toasts and notices come from App.useApp(), which uses these two.
const hookStyles = (): ReactNode => {
  const Message = (message as unknown as { _InternalPanelDoNotUseOrYouWillBeFired: ComponentType }).
    _InternalPanelDoNotUseOrYouWillBeFired;
  const Notification = (notification as unknown as { _InternalPanelDoNotUseOrYouWillBeFired: ComponentType })
    ._InternalPanelDoNotUseOrYouWillBeFired;
  return (
    <>
      <Message />
      <Notification />
    </>
  );
};

/** The antd components imported by the app's source files (tests left out), by their export name. */
export function importedComponents(srcDir: string): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'test') walk(path);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        for (const m of readFileSync(path, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'antd'/g)) {
          for (const spec of (m[1] ?? '').split(',')) {
            const name = spec.trim().replace(/^type\s+.*/, '').split(/\s+as\s+/)[0]?.trim();
            if (name && /^[A-Z]/.test(name) && name !== 'ConfigProvider') names.add(name);
          }
        }
      }
    }
  };
  walk(srcDir);
  return [...names].sort();
}

/** The stylesheet for these components under the app's theme, with antd's cache map at its end. */
export function antdStaticCss(components: string[]): string {
  const cache = createCache();
  const nodes = components.map((name) => {
    const sample = samples[name];
    if (sample) return <div key={name}>{sample()}</div>;
    const Comp = (antd as unknown as Record<string, ComponentType>)[name];
    if (!Comp) throw new Error(`antd has no component ${name}`);
    return <Comp key={name} />;
  });
  renderToString(
    <StyleProvider cache={cache}>
      <ConfigProvider theme={appTheme}>
        {nodes}
        {hookStyles()}
      </ConfigProvider>
    </StyleProvider>,
  );
  const css = extractStyle(cache, { plain: true });
  // Two copies of @ant-design/cssinjs (antd's and ours) would leave the cache empty: fail the build
  // rather than ship a stylesheet that changes nothing.
  const map = /\.data-ant-cssinjs-cache-path\{content:"([^"]*)";\}/.exec(css)?.[1] ?? '';
  const entries = map.split(';').filter(Boolean).length;
  if (entries < components.length) {
    throw new Error(`antd's style cache map has ${entries} entries for ${components.length} components`);
  }
  return css;
}
