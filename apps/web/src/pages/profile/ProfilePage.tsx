import { useQuery } from '@tanstack/react-query';
import { Flex, Skeleton } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTRPC } from '../../lib/trpc';
import { BindPhoneCard } from './BindPhoneCard';
import { ChangePasswordCard } from './ChangePasswordCard';
import { ProfileDetails } from './ProfileDetails';
import { SessionsCard } from './SessionsCard';
import { SetPasswordBySmsCard } from './SetPasswordBySmsCard';

export default function ProfilePage() {
  const trpc = useTRPC();
  const me = useQuery(trpc.user.me.queryOptions());

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      {me.isPending ? <Skeleton active /> : null}
      {me.error ? <ErrorAlert error={me.error} onRetry={() => void me.refetch()} /> : null}
      {me.data ? <ProfileDetails me={me.data} /> : null}
      {me.data && !me.data.hasPassword && me.data.phone ? <SetPasswordBySmsCard phone={me.data.phone} /> : null}
      {me.data?.hasPassword ? <ChangePasswordCard /> : null}
      {me.data ? <BindPhoneCard phone={me.data.phone} hasPassword={me.data.hasPassword} /> : null}
      <SessionsCard />
    </Flex>
  );
}
