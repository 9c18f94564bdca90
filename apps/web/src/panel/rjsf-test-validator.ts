// @rjsf/core 6.11 imports @rjsf/validator-ajv8 — only its devDependency — in `getTestRegistry`, a test helper the panel
// never calls. The Vite configs point that import here, so the build resolves it without bundling Ajv.
export { zodValidator as default } from './zod-validator';
