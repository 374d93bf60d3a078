// ESLint (typescript-eslint, recommended rules without type information: fast on the whole tree).
// Formatting is Prettier's (npm run format); `npm run lint` runs both checks, and CI runs it.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "lib/**",
      "node_modules/**",
      "**/node_modules/**",
      "components/generated/**",
      "examples/*/sdks/**",
      "examples/*/bin/**",
      ".pulumi-state/**",
      "out/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly", Buffer: "readonly" },
    },
    rules: {
      // modules are loaded with require() on purpose where a command or function needs them (start-up cost)
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // functions short enough to hold in one's head: long ones are split into named steps, each taking the previous step's result
    files: ["components/**/*.ts"],
    ignores: ["components/generated/**", "components/core/rules/timezones.generated.ts"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // tests reach into documents whose shape TypeScript does not know (parsed files, hostile input)
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
);
