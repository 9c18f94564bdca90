import { z } from 'zod';

/**
 * An operation as entered online (the same columns as the 操作指示表, BOM行 included). Its own module so that
 * what does not validate online input (the CLI bundle) does not load zod.
 */
export const opRowSchema = z.object({
  level: z.union([z.number(), z.string().max(20)]).nullish(),
  materialCode: z.union([z.string().max(200), z.number()]),
  op: z.string().max(50),
  designators: z.string().max(100_000),
  bomRow: z.union([z.number(), z.string().max(20)]).nullish(),
});
export type OpRow = z.infer<typeof opRowSchema>;

export const opRowsSchema = z.array(opRowSchema).max(20_000);
