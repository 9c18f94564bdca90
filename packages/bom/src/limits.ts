/** Caps that keep hostile workbooks from exhausting memory or time. Every entry point accepts overrides. */
export interface BomLimits {
  /** Size of the uploaded file. */
  maxInputBytes: number;
  /** Number of entries in the zip container. */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes of all entries. */
  maxTotalUncompressedBytes: number;
  /** Uncompressed size of one part the engine reads (a sheet, shared strings, styles). */
  maxPartBytes: number;
  /** Rows (of any kind) in the BOM sheet or the operations sheet. */
  maxRows: number;
  /** Designators named by all operations together, after ranges are expanded. */
  maxOpDesignators: number;
}

export const DEFAULT_LIMITS: BomLimits = {
  maxInputBytes: 50 * 1024 * 1024,
  maxEntries: 5000,
  maxTotalUncompressedBytes: 512 * 1024 * 1024,
  maxPartBytes: 128 * 1024 * 1024,
  maxRows: 200_000,
  maxOpDesignators: 2_000_000,
};

export function resolveLimits(overrides?: Partial<BomLimits>): BomLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
