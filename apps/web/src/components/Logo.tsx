import { Flex, Typography } from 'antd';

/** The mark (the same drawing as the favicon) and the name. */
export function Logo({ name }: { name: string }) {
  return (
    <Flex align="center" gap={10}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {name}
      </Typography.Title>
    </Flex>
  );
}
