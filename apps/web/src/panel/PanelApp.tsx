import { Alert, Empty, Input, Layout, Menu, Space, Spin, Tag, Typography, type MenuProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { groupByRouter, loadCatalogue, type CatalogueResult } from './catalogue';
import { ProcedureView } from './ProcedureView';
import { usePanelSession } from './session';
import { SignInForm } from './SignInForm';

const typeLetter = { query: 'Q', mutation: 'M', subscription: 'S' } as const;

/** The procedure picked in the address (`/panel#bom.runs.get`), so a reload or a shared link keeps it. */
const pathInHash = () => decodeURIComponent(window.location.hash.slice(1)) || null;

export function PanelApp() {
  const session = usePanelSession();
  const [result, setResult] = useState<CatalogueResult | null>(null);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(pathInHash);

  // Where the panel is admins-only, signing in is what makes the catalogue readable: load again on every change.
  useEffect(() => {
    let current = true;
    void loadCatalogue(session.token).then((next) => {
      if (current) setResult(next);
    });
    return () => {
      current = false;
    };
  }, [session.token]);

  useEffect(() => {
    const follow = () => setSelected(pathInHash());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const catalogue = result?.status === 'loaded' ? result.catalogue : null;
  const groups = useMemo(() => groupByRouter(catalogue?.procedures ?? [], search), [catalogue, search]);
  const items: MenuProps['items'] = groups.map(([router, procedures]) => ({
    type: 'group',
    key: router,
    label: router,
    children: procedures.map((procedure) => ({
      key: procedure.path,
      title: procedure.description,
      label: (
        <Space size={6}>
          <span>{procedure.path.slice(router.length + 1) || procedure.path}</span>
          <Tag variant="filled" title={procedure.type}>
            {typeLetter[procedure.type]}
          </Tag>
        </Space>
      ),
    })),
  }));
  const procedure = catalogue?.procedures.find((entry) => entry.path === selected);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="panel-header">
        <Space size="large" align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            Arya API panel
          </Typography.Title>
          <a href="/reference">API reference</a>
          <a href="/openapi.json">OpenAPI 3.1</a>
        </Space>
        <SignInForm session={session} />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={300} theme="light" className="panel-sider">
          <Input.Search
            placeholder="Search procedures"
            aria-label="Search procedures"
            allowClear
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            style={{ padding: 12 }}
          />
          <nav aria-label="Procedures">
            <Menu
              mode="inline"
              items={items}
              selectedKeys={selected ? [selected] : []}
              onClick={({ key }) => {
                window.location.hash = key;
                setSelected(key);
              }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, maxWidth: 1100 }}>
          {!result && <Spin />}
          {result?.status === 'refused' && (
            <Alert
              type="warning"
              showIcon
              title={`The catalogue was refused (HTTP ${result.httpStatus})`}
              description={result.message}
            />
          )}
          {catalogue && !procedure && (
            <Empty
              description={
                `${catalogue.procedures.length} procedures. Pick one on the left; calls go to /trpc with the ` +
                'signed-in token as "Authorization: Bearer …".'
              }
            />
          )}
          {catalogue && procedure && (
            <ProcedureView
              key={procedure.path}
              procedure={procedure}
              output={catalogue.outputs[procedure.path]}
              session={session}
            />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
