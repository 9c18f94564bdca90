import { z } from 'zod';

/**
 * An operation as entered online (the same columns as the 操作指示表, BOM行 included). Its own module so that
 * what does not validate online input (the CLI bundle) does not load zod.
 */
export const opRowSchema = z.object({
  level: z
    .union([z.number(), z.string().max(20)])
    .nullish()
    .describe('BOM level (层级) of the material; when given, only rows of this level match.'),
  materialCode: z.union([z.string().max(200), z.number()]).describe('Material code (物料编码) the operation changes.'),
  op: z.string().max(50).describe('add / 增加 / 新增 adds the designators; del / delete / 删除 / remove removes them.'),
  designators: z.string().max(100_000).describe('Designators (位号), e.g. "R1,R3-R5".'),
  bomRow: z
    .union([z.number(), z.string().max(20)])
    .nullish()
    .describe('Pins the operation to this BOM row number; empty for any row with the material code.'),
});
export type OpRow = z.infer<typeof opRowSchema>;

export const opRowsSchema = z.array(opRowSchema).max(20_000).describe('Operations, one per row (at most 20,000).');
