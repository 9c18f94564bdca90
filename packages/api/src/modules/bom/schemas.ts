import { z } from 'zod';
import { opRowsSchema } from '@arya/bom';
import { BOM_FILE_KINDS, BOM_RUN_STATUSES } from '@arya/validators/enums';
import { multipartInput } from '../../lib/multipart';

export const fileKind = z.enum(BOM_FILE_KINDS, { error: 'must be "bom" or "ops"' });

export const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `bom.files.upload` takes multipart/form-data (tRPC's non-JSON input) with these fields. The file stays a `File` (a
 * Blob); its bytes are read once the size has been checked.
 */
export const uploadFields = z.object({
  file: z
    .instanceof(Blob, { error: 'attach the workbook as the "file" field' })
    .meta({ description: 'The workbook (.xlsx).', type: 'string', format: 'binary', contentMediaType: xlsxMediaType }),
  kind: fileKind
    .default('bom')
    .describe('"bom" for a BOM workbook, "ops" for an operations workbook (its first sheet).'),
});

export const uploadInput = multipartInput(uploadFields, ({ file, kind }) => ({
  kind,
  file,
  name: file instanceof File ? file.name : 'workbook.xlsx',
}));

export const fileIdInput = z.object({ fileId: z.uuid().describe("An uploaded file's id (from `bom.files.upload`).") });

export const createRunInput = z.object({
  bomFileId: z.uuid().describe('The uploaded BOM workbook to change.'),
  opsFileId: z.uuid().optional().describe('An uploaded operations workbook (its first sheet).'),
  ops: opRowsSchema
    .optional()
    .describe(
      "Operations entered online. Without this and without `opsFileId`, the BOM workbook's 操作指示表 is used.",
    ),
});

export const dryRunInput = z.object({
  bomFileId: z.uuid().describe('The uploaded BOM workbook the run would change.'),
  opsFileId: z.uuid().describe('The uploaded operations workbook (its first sheet) the run would apply.'),
});

/** Rows a `bom.files.materialRows` page holds at most (about 0.5 MB of JSON). */
export const MATERIAL_ROWS_PAGE_MAX = 5000;
/** The largest row number: `bom_material_uses.row_number` is a Postgres integer, so a larger cursor cannot be one. */
const ROW_NUMBER_MAX = 2_147_483_647;

export const materialRowsInput = z.object({
  fileId: z.uuid().describe("An uploaded BOM's id (from `bom.files.upload`)."),
  cursor: z
    .number()
    .int()
    .min(0)
    .max(ROW_NUMBER_MAX, { error: `a row number, at most ${ROW_NUMBER_MAX}: pass nextCursor of the previous page` })
    .optional()
    .describe('`nextCursor` of the previous page (the last row number it held); omit for the first page.'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MATERIAL_ROWS_PAGE_MAX, { error: `at most ${MATERIAL_ROWS_PAGE_MAX} rows per page` })
    .default(MATERIAL_ROWS_PAGE_MAX)
    .describe(`Rows per page (1–${MATERIAL_ROWS_PAGE_MAX}, default ${MATERIAL_ROWS_PAGE_MAX}).`),
});

export const runIdInput = z.object({ runId: z.uuid().describe("The run's id (from `bom.runs.create`).") });

export const progressInput = z.object({
  runId: z.uuid().describe('The run to follow.'),
  lastEventId: z
    .string()
    .max(100)
    .nullish()
    .describe('Set by the SSE client when it reconnects: events after this one are sent.'),
});

const pageCursor = z
  .string()
  .max(200)
  .optional()
  .describe('`nextCursor` of the previous page; omit for the first page.');
const pageLimit = z.number().int().min(1).max(100).default(20).describe('Items per page (1–100).');

export const listFilesInput = z.object({
  ownerId: z.uuid().optional().describe("Admins only: one owner's uploads (without it admins see everyone's)."),
  kind: fileKind.optional().describe('Only uploads of this kind.'),
  fileId: z.uuid().optional().describe('Only this upload (a link to one entry of the list).'),
  cursor: pageCursor,
  limit: pageLimit,
});

export const listRunsInput = z.object({
  ownerId: z.uuid().optional().describe("Admins only: one owner's runs (without it admins see everyone's)."),
  status: z.enum(BOM_RUN_STATUSES).optional().describe('Only runs in this state.'),
  fileId: z.uuid().optional().describe('Only runs that used this upload (as their BOM or operations workbook).'),
  cursor: pageCursor,
  limit: pageLimit,
});

export const compareFilesInput = z.object({
  oldFileId: z.uuid().describe('The older BOM upload.'),
  newFileId: z.uuid().describe('The newer BOM upload.'),
  sheet: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'Compare this sheet of both workbooks (default: 新BOM表 when there is one, else 原表 or the first sheet).',
    ),
});

export const whereUsedInput = z.object({
  materialCode: z
    .string()
    .trim()
    .min(1, { error: 'enter a material code' })
    .max(100)
    .describe('The material code (物料编码) as it is written in the BOM; numbers without decimals.'),
});
