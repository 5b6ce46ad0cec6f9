/** Compose `${…}` interpolation as a token tree, and the questions asked of it. */
export { OPERATORS, tokenize } from "./tokenize.js";
export type { InterpolationError, Operator, Part, TextPart, Tokenized, VarPart } from "./tokenize.js";
export { argumentRaw, defaultOf, dependsOnEnvironment, eachVariable, hasInterpolation, isBareReference, resolveDefaults, variablesIn } from "./query.js";
export type { DefaultReference } from "./query.js";
export { swarmIncompatibilities } from "./swarm.js";
export type { SwarmIncompatibility, SwarmIncompatibilityKind } from "./swarm.js";
