import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../auth/SessionProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { runStatusColour } from '../bom/run-labels';

const RECENT_RUNS = 5;

function startOfLocalDay(now = new Date()): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

/** Admins only: how many accounts there are and how many runs were started today (the viewer's day). */
function AdminFigures() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const stats = useQuery(trpc.admin.stats.queryOptions({ since: startOfLocalDay() }, { refetchOnMount: 'always' }));
  if (stats.error) return <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />;
  return (
    <Row gutter={16}>
      <Col xs={12} md={6}>
        <Card>
          <Link to="/admin/users">
            <Statistic title={t('home.users')} value={stats.data?.users ?? '—'} loading={stats.isPending} />
          </Link>
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card>
          <Link to="/bom/runs">
            <Statistic title={t('home.runsToday')} value={stats.data?.runsSince ?? '—'} loading={stats.isPending} />
          </Link>
        </Card>
      </Col>
    </Row>
  );
}

/** The start screen after signing in: the way to a new run, my latest runs and, for admins, the day's figures. */
export default function HomePage() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const session = useSession();
  const me = session.status === 'signedIn' ? session.user : null;
  const runs = useQuery(
    // A dashboard is opened to see what changed: always asked afresh, never only from the cache.
    trpc.bom.runs.list.queryOptions(
      { ownerId: me?.id, limit: RECENT_RUNS },
      { enabled: me !== null, refetchOnMount: 'always' },
    ),
  );
  const name = me ? (me.username ?? me.account ?? me.phone ?? '') : '';

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }} data-testid="home">
      <Card>
        <Flex justify="space-between" align="center" wrap gap={16}>
          <div>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {t('home.greeting', { name })}
            </Typography.Title>
            <Typography.Text type="secondary">{t('home.intro')}</Typography.Text>
          </div>
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => void navigate('/bom/new')}>
            {t('nav.bomNew')}
          </Button>
        </Flex>
      </Card>
      {me?.role === 'admin' ? <AdminFigures /> : null}
      <Card title={t('home.recentRuns')} extra={<Link to="/bom/runs">{t('home.allRuns')}</Link>}>
        {runs.error ? <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} /> : null}
        <List
          loading={runs.isPending}
          dataSource={runs.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noRuns')} /> }}
          renderItem={(run) => (
            <List.Item
              extra={<Typography.Text type="secondary">{formatDateTime(run.createdAt, locale)}</Typography.Text>}
            >
              <Flex gap={8} align="center" wrap>
                <Tag color={runStatusColour[run.status]}>{t(`bom.status.${run.status}`)}</Tag>
                <Link to={`/bom/runs/${run.runId}`}>{run.bomFile.name}</Link>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
