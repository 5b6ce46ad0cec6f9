/**
 * Parsing source files with ts-morph: syntax only, in memory, no type checking, no lib files,
 * no import resolution — the rewrite needs the tree of one file at a time, nothing more.
 *
 * ts-morph is loaded here, on first use, and only by the codemod command: importing it costs
 * about 0.6 s (it bundles the TypeScript compiler), which `transform`, `check` and `--help` must
 * not pay. It is loaded with `require` rather than `import()`: ts-morph is CommonJS, and for an
 * `import()` Node first scans ts-morph and the 8.8 MB TypeScript it re-exports for export names,
 * which measured another 0.3–0.6 s on a 2-core machine (docs/codemod.md, Performance).
 */
import { createRequire } from "node:module";
import path from "node:path";
import type * as TsMorph from "ts-morph";
import type { ts as TS } from "ts-morph";

export type Morph = typeof TsMorph;

let loaded: Morph | undefined;

export function loadTsMorph(): Morph {
  loaded ??= createRequire(import.meta.url)("ts-morph") as Morph;
  return loaded;
}

export type Parsed = { ok: true; sf: TS.SourceFile } | { ok: false; message: string };

export class SourceParser {
  readonly ts: typeof TS;
  readonly #project: TsMorph.Project;

  constructor(morph: Morph) {
    this.ts = morph.ts;
    this.#project = new morph.Project({
      useInMemoryFileSystem: true,
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
      skipLoadingLibFiles: true,
      compilerOptions: { allowJs: true, noLib: true, noResolve: true },
    });
  }

  /** The file's syntax tree, or its first syntax error as `file:line:col: message`. */
  parse(file: string, text: string, display: string): Parsed {
    const source = this.#project.createSourceFile(file, text, { overwrite: true, scriptKind: this.#scriptKind(file) });
    const sf = source.compilerNode;
    // The parser's own diagnostics: syntax errors only, which is all a rewrite must refuse.
    const [first] = (sf as TS.SourceFile & { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    if (!first) return { ok: true, sf };
    const at = sf.getLineAndCharacterOfPosition(first.start);
    const message = this.ts.flattenDiagnosticMessageText(first.messageText, " ");
    return { ok: false, message: `${display}:${at.line + 1}:${at.character + 1}: ${message} (syntax error; the file was not changed)` };
  }

  #scriptKind(file: string): TS.ScriptKind {
    const kinds: Record<string, TS.ScriptKind> = {
      ".tsx": this.ts.ScriptKind.TSX,
      ".jsx": this.ts.ScriptKind.JSX,
      ".js": this.ts.ScriptKind.JS,
      ".mjs": this.ts.ScriptKind.JS,
      ".cjs": this.ts.ScriptKind.JS,
    };
    return kinds[path.extname(file)] ?? this.ts.ScriptKind.TS;
  }
}
