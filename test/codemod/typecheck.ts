/**
 * `tsc --noEmit` through the TypeScript API, for the golden cases of the codemod: each case's
 * result tree is checked with its own tsconfig.json. Lib files and @types/node are parsed once
 * and shared between cases (a program per case would otherwise re-read them every time).
 */
import path from "node:path";
import ts from "typescript";

const shared = new Map<string, ts.SourceFile>();

export function typeCheck(dir: string): string[] {
  const configFile = path.join(dir, "tsconfig.json");
  const read = ts.readConfigFile(configFile, ts.sys.readFile);
  if (read.error) return [format(read.error)];
  // The fixture's sources are what is checked, not @types/node: skipLibCheck keeps each case fast.
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dir, { skipLibCheck: true }, configFile);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (!fileName.includes("/node_modules/")) return getSourceFile(fileName, languageVersion, ...rest);
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    let file = shared.get(key);
    if (!file) {
      file = getSourceFile(fileName, languageVersion, ...rest);
      if (file) shared.set(key, file);
    }
    return file;
  };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  return [...parsed.errors, ...ts.getPreEmitDiagnostics(program)].map(format);
}

function format(d: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return text;
  const at = d.file.getLineAndCharacterOfPosition(d.start);
  return `${d.file.fileName}:${at.line + 1}:${at.character + 1}: ${text}`;
}
