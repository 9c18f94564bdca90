import { randomBytes } from 'node:crypto';
import { buildTemplate } from '@arya/bom';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { inCompareSlot } from './compare-slots';
import { openComparisonDownload, parseComparisonTarget, type ComparisonTarget } from './comparison-source';
import { engineLimits } from './engine-limits';
import { resultFileName, XLSX_CONTENT_TYPE } from './file-bytes';
import { findLiveFile, readFileBytes } from './files-repo';
import { requireVisibleFile } from './files-service';
import { downloadTicketKey } from './keys';
import { findLiveRun, readRunResult } from './runs-repo';
import { requireVisibleRun } from './runs-service';
import type { Viewer } from './viewer';

export function getTemplate() {
  return {
    fileName: 'BOM模板.xlsx',
    contentType: XLSX_CONTENT_TYPE,
    base64: Buffer.from(buildTemplate()).toString('base64'),
  };
}

type DownloadTarget =
  | { kind: 'result'; runId: string }
  | { kind: 'file'; fileId: string }
  /** `userId`: who asked for the link; opening it takes one of their comparison slots. */
  | { kind: 'comparison'; target: ComparisonTarget; userId: string };

export async function issueTicket(
  deps: Pick<ApiDeps, 'redis' | 'config' | 'clock'>,
  target: DownloadTarget,
  fileName: string,
) {
  const ticket = randomBytes(32).toString('base64url');
  const ttl = deps.config.BOM_DOWNLOAD_TTL_SECONDS;
  await deps.redis.set(downloadTicketKey(ticket), JSON.stringify(target), 'EX', ttl);
  return {
    url: `/files/${ticket}`,
    fileName,
    expiresAt: new Date(deps.clock.now().getTime() + ttl * 1000).toISOString(),
  };
}

/** A short-lived link to the run's result workbook, for a plain browser GET (which cannot send the access token). */
export async function issueResultDownload(
  deps: Pick<ApiDeps, 'db' | 'redis' | 'config' | 'clock'>,
  viewer: Viewer,
  runId: string,
) {
  const run = await requireVisibleRun(deps, viewer, runId);
  if (run.status !== 'done') throw new AppError('CONFLICT', 'bom.runNotFinished', { status: run.status });
  return issueTicket(deps, { kind: 'result', runId }, resultFileName(run.bom_file_name));
}

/** A short-lived link to an uploaded workbook, as uploaded. */
export async function issueFileDownload(
  deps: Pick<ApiDeps, 'db' | 'redis' | 'config' | 'clock'>,
  viewer: Viewer,
  fileId: string,
) {
  const file = await requireVisibleFile(deps, viewer, fileId);
  return issueTicket(deps, { kind: 'file', fileId }, file.name);
}

export interface Download {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

function parseTarget(json: string): DownloadTarget | null {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) return null;
  const target = value as Record<string, unknown>;
  if (target['kind'] === 'result' && typeof target['runId'] === 'string')
    return { kind: 'result', runId: target['runId'] };
  if (target['kind'] === 'file' && typeof target['fileId'] === 'string')
    return { kind: 'file', fileId: target['fileId'] };
  if (target['kind'] === 'comparison' && typeof target['userId'] === 'string') {
    const comparison = parseComparisonTarget(target['target']);
    return comparison ? { kind: 'comparison', target: comparison, userId: target['userId'] } : null;
  }
  return null;
}

/**
 * What a download link gives, or null when the link is unknown, expired, or its run or file was deleted since. The
 * ticket may be used again until it expires (browsers and download managers retry). A comparison link is made when
 * opened, in one of its requester's comparison slots: with all of them taken it throws TOO_MANY_REQUESTS
 * (`bom.tooManyCompares`).
 */
export async function openDownload(
  deps: Pick<ApiDeps, 'db' | 'redis' | 'config' | 'bomPool' | 'bomCompares'>,
  ticket: string,
): Promise<Download | null> {
  if (!/^[\w-]{43}$/.test(ticket)) return null;
  const json = await deps.redis.get(downloadTicketKey(ticket));
  const target = json ? parseTarget(json) : null;
  if (!target) return null;
  if (target.kind === 'comparison') {
    // made when the link is opened, in the worker pool, from what is stored now
    const made = await inCompareSlot(deps, target.userId, () =>
      openComparisonDownload(deps, target.target, engineLimits(deps.config)),
    );
    return made && { ...made, contentType: XLSX_CONTENT_TYPE };
  }
  if (target.kind === 'result') {
    const run = await findLiveRun(deps.db, target.runId);
    const bytes = run ? await readRunResult(deps.db, target.runId) : null;
    if (!run || !bytes) return null;
    return { fileName: resultFileName(run.bom_file_name), contentType: XLSX_CONTENT_TYPE, bytes };
  }
  const file = await findLiveFile(deps.db, target.fileId);
  const bytes = file ? await readFileBytes(deps.db, target.fileId) : undefined;
  if (!file || !bytes) return null;
  return { fileName: file.name, contentType: XLSX_CONTENT_TYPE, bytes };
}
