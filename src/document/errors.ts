/**
 * Errors are data: a closed set of codes, each with a location where there is one.
 * `ComposeSyntaxError` is what `parseCompose` throws for input it cannot accept;
 * `EditError` is what an edit throws when doing it would be unsafe (a transform turns it into a
 * refusal finding, never a crash).
 */
export type SyntaxCode =
  | "YAML_SYNTAX"
  | "DUPLICATE_KEY"
  | "MULTI_DOCUMENT"
  | "EMPTY_DOCUMENT"
  | "NOT_A_MAP"
  | "ALIAS_BOMB"
  | "ALIAS_CYCLE"
  | "UNKNOWN_ALIAS"
  | "BAD_MERGE"
  | "COMPLEX_KEY"
  | "UNKNOWN_TAG"
  | "TEMPLATE"
  | "TOO_DEEP"
  | "NOT_TEXT"
  | "LONE_CR"
  | "UNICODE_BREAK"
  | "DOUBLE_BOM";

export interface Diagnostic {
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

export class ComposeSyntaxError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "ComposeSyntaxError";
    this.diagnostics = diagnostics;
  }
}

export type EditCode =
  | "SHARED_ANCHOR"
  | "ANCHOR_IN_USE"
  | "NOT_A_MAP"
  | "NOT_A_SEQUENCE"
  | "MISSING"
  | "UNSUPPORTED";

export class EditError extends Error {
  readonly code: EditCode;
  /** The anchor involved, for SHARED_ANCHOR and ANCHOR_IN_USE. */
  readonly anchor?: string;
  /** Paths of the aliases that use that anchor (the blast radius of an edit there). */
  readonly users: string[];
  constructor(code: EditCode, message: string, details: { anchor?: string; users?: string[] } = {}) {
    super(message);
    this.name = "EditError";
    this.code = code;
    this.anchor = details.anchor;
    this.users = details.users ?? [];
  }
}
