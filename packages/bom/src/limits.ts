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
  /** Designators named by all rows of the BOM sheet together (位号 and the A/B面 cells). */
  maxBomDesignators: number;
}

export const DEFAULT_LIMITS: BomLimits = {
  maxInputBytes: 50 * 1024 * 1024,
  maxEntries: 5000,
  maxTotalUncompressedBytes: 512 * 1024 * 1024,
  maxPartBytes: 128 * 1024 * 1024,
  maxRows: 200_000,
  maxOpDesignators: 2_000_000,
  // A shared string can name thousands on every row: 2,000 rows naming one list of 5,000 held 1 GB for a 40 KB upload.
  maxBomDesignators: 5_000_000,
};

export function resolveLimits(overrides?: Partial<BomLimits>): BomLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
