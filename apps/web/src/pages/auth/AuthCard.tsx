import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/** The frame of the signed-out screens: one narrow card, centred, that fits a 390 px phone. */
export function AuthCard({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: '24px 12px', background: '#f5f7fa' }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 420 }}>
        <LanguageSwitch />
      </Flex>
      <main style={{ width: '100%', maxWidth: 420, marginTop: '6vh' }}>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
        {footer ? (
          <Flex justify="space-between" wrap gap={8} style={{ marginTop: 16 }}>
            {footer}
          </Flex>
        ) : null}
      </main>
    </Flex>
  );
}
