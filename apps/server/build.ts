/**
 * `pnpm build`: the production bundle in `dist/` — `main.js` (the server), `admin-create.js`, `migrate.js`, workers.
 */
import { join } from 'node:path';
import { bundleServer } from './bundle';

const here = import.meta.dirname;
const dist = join(here, 'dist');
await bundleServer({
  outdir: dist,
  entryPoints: {
    main: join(here, 'src/main.ts'),
    'admin-create': join(here, 'src/cli/admin-create.ts'),
    migrate: join(here, 'src/cli/migrate.ts'),
  },
});
console.log(`built ${dist}`);
