// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The dependency rule of docs/ARCHITECTURE.md, enforced here:
 *   kernel <- geodesy <- estimation <- reconstruction; statistics and identification need only kernel/geodesy.
 *   PURE modules never touch infra/api/cli/web, the file system, the network or a database client.
 *   evidence/cases/tracing/reports use ports, never infra. web imports only contract and kernel.
 */
const io = ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:net', 'net', 'node:http', 'node:child_process'];
const dbClients = ['better-sqlite3', 'pg', 'kysely', 'kysely/*'];
const layer = (name) => [`**/${name}`, `**/${name}/**`, `../${name}/*`];
const outer = [...layer('infra'), ...layer('api'), ...layer('cli'), ...layer('web')];
const services = [...layer('evidence'), ...layer('cases'), ...layer('tracing'), ...layer('reports')];

/** @param {string[]} groups @param {string} why */
const forbid = (groups, why) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message: why }] }],
});
const pure = 'PURE module: no I/O, database, clock or outer layer (docs/ARCHITECTURE.md).';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'src/web/dist/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'bench/*.js', 'bench/*.mjs'] },
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // With noUncheckedIndexedAccess, `xs[i]!` after a bounds check is the idiom of numerical loops; the
      // assertion is reviewed like any other claim rather than banned.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
  },
  {
    files: ['src/kernel/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      [
        ...io,
        ...dbClients,
        ...outer,
        ...services,
        ...['geodesy', 'estimation', 'reconstruction', 'identification', 'statistics', 'contract'].flatMap(
          layer,
        ),
      ],
      'kernel depends on nothing.',
    ),
  },
  {
    files: ['src/geodesy/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      [
        ...io,
        ...dbClients,
        ...outer,
        ...services,
        ...['estimation', 'reconstruction', 'identification', 'statistics'].flatMap(layer),
      ],
      pure,
    ),
  },
  {
    files: ['src/estimation/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      [
        ...io,
        ...dbClients,
        ...outer,
        ...services,
        ...['reconstruction', 'identification', 'statistics'].flatMap(layer),
      ],
      pure,
    ),
  },
  {
    files: ['src/reconstruction/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid([...io, ...dbClients, ...outer, ...services, ...layer('identification')], pure),
  },
  {
    files: ['src/statistics/**/*.ts', 'src/identification/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      [...io, ...dbClients, ...outer, ...services, ...['estimation', 'reconstruction'].flatMap(layer)],
      pure,
    ),
  },
  {
    files: ['src/evidence/**/*.ts', 'src/cases/**/*.ts', 'src/tracing/**/*.ts', 'src/reports/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      [...io, ...dbClients, ...outer],
      'Feature modules reach storage and the world through their ports, never infra.',
    ),
  },
  {
    files: ['src/contract/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid([...io, ...dbClients, ...outer, ...services], 'contract holds schemas only.'),
  },
  {
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    rules: forbid(
      [
        ...io,
        ...dbClients,
        ...layer('infra'),
        ...layer('api'),
        ...layer('cli'),
        ...services,
        ...['geodesy', 'estimation', 'reconstruction', 'identification', 'statistics'].flatMap(layer),
      ],
      'web imports only contract and kernel.',
    ),
  },
);
