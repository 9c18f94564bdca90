/** Adds `Map.groupBy` where Node lacks it (Node 20), for vitest's reporter. */
export declare function installNode20Polyfills(): void;
