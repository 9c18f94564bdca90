import { tracked } from '@trpc/server';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../../trpc';
import { followRunEvents, type StoredRunEvent } from './progress';
import {
  createRunInput,
  fileIdInput,
  listFilesInput,
  listRunsInput,
  progressInput,
  runIdInput,
  uploadInput,
} from './schemas';
import * as bom from './service';

async function* trackedRunEvents(events: AsyncIterable<StoredRunEvent>) {
  for await (const { id, event } of events) yield tracked(id, event);
}

const filesRouter = createTRPCRouter({
  /** multipart/form-data: `file` (the workbook) and `kind` ('bom' | 'ops'). */
  upload: protectedProcedure
    .input(uploadInput)
    .mutation(({ ctx, input }) => bom.uploadFile(ctx.deps, ctx.viewer, input, ctx.request)),

  get: protectedProcedure.input(fileIdInput).query(({ ctx, input }) => bom.getFile(ctx.deps, ctx.viewer, input.fileId)),

  /** My uploads, newest first (admins: everyone's, or one owner's), with how many runs use each. */
  list: protectedProcedure
    .input(listFilesInput)
    .query(({ ctx, input }) => bom.listFilesPage(ctx.deps, ctx.viewer, input)),

  /** Every row of an uploaded BOM with a material code: its code, level, row number and designators. */
  materialRows: protectedProcedure
    .input(fileIdInput)
    .query(({ ctx, input }) => bom.listFileMaterialRows(ctx.deps, ctx.viewer, input.fileId)),

  /** Deletes an upload (its bytes at once); runs that used it stay. CONFLICT while a queued or running run uses it. */
  delete: protectedProcedure
    .input(fileIdInput)
    .mutation(({ ctx, input }) => bom.deleteFile(ctx.deps, ctx.viewer, input.fileId, ctx.request)),

  /** A short-lived link to the file as uploaded (GET, no Authorization header needed). */
  downloadUrl: protectedProcedure
    .input(fileIdInput)
    .mutation(({ ctx, input }) => bom.issueFileDownload(ctx.deps, ctx.viewer, input.fileId)),
});

const runsRouter = createTRPCRouter({
  create: protectedProcedure
    .input(createRunInput)
    .mutation(({ ctx, input }) => bom.createRun(ctx.deps, ctx.viewer, input, ctx.request, ctx.locale)),

  /** Server-sent events: phase and percent until done or failed; resumes after `lastEventId`. */
  progress: protectedProcedure.input(progressInput).subscription(async ({ ctx, input, signal }) => {
    // Checked before the stream starts, so a refusal is a typed error (NOT_FOUND), not a failure mid-stream.
    const onIdle = await bom.progressSource(ctx.deps, ctx.viewer, input.runId);
    return trackedRunEvents(
      followRunEvents(ctx.deps.redis, input.runId, { lastEventId: input.lastEventId, signal, onIdle }),
    );
  }),

  get: protectedProcedure.input(runIdInput).query(({ ctx, input }) => bom.getRun(ctx.deps, ctx.viewer, input.runId)),

  list: protectedProcedure
    .input(listRunsInput)
    .query(({ ctx, input }) => bom.listRunsPage(ctx.deps, ctx.viewer, input)),

  delete: protectedProcedure
    .input(runIdInput)
    .mutation(({ ctx, input }) => bom.deleteRun(ctx.deps, ctx.viewer, input.runId, ctx.request)),

  /** A short-lived link to the result workbook, named `<original>-新BOM.xlsx`. */
  downloadUrl: protectedProcedure
    .input(runIdInput)
    .mutation(({ ctx, input }) => bom.issueResultDownload(ctx.deps, ctx.viewer, input.runId)),
});

export const bomRouter = createTRPCRouter({
  /** The blank template workbook (原表 + 操作指示表 + instructions), base64-encoded. */
  template: publicProcedure.query(() => bom.getTemplate()),
  files: filesRouter,
  runs: runsRouter,
});
