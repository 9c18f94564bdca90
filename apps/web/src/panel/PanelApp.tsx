import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Grid, Input, Layout, Menu, Space, Spin, Tag, Typography, type MenuProps } from 'antd';
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
  // Under 768 px there is no room for the list beside a procedure: the list, or the picked procedure, takes the width.
  const narrow = !(Grid.useBreakpoint().md ?? true);

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

  const pickList = (
    <>
      <Input.Search
        placeholder="Search procedures"
        aria-label="Search procedures"
        allowClear
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        style={{ padding: narrow ? '0 0 12px' : 12 }}
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
    </>
  );
  const refused = result?.status === 'refused' && (
    <Alert
      type="warning"
      showIcon
      title={`The catalogue was refused (HTTP ${result.httpStatus})`}
      description={result.message}
    />
  );
  const picked = catalogue && procedure && (
    <ProcedureView
      key={procedure.path}
      procedure={procedure}
      output={catalogue.outputs[procedure.path]}
      session={session}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="panel-header">
        <Space size={narrow ? 'middle' : 'large'} align="center" wrap>
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
            Arya API panel
          </Typography.Title>
          <a href="/reference">API reference</a>
          <a href="/openapi.json">OpenAPI 3.1</a>
        </Space>
        <SignInForm session={session} />
      </Layout.Header>
      {/* one tree for both widths: a new width (a turned phone) must not remount the procedure, losing its answer */}
      <Layout>
        {narrow ? null : (
          <Layout.Sider width={300} theme="light" className="panel-sider">
            {pickList}
          </Layout.Sider>
        )}
        <Layout.Content
          style={
            narrow ? { padding: 12, background: '#fff', minWidth: 0 } : { padding: 24, maxWidth: 1100, minWidth: 0 }
          }
        >
          {narrow && picked ? (
            <Button
              icon={<ArrowLeftOutlined />}
              style={{ marginBottom: 12 }}
              onClick={() => {
                // no "#" left behind, and Back returns to the procedure
                window.history.pushState(null, '', window.location.pathname + window.location.search);
                setSelected(null);
              }}
            >
              All procedures
            </Button>
          ) : null}
          {!result && <Spin />}
          {refused}
          {catalogue && !procedure && narrow ? pickList : null}
          {catalogue && !procedure && !narrow ? (
            <Empty
              description={
                `${catalogue.procedures.length} procedures. Pick one on the left; calls go to /trpc with the ` +
                'signed-in token as "Authorization: Bearer …".'
              }
            />
          ) : null}
          {picked}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
