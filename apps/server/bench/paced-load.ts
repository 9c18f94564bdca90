/**
 * An open-loop load at a steady rate, for latency under a given load. autocannon's `overallRate` sends each second's
 * quota in a burst when the second starts, so its percentiles measure the burst's queue, not the server. Here request i
 * is due at start + i / rate, evenly spaced, spread over a keep-alive pool of `connections` sockets, and its latency
 * counts from when it was due, so a stalled server cannot hide its stall by delaying the requests behind it
 * (no coordinated omission).
 */
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PacedLoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  ratePerSecond: number;
  durationSeconds: number;
}

export interface PacedLoadResult {
  requests: number;
  /** Non-2xx answers and failed requests. */
  errors: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function get(agent: Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const call = request(url, { agent, headers }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
      response.once('error', () => resolve(0));
    });
    call.once('error', () => resolve(0));
    call.end();
  });
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const url = new URL(options.url);
  const intervalMs = 1000 / options.ratePerSecond;
  const total = Math.round(options.ratePerSecond * options.durationSeconds);
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Array<Promise<void>> = [];
  const start = performance.now();
  for (let index = 0; index < total; index++) {
    const due = start + index * intervalMs;
    // Timers may fire a little early (libuv's clock is in whole ms): wait until it is due, never before.
    for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) await sleep(wait);
    inFlight.push(
      get(agent, url, options.headers).then((status) => {
        latencies.push(performance.now() - due);
        if (status < 200 || status >= 300) errors++;
      }),
    );
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: Math.round(latencies.length / elapsedSeconds),
    p50: round(percentile(latencies, 0.5)),
    p90: round(percentile(latencies, 0.9)),
    p99: round(percentile(latencies, 0.99)),
    max: round(latencies.at(-1) ?? Number.NaN),
  };
}
