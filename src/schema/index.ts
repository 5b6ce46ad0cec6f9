/** Compose spec schemas (zod) and located validation of whole compose files. */
export * from "./compose.js";
export { composeErrorMap, formatPath } from "./messages.js";
export { validateCompose } from "./validate.js";
export type { SchemaPath, SchemaProblem, SourceLocation, ValidationSource } from "./validate.js";
