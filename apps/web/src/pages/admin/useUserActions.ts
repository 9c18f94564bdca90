import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';

/** Disable/enable, role change and session revocation, each refreshing the admin views and reporting the outcome. */
export function useUserActions() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
  const onError = (error: unknown) => void message.error(describeError(error, t).message);

  const setDisabled = useMutation(
    trpc.admin.users.setDisabled.mutationOptions({
      onSuccess: (user) => {
        void message.success(t(user.disabledAt ? 'admin.disabled' : 'admin.enabled'));
        void refresh();
      },
      onError,
    }),
  );
  const setRole = useMutation(
    trpc.admin.users.setRole.mutationOptions({
      onSuccess: () => {
        void message.success(t('admin.roleChanged'));
        void refresh();
      },
      onError,
    }),
  );
  const revokeSessions = useMutation(
    trpc.admin.users.revokeSessions.mutationOptions({
      onSuccess: (result) => {
        void message.success(t('admin.revoked', { count: result.revokedSessions }));
        void refresh();
      },
      onError,
    }),
  );
  return { setDisabled, setRole, revokeSessions };
}
