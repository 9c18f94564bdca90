import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Response compression (brotli at quality 4, or gzip) for what is worth it: large JSON answers (a run's diff and
 * change log, a BOM's material rows) and the web UI's scripts and styles. Answers under 1 KiB (nearly every API call)
 * go as they are; server-sent events are never compressed (a compressing stream would hold events back), nor are
 * workbooks (already zip-compressed).
 */
export const compressionPlugin = fp(
  async (app: FastifyInstance) => {
    // Request bodies are never compressed by Arya's clients; decompressing them would only widen what a body can be.
    await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'], globalDecompression: false });
  },
  { name: 'arya-compression' },
);
