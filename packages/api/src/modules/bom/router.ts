import { tracked } from '@trpc/server';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../../trpc';
import * as compare from './compare';
import * as downloads from './downloads-service';
import { dryRunFiles } from './dry-run';
import * as files from './files-service';
import { followRunEvents, type StoredRunEvent } from './progress';
import * as runs from './runs-service';
import {
  compareFilesInput,
  createRunInput,
  dryRunInput,
  fileIdInput,
  listFilesInput,
  listRunsInput,
  MATERIAL_ROWS_PAGE_MAX,
  materialRowsInput,
  progressInput,
  runIdInput,
  uploadInput,
  whereUsedInput,
} from './schemas';
import { findWhereUsed } from './where-used';

async function* trackedRunEvents(events: AsyncIterable<StoredRunEvent>) {
  for await (const { id, event } of events) yield tracked(id, event);
}

const filesRouter = createTRPCRouter({
  upload: protectedProcedure
    .meta({
      description:
        'Uploads a workbook as multipart/form-data (`file`, `kind`); the same bytes uploaded again return the stored ' +
        'file. TOO_MANY_REQUESTS while the caller already has BOM_MAX_UPLOADS_PER_USER uploads in progress.',
    })
    .input(uploadInput)
    .mutation(({ ctx, input }) => files.uploadFile(ctx.deps, ctx.viewer, input, ctx.request)),

  get: protectedProcedure
    .meta({ description: 'One upload: name, kind, size and what the workbook holds (sheets, rows, preview).' })
    .input(fileIdInput)
    .query(({ ctx, input }) => files.getFile(ctx.deps, ctx.viewer, input.fileId)),

  list: protectedProcedure
    .meta({
      description: "Your uploads, newest first (admins: everyone's, or one owner's), with how many runs use each.",
    })
    .input(listFilesInput)
    .query(({ ctx, input }) => files.listFilesPage(ctx.deps, ctx.viewer, input)),

  materialRows: protectedProcedure
    .meta({
      description:
        'The rows of an uploaded BOM with a material code (code, level, row number, designators), in sheet order, ' +
        `up to ${MATERIAL_ROWS_PAGE_MAX} per page; \`nextCursor\` gives the next page. TOO_MANY_REQUESTS while the ` +
        'caller already has BOM_MAX_MATERIAL_ROWS_PER_USER pages in progress.',
    })
    .input(materialRowsInput)
    .query(({ ctx, input }) => files.listFileMaterialRows(ctx.deps, ctx.viewer, input)),

  dryRun: protectedProcedure
    .meta({
      description:
        'An uploaded operations workbook checked against an uploaded BOM as a run would apply it, nothing written: ' +
        'its op warnings and every op the run will skip (invalid, not_found, ambiguous), as `inspect.ops` gives ' +
        "them for a BOM's own 操作指示表. TOO_MANY_REQUESTS while the caller already has BOM_MAX_DRY_RUNS_PER_USER " +
        'checks in progress.',
    })
    .input(dryRunInput)
    .query(({ ctx, input }) => dryRunFiles(ctx.deps, ctx.viewer, input)),

  delete: protectedProcedure
    .meta({
      description:
        'Deletes an upload (its bytes at once); runs that used it stay. CONFLICT while a queued or running run uses ' +
        'it.',
    })
    .input(fileIdInput)
    .mutation(({ ctx, input }) => files.deleteFile(ctx.deps, ctx.viewer, input.fileId, ctx.request)),

  downloadUrl: protectedProcedure
    .meta({ description: 'A short-lived link to the file as uploaded (GET, no Authorization header needed).' })
    .input(fileIdInput)
    .mutation(({ ctx, input }) => downloads.issueFileDownload(ctx.deps, ctx.viewer, input.fileId)),
});

