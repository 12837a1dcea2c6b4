// ESLint (flat config) with the Angular rules: `npx eslint src` (scripts/test_frontend.sh runs it).
// Style is prettier's job (`npx prettier --check src`); these rules catch mistakes and Angular misuse.
const eslint = require('@eslint/js');
const tseslint = require('typescript-eslint');
const angular = require('angular-eslint');

module.exports = tseslint.config(
  {
    files: ['**/*.ts'],
    extends: [
      eslint.configs.recommended,
      ...tseslint.configs.recommended,
      ...angular.configs.tsRecommended,
    ],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'app', style: 'camelCase' },
      ],
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'app', style: 'kebab-case' },
      ],
      // `const { page: _p, ...rest } = filters` drops keys on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
    rules: {
      // Two deliberate mouse conveniences with keyboard equivalents elsewhere: a dialog's backdrop closes
      // on click (Escape closes it from the keyboard), and a whole table row opens its record on click
      // (the row's first cell is a link that the keyboard reaches).
      '@angular-eslint/template/click-events-have-key-events': 'off',
      '@angular-eslint/template/interactive-supports-focus': 'off',
      // Hover tooltips on the honeycomb repeat what the unit's link already says.
      '@angular-eslint/template/mouse-events-have-key-events': 'off',
    },
  },
);
