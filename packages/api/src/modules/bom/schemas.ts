import { z } from 'zod';
import { opRowsSchema } from '@arya/bom';

export const fileKind = z.enum(['bom', 'ops']);

/**
 * `bom.files.upload` takes multipart/form-data (tRPC's non-JSON input): a `file` field with the workbook and a `kind`
 * field. The file stays a `File` (a Blob) here; its bytes are read once the size has been checked.
 */
export const uploadInput = z.instanceof(FormData).transform((form, ctx) => {
  const file = form.get('file');
  const kind = fileKind.safeParse(form.get('kind') ?? 'bom');
  if (!(file instanceof Blob)) {
    ctx.addIssue({ code: 'custom', path: ['file'], message: 'attach the workbook as the "file" field' });
    return z.NEVER;
  }
  if (!kind.success) {
    ctx.addIssue({ code: 'custom', path: ['kind'], message: 'must be "bom" or "ops"' });
    return z.NEVER;
  }
  return { kind: kind.data, file, name: file instanceof File ? file.name : 'workbook.xlsx' };
});

export const fileIdInput = z.object({ fileId: z.uuid() });

export const createRunInput = z.object({
  bomFileId: z.uuid(),
  /** An uploaded operations workbook (its first sheet). */
  opsFileId: z.uuid().optional(),
  /** Operations entered online. Without this and without `opsFileId`, the BOM workbook's own 操作指示表 is used. */
  ops: opRowsSchema.optional(),
});

export const runIdInput = z.object({ runId: z.uuid() });

export const progressInput = z.object({
  runId: z.uuid(),
  /** Set by the SSE client when it reconnects: events after this one are sent. */
  lastEventId: z.string().max(100).nullish(),
});

export const listFilesInput = z.object({
  /** Admins only: one owner's uploads (without it admins see everyone's). */
  ownerId: z.uuid().optional(),
  kind: z.enum(['bom', 'ops']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const listRunsInput = z.object({
  /** Admins only: one owner's runs (without it admins see everyone's). */
  ownerId: z.uuid().optional(),
  status: z.enum(['queued', 'running', 'done', 'failed']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
