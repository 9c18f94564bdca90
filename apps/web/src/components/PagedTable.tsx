import {
  useInfiniteQuery,
  type InfiniteData,
  type QueryKey,
  type UseInfiniteQueryOptions,
} from '@tanstack/react-query';
import { Button, Flex, Grid, Table, type TableColumnsType } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
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

/**
 * A name in a list column (a file, a person): wraps (anywhere, as such names have few spaces) past 240 px, on a phone
 * past 40% of the screen, rather than widen the table until the pinned actions cover the other columns.
 */
export const LONG_TEXT: CSSProperties = { maxWidth: 'min(240px, 40vw)', minWidth: 120, overflowWrap: 'anywhere' };

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
 *
 * `renderActions` become the last column, pinned to the table's right edge: the other columns scroll sideways under it,
 * so every row's buttons stay on screen however wide the data (a phone, or an admin's extra Owner column). On a
 * phone the buttons stack, which keeps the pinned column narrow enough to leave room for the data.
 */
/**
 * The row actions column of any list table, `renderActions` pinned to the table's right edge: the other columns scroll
 * sideways under it, so every row's buttons stay on screen however wide the data (a phone, or an admin's extra Owner
 * column). On a phone the buttons stack, which keeps the pinned column narrow enough to leave room for the data.
 */
export function useActionsColumn<Row extends object>(
  renderActions: (row: Row) => ReactNode,
): TableColumnsType<Row>[number] {
  const { t } = useI18n();
  const stacked = !(Grid.useBreakpoint().sm ?? true);
  return {
    title: t('admin.actions'),
    key: 'actions',
    fixed: 'right',
    render: (_value, row) => (
      <Flex data-testid="row-actions" vertical={stacked} align={stacked ? 'flex-start' : 'center'} gap={8}>
        {renderActions(row)}
      </Flex>
    ),
  };
}

const NO_ACTIONS = () => null;

/**
 * A table over a cursor-paged list procedure: the first page, then "load more" while there is a next cursor, with the
 * server's message (and a retry) when a page fails. Pass the procedure's
 * `infiniteQueryOptions(input, cursorPaging)`; a new input (a filter) starts again from the first page.
 * `renderActions` become the last column (`useActionsColumn`).
 */
export function PagedTable<Row extends object, TError, TKey extends QueryKey, TCursor>({
  query,
  rowKey,
  columns,
  renderActions,
  emptyText,
}: {
  query: PagedQuery<Row, TError, TKey, TCursor>;
  rowKey: keyof Row & string;
  columns: TableColumnsType<Row>;
  renderActions?: (row: Row) => ReactNode;
  emptyText: ReactNode;
}) {
  const { t } = useI18n();
  const actions = useActionsColumn<Row>(renderActions ?? NO_ACTIONS);
  const pages = useInfiniteQuery(query);
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const allColumns: TableColumnsType<Row> = renderActions ? [...columns, actions] : columns;
  return (
    <>
      {pages.error ? <ErrorAlert error={pages.error} onRetry={() => void pages.refetch()} /> : null}
      <Table<Row>
        rowKey={rowKey}
        size="small"
        columns={allColumns}
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
