import {
  BarsOutlined,
  DiffOutlined,
  FileExcelOutlined,
  FolderOpenOutlined,
  HomeOutlined,
  LogoutOutlined,
  PlusOutlined,
  SearchOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Flex, Grid, Layout, Menu, Typography, type MenuProps } from 'antd';
import { useState, type CSSProperties } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { maskPhone } from '@arya/validators/phone';
import { useSession } from '../auth/SessionProvider';
import { useSignOut } from '../auth/use-sign-out';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Logo } from '../components/Logo';
import { useI18n } from '../i18n/I18nProvider';

/**
 * The phone menu's opener, inside antd's zero-width trigger (a bare `<span>` whose click toggles the menu): a real
 * button, so a keyboard reaches it and Enter or Space opens the menu (the click bubbles to the span), and a screen
 * reader names it.
 */
// Fills the span and looks like it; the browser's own focus ring stays (no outline rule).
const TRIGGER_BUTTON: CSSProperties = {
  width: '100%',
  height: '100%',
  padding: 0,
  border: 0,
  background: 'transparent',
  color: 'inherit',
  font: 'inherit',
  cursor: 'pointer',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
};

function MenuTrigger({ label, expanded }: { label: string; expanded: boolean }) {
  return (
    <button type="button" aria-label={label} aria-expanded={expanded} style={TRIGGER_BUTTON}>
      <BarsOutlined />
    </button>
  );
}

/** The signed-in frame: a side menu (a drawer-like collapsed bar under 992 px), a header, and the screen. */
export default function AppLayout() {
  const { t } = useI18n();
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [collapsed, setCollapsed] = useState(true);

  const isAdmin = session.status === 'signedIn' && session.user.role === 'admin';
  const items: MenuProps['items'] = [
    { key: '/', icon: <HomeOutlined />, label: t('nav.home') },
    { key: '/bom/runs', icon: <FileExcelOutlined />, label: t('nav.bomRuns') },
    { key: '/bom/new', icon: <PlusOutlined />, label: t('nav.bomNew') },
    { key: '/bom/files', icon: <FolderOpenOutlined />, label: t('nav.bomFiles') },
    { key: '/bom/compare', icon: <DiffOutlined />, label: t('nav.bomCompare') },
    { key: '/bom/where-used', icon: <SearchOutlined />, label: t('nav.bomWhereUsed') },
    { key: '/profile', icon: <UserOutlined />, label: t('nav.profile') },
    ...(isAdmin ? [{ key: '/admin/users', icon: <TeamOutlined />, label: t('nav.admin') }] : []),
  ];
  const selected = items
    .map((item) => String(item?.key))
    .filter((key) => (key === '/' ? location.pathname === '/' : location.pathname.startsWith(key)));
  const { user } = session.status === 'signedIn' ? session : { user: null };
  // A phone-only account is named by its number, masked as the profile shows it.
  const userLabel = user ? (user.username ?? user.account ?? (user.phone ? maskPhone(user.phone) : '')) : '';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        collapsed={narrow ? collapsed : false}
        onCollapse={setCollapsed}
        trigger={narrow ? <MenuTrigger label={t('nav.mainMenu')} expanded={!collapsed} /> : null}
        zeroWidthTriggerStyle={{ top: 12 }}
        theme="light"
        style={narrow ? { position: 'fixed', height: '100vh', zIndex: 20, left: 0, top: 0 } : undefined}
      >
        <Link to="/" style={{ display: 'block', margin: '16px 24px' }} aria-label={t('nav.home')}>
          <Logo name={t('app.name')} />
        </Link>
        <nav aria-label={t('nav.mainMenu')}>
          <Menu
            mode="inline"
            selectedKeys={selected}
            items={items}
            onClick={({ key }) => {
              void navigate(key);
              if (narrow) setCollapsed(true);
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 16px', borderBottom: '1px solid #f0f0f0' }}>
          <Flex justify="flex-end" align="center" gap={8} style={{ height: '100%' }}>
            <Typography.Text ellipsis style={{ maxWidth: 160 }} data-testid="current-user">
              {userLabel}
            </Typography.Text>
            <LanguageSwitch />
            <Button icon={<LogoutOutlined />} aria-label={t('nav.signOut')} onClick={() => void signOut()}>
              {narrow ? null : t('nav.signOut')}
            </Button>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24 }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
