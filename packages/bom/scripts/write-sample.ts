/**
 * Writes the sample BOM workbook the README's "First steps" use: `pnpm --filter @arya/bom sample` →
 * `examples/sample-bom.xlsx`. Generated (deterministic seed), so it holds no real product data: 40 rows shaped like an
 * SAP export, with its own 操作指示表 sheet of 6 operations.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBomWorkbook } from '../src/fixtures';

const target = join(import.meta.dirname, '..', '..', '..', 'examples', 'sample-bom.xlsx');
writeFileSync(target, generateBomWorkbook({ rows: 40, opsCount: 6, seed: 2026 }).bom);
console.log(`wrote ${target}`);
