import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

// The folder table of ARCHITECTURE.md as lint rules: a wrong import fails `npm run lint`
// instead of waiting for a reviewer to notice it.

const ROOT = import.meta.dirname;
const TS = '**/*.{ts,tsx}';
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

// Read from the tree, so a feature added tomorrow is fenced in without touching this file.
const FEATURES = fs
  .readdirSync(path.join(ROOT, 'src/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const OUTSIDE_SRC = ['./server', './dev', './build', './e2e', './bench'];

const CORNERSTONE_MESSAGE =
  'Cornerstone3D is imported only in src/lib/cornerstone (ARCHITECTURE.md): use its wrappers — ' +
  'viewportCommands.ts (camera, VOI, flips, reset), stackViewport.ts and mprViewports.ts (views), ' +
  'renderingEngine.ts, startCornerstone.ts, viewerTools.ts — or add the one you need there.';

/**
 * Zones of import-x/no-restricted-paths, on resolved paths, so any `../` depth is caught. The
 * domain's packages are refused by no-restricted-imports below; the rest of src and what lies
 * outside it, here.
 */
const zones = [
  {
    target: './src/domain',
    from: './src',
    except: ['./domain'],
    message:
      'src/domain imports only src/domain: move what it needs down into the domain, or the caller up.',
  },
  ...FEATURES.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: `src/features/${feature} never imports another feature: move the shared piece down to src/lib or src/domain.`,
  })),
  {
    target: './src/features',
    from: './src/app',
    message: 'Features never import src/app: the app composes features, not the reverse.',
  },
  {
    target: './src/lib',
    from: ['./src/features', './src/app'],
    message:
      'src/lib is the adapters features build on: it imports only src/lib and src/domain. Move the shared piece down.',
  },
  {
    target: './src',
    from: OUTSIDE_SRC,
    message:
      'The SPA ships alone: src/ never imports the gateway, the build, the local stack or tests.',
  },
  {
    target: './server',
    from: './src',
    except: ['./domain'],
    message: 'The gateway reaches src/ only through src/domain (shared pure code).',
  },
  {
    // Tests against the local stack may read its layout; the gateway's own code may not.
    target: './server/**/!(*.test).ts',
    from: ['./dev/**', './build/**', './e2e/**', './bench/**'],
    message: 'The production gateway runs without the local stack, the build, tests or benchmarks.',
  },
  {
    target: './build',
    from: './src',
    except: ['./domain'],
    message: 'build/ reaches src/ only through src/domain.',
  },
  {
    target: './build',
    from: ['./server', './dev', './e2e', './bench'],
    message: 'build/ is what the production build uses: it imports only build/ and src/domain.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dev/.data',
      'test-results',
      'playwright-report',
      'bench/results',
      // OHIF's prebuilt app, fetched by bench/ohif/fetchOhif.ts to be measured beside ours.
      'bench/.cache',
      // Throw-away measurement scripts (never committed).
      '.probes',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    // Type-aware: one TypeScript program for the repository (tsconfig.json), built once.
    files: [TS],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: ROOT },
    },
    rules: {
      // An unawaited promise loses its error (an unhandled rejection, or a test that passes
      // before its check ran): await it, return it, or say `void` on purpose.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: [TS],
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x reads no .ts file and no-cycle silently finds nothing.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ROOT })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts'],
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: [TS],
    ignores: ['src/lib/cornerstone/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // calculate-suv is arithmetic on DICOM attributes, nothing of Cornerstone's state.
            {
              group: ['@cornerstonejs/*', '!@cornerstonejs/calculate-suv'],
              message: CORNERSTONE_MESSAGE,
            },
          ],
        },
      ],
      // no-restricted-imports does not see import(): a lazy Cornerstone import is still one.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^@cornerstonejs/]',
          message: CORNERSTONE_MESSAGE,
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-refresh/only-export-components': ['warn', { allowConstantExport: true }],
    },
  },
  {
    // The domain is framework-free and runs unchanged in the browser and the gateway: no
    // package at all (React, TanStack, Cornerstone, zod…), no Node built-in. Its tests may
    // use vitest and a DOM parser.
    files: ['src/domain/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^[^.]',
              message:
                'src/domain imports nothing but src/domain (no package, no Node built-in): the caller in src/lib, a feature or the gateway passes it what it needs.',
            },
          ],
        },
      ],
      // Names of one host only (browser or Node), or of the world outside a pure function.
      // Timers are banned too: the domain has none, and waiting belongs to its callers, so
      // domain tests never need fake clocks. URL, TextDecoder, atob are in both hosts: allowed.
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'location',
          'localStorage',
          'sessionStorage',
          'indexedDB',
          'fetch',
          'XMLHttpRequest',
          'WebSocket',
          'self',
          'process',
          'Buffer',
          'require',
          'global',
          '__dirname',
          '__filename',
          'setTimeout',
          'setInterval',
          'setImmediate',
          'requestAnimationFrame',
        ].map((name) => ({
          name,
          message: `src/domain is pure and runs in the browser and the gateway alike: take what ${name} gives as an argument from the caller.`,
        })),
      ],
    },
  },
  prettier,
);
