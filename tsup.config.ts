import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'gm/index': 'src/gm/index.ts',
    // The `fieldshield` command (package.json bin); Node only.
    cli: 'src/cli/main.ts',
    // Node only: the PKCS#11 key provider, the one entry that loads a native addon.
    'pkcs11/index': 'src/pkcs11/index.ts',
    // The pino integration; pino is an optional peer dependency, never bundled.
    'pino/index': 'src/pino/index.ts',
    // ORM integrations and database migrations; typeorm and drizzle-orm are optional peer
    // dependencies, never bundled.
    'orm/typeorm': 'src/orm/typeorm.ts',
    'orm/drizzle': 'src/orm/drizzle.ts',
    'orm/index': 'src/orm/index.ts',
  },
  // The PKCS#11 binding is an optional peer dependency, imported lazily by the pkcs11 entry only.
  external: ['pkcs11js', 'pino', 'typeorm', 'drizzle-orm', /^drizzle-orm\//],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  treeshake: true,
});
