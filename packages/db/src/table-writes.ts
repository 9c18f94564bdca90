import {
  AliasNode,
  TableNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

function tableName(node: OperationNode | undefined): string | undefined {
  if (node && AliasNode.is(node)) return tableName(node.node);
  return node && TableNode.is(node) ? node.table.identifier.name : undefined;
}

/**
 * The tables an UPDATE, DELETE or MERGE writes to (INSERTs are not reported: nothing cached can be stale from them).
 */
function writtenTables(node: RootOperationNode): string[] {
  switch (node.kind) {
    case 'UpdateQueryNode':
      return [tableName(node.table)].filter((name) => name !== undefined);
    case 'DeleteQueryNode':
      return node.from.froms.map(tableName).filter((name) => name !== undefined);
    case 'MergeQueryNode':
      return [tableName(node.into)].filter((name) => name !== undefined);
    default:
      return [];
  }
}

/**
 * Calls `onWrite` after each UPDATE/DELETE/MERGE this Kysely instance runs on one of `tables` (inside a transaction:
 * before its commit), so an in-process cache of those rows never serves this process's own old values.
 */
export function onTableWrites(tables: readonly string[], onWrite: () => void): KyselyPlugin {
  const watched = new Set(tables);
  const writes = new WeakSet<object>();
  return {
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      if (writtenTables(node).some((table) => watched.has(table))) writes.add(queryId);
      return node;
    },
    async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      if (writes.has(queryId)) onWrite();
      return result;
    },
  };
}
