// Lives in test/ because the repository's top level is fixed (see shared/DESIGN.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'server/dist/**', 'server/admin-dist/**', 'node_modules/**', 'custom-elements.json', 'wordpress/**', 'test/.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'wc/guard-super-call': 'off',
    },
  },
  {
    // firm-widgets-server runs on Node.
    files: ['server/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['test/**', '*.config.*', '*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.mocha } },
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
