// Vitest 5's reporter calls `Map.groupBy` (Node >= 21) when printing failures; on Node 20 it crashes and hides the real
// error. Called from vitest.config.ts (which runs in the reporter's process), hence plain JavaScript.
export function installNode20Polyfills() {
  if (typeof Map.groupBy === 'function') return;
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value(items, keySelector) {
      const groups = new Map();
      let index = 0;
      for (const item of items) {
        const key = keySelector(item, index++);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      return groups;
    },
  });
}