const runsRouter = createTRPCRouter({
  create: protectedProcedure
    .meta({
      description:
        'Queues a run applying operations to an uploaded BOM; returns at once (follow `bom.runs.progress`). ' +
        'TOO_MANY_REQUESTS while the caller already has BOM_MAX_QUEUED_PER_USER runs waiting.',
    })
    .input(createRunInput)
    .mutation(({ ctx, input }) => runs.createRun(ctx.deps, ctx.viewer, input, ctx.request, ctx.locale)),

  progress: protectedProcedure
    .meta({ description: 'Server-sent events: phase and percent until done or failed; resumes after `lastEventId`.' })
    .input(progressInput)
    .subscription(async ({ ctx, input, signal }) => {
      // Checked before the stream starts, so a refusal is a typed error (NOT_FOUND), not a failure mid-stream.
      const onIdle = await runs.progressSource(ctx.deps, ctx.viewer, input.runId);
      return trackedRunEvents(
        followRunEvents(ctx.deps, input.runId, { lastEventId: input.lastEventId, signal, onIdle }),
      );
    }),

  get: protectedProcedure
    .meta({ description: 'One run: its status, inputs and, once done, its summary and changes.' })
    .input(runIdInput)
    .query(({ ctx, input }) => runs.getRun(ctx.deps, ctx.viewer, input.runId)),

  list: protectedProcedure
    .meta({ description: "Your runs, newest first (admins: everyone's, or one owner's)." })
    .input(listRunsInput)
    .query(({ ctx, input }) => runs.listRunsPage(ctx.deps, ctx.viewer, input)),

  delete: protectedProcedure
    .meta({ description: 'Deletes a run and its result; CONFLICT while it is running.' })
    .input(runIdInput)
    .mutation(({ ctx, input }) => runs.deleteRun(ctx.deps, ctx.viewer, input.runId, ctx.request)),

  downloadUrl: protectedProcedure
    .meta({ description: 'A short-lived link to the result workbook, named `<original>-新BOM.xlsx`.' })
    .input(runIdInput)
    .mutation(({ ctx, input }) => downloads.issueResultDownload(ctx.deps, ctx.viewer, input.runId)),

  compare: protectedProcedure
    .meta({
      description:
        "A done run's input (the sheet it read) compared with its result (新BOM表): `{ summary, rows, moves }` as " +
        '`bom.compare`.',
    })
    .input(runIdInput)
    .query(({ ctx, input }) => compare.compareRun(ctx.deps, ctx.viewer, input.runId)),

  compareDownloadUrl: protectedProcedure
    .meta({ description: "A short-lived link to the diff workbook of the run's input against its result." })
    .input(runIdInput)
    .mutation(({ ctx, input }) => compare.issueRunComparisonDownload(ctx.deps, ctx.viewer, input.runId)),
});

export const bomRouter = createTRPCRouter({
  template: publicProcedure
    .meta({ description: 'The blank template workbook (原表 + 操作指示表 + instructions), base64-encoded.' })
    .query(() => downloads.getTemplate()),
  files: filesRouter,
  runs: runsRouter,

  compare: protectedProcedure
    .meta({
      description:
        'Two BOM uploads compared by (级别, 物料编码): `{ summary, rows, moves }` — every added, removed and changed row ' +
        'in the new order, and the designators that moved from one material to another.',
    })
    .input(compareFilesInput)
    .query(({ ctx, input }) => compare.compareFiles(ctx.deps, ctx.viewer, input)),

  compareDownloadUrl: protectedProcedure
    .meta({ description: 'A short-lived link to the diff workbook (对比摘要 + 对比明细) of two BOM uploads.' })
    .input(compareFilesInput)
    .mutation(({ ctx, input }) => compare.issueFilesComparisonDownload(ctx.deps, ctx.viewer, input)),

  whereUsed: protectedProcedure
    .meta({
      description:
        'Every BOM upload you can see (admins: all) that uses the material code, newest first, with each occurrence ' +
        '(row, level, quantity, designators) and the runs made from it.',
    })
    .input(whereUsedInput)
    .query(({ ctx, input }) => findWhereUsed(ctx.deps, ctx.viewer, input.materialCode)),
});
