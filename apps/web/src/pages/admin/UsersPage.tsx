import { UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Segmented, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { USER_STATUSES, type UserStatus } from '@arya/validators/enums';
import { cursorPaging, LONG_TEXT, PagedTable } from '../../components/PagedTable';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { CreateUserModal } from './CreateUserModal';
import { statusColour, userStatus, type AdminUser } from './user-status';
import { UserActions } from './UserActions';

type StatusFilter = UserStatus | 'all';

export default function UsersPage() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<AdminUser> = [
    {
      title: t('profile.account'),
      key: 'account',
      render: (_value, user) => (
        <Link to={`/admin/users/${user.id}`}>{user.account ?? user.phone ?? user.id.slice(0, 8)}</Link>
      ),
    },
    {
      title: t('profile.name'),
      dataIndex: 'username',
      key: 'username',
      render: (name: string | null) => <div style={LONG_TEXT}>{name ?? '—'}</div>,
    },
    {
      title: t('profile.phone'),
      dataIndex: 'phone',
      key: 'phone',
      render: (phone: string | null) => phone ?? '—',
      responsive: ['md'],
    },
    {
      title: t('admin.status'),
      key: 'status',
      render: (_value, user) => {
        const s = userStatus(user);
        return <Tag color={statusColour[s]}>{t(`admin.status.${s}`)}</Tag>;
      },
    },
    {
      title: t('profile.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (at: string) => formatDateTime(at, locale),
      responsive: ['lg'],
    },
  ];

  return (
    <Card
      title={t('admin.title')}
      extra={
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
          {t('admin.createUser')}
        </Button>
      }
    >
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('admin.search')}
          aria-label={t('admin.search')}
          onSearch={(value) => setQuery(value.trim())}
          style={{ maxWidth: 320 }}
        />
        <Segmented<StatusFilter>
          aria-label={t('admin.status')}
          value={status}
          onChange={setStatus}
          options={(['all', ...USER_STATUSES] as const).map((value) => ({
            value,
            label: t(`admin.status.${value}`),
          }))}
        />
      </Flex>
      <PagedTable
        query={trpc.admin.users.list.infiniteQueryOptions(
          { query: query || undefined, status: status === 'all' ? undefined : status, limit: 20 },
          cursorPaging,
        )}
        rowKey="id"
        columns={columns}
        renderActions={(user) => <UserActions user={user} />}
        emptyText={t('admin.noUsers')}
      />
    </Card>
  );
}
