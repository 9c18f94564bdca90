import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { send } from './http';
import { tokenIn, type PanelSession } from './session';

interface Credentials {
  account: string;
  password: string;
}

function errorMessage(body: unknown, status: number): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : `HTTP ${status}`;
}

/** Signs in with `auth.login`; its access token is then sent with every call of the panel. */
export function SignInForm({ session }: { session: PanelSession }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.token) {
    return (
      <Space>
        <Typography.Text data-testid="panel-signed-in">
          Signed in{session.account ? ` as ${session.account}` : ' (token)'}
        </Typography.Text>
        <Button
          onClick={async () => {
            // Ends the session on the server too (the refresh cookie auth.login set), then forgets the token.
            await send({
              method: 'POST',
              url: '/trpc/auth.logout',
              headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
              body: { kind: 'json', text: '{}' },
            }).catch(() => undefined);
            session.forget();
          }}
        >
          Sign out
        </Button>
      </Space>
    );
  }

  const signIn = async ({ account, password }: Credentials) => {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await send({
        method: 'POST',
        url: '/trpc/auth.login',
        headers: { 'content-type': 'application/json' },
        body: { kind: 'json', text: JSON.stringify({ account, password }) },
      });
      const signedIn = tokenIn(answer.body);
      if (signedIn) session.signIn(signedIn.token, signedIn.account ?? account);
      else setProblem(errorMessage(answer.body, answer.status));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space align="center" wrap>
      <Form<Credentials> layout="inline" onFinish={signIn} aria-label="Sign in">
        <Form.Item name="account" rules={[{ required: true, message: 'Account needed' }]} style={{ marginBottom: 0 }}>
          <Input placeholder="Account" aria-label="Account" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" rules={[{ required: true, message: 'Password needed' }]} style={{ marginBottom: 0 }}>
          <Input.Password placeholder="Password" aria-label="Password" autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          Sign in
        </Button>
      </Form>
      {problem && <Alert type="error" title={problem} showIcon role="alert" />}
    </Space>
  );
}
