import {
  useInfiniteQuery,
  type InfiniteData,
  type QueryKey,
  type UseInfiniteQueryOptions,
} from '@tanstack/react-query';
import { Button, Flex, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ErrorAlert } from './ErrorAlert';

/** A page of a keyset-paged list, as every `*.list` procedure returns it (`keysetPage` in packages/api). */
export interface CursorPage<Row> {
  items: Row[];
  nextCursor: string | null;
}

/** The paging half of `infiniteQueryOptions(input, cursorPaging)`: the next page starts where the last one ended. */
export const cursorPaging = {
  getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor ?? undefined,
};

type PagedQuery<Row, TError, TKey extends QueryKey, TCursor> = UseInfiniteQueryOptions<
  CursorPage<Row>,
  TError,
  InfiniteData<CursorPage<Row>, TCursor>,
  TKey,
  TCursor
>;

/**
 * A table over a cursor-paged list procedure: the first page, then "load more" while there is a next cursor, with the
 * server's message (and a retry) when a page fails. Pass the procedure's
 * `infiniteQueryOptions(input, cursorPaging)`; a new input (a filter) starts again from the first page.
 */
export function PagedTable<Row extends object, TError, TKey extends QueryKey, TCursor>({
  query,
  rowKey,
  columns,
  emptyText,
}: {
  query: PagedQuery<Row, TError, TKey, TCursor>;
  rowKey: keyof Row & string;
  columns: TableColumnsType<Row>;
  emptyText: ReactNode;
}) {
  const { t } = useI18n();
  const pages = useInfiniteQuery(query);
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      {pages.error ? <ErrorAlert error={pages.error} onRetry={() => void pages.refetch()} /> : null}
      <Table<Row>
        rowKey={rowKey}
        size="small"
        columns={columns}
        dataSource={rows}
        loading={pages.isPending}
        pagination={false}
        locale={{ emptyText }}
        scroll={{ x: 'max-content' }}
      />
      {pages.hasNextPage ? (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
            {t('admin.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </>
  );
}
