// Lint: typescript-eslint's recommended rules plus the house rules of ARCHITECTURE.md
// that a linter can check (dependency direction, config read in one place).
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/**', '.lakou-data/**', 'bench-results/**', '**/*.mjs', 'src/web/storefront/assets/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through kernel/config.ts (loadConfig), not process.env.' }],
    },
  },
  {
    files: ['src/kernel/config.ts', 'test/**', 'scripts/**', 'src/cli/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/kernel/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/modules/**', '**/http/**', '**/web/**', '**/flows/**', '**/seed/**'], message: 'kernel/ imports no business module.' }] }] },
  },
  {
    files: ['src/modules/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/http/**', '**/web/**', '**/flows/**', '**/cli/**'], message: 'modules/ do not import the HTTP layer, views or flows.' }] }] },
  },
  {
    files: ['src/web/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/kernel/db/**', 'kysely', 'pg'], message: 'views receive data; they never query.' }] }] },
  },
)
