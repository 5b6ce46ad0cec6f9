/**
 * `compose-gate/testing`: golden tests for transforms, compose-gate's own and yours. `goldenSuite`
 * registers vitest tests (vitest is an optional peer dependency, needed only here); the functions
 * of golden.ts read, run and rewrite case folders for any other runner.
 */
export { goldenSuite } from "./suite.js";
export type { GoldenSuiteOptions } from "./suite.js";
export { afterRun, formatFinding, listCases, loadCase, readExpected, runCase, toCRLF, visible, withBOM, writeExpected } from "./golden.js";
export type { GoldenActual, GoldenCase, GoldenCaseConfig, GoldenWorld } from "./golden.js";
