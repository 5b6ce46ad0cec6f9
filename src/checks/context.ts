/**
 * The `CheckContext` a rule runs with: it turns a reported path into the file, line and
 * column of the node, and stamps the rule's id, severity and fix on the finding.
 */
import type { ComposeDocument, Location, Path } from "../document/compose-document.js";
import type { ProjectFiles } from "../project/files.js";
import type { Project } from "../project/project.js";
import type { SecretRules } from "../secrets/detect.js";
import type { CheckContext, CheckFinding, CheckRule, Report } from "./types.js";

/**
 * Where `path` is written: in `doc` when given, else in the file Docker takes it from. A path
 * that is not written anywhere (a merged list index, a value only a later file sets) is
 * located at its nearest written ancestor, so every finding points into a file.
 */
export function locatePath(project: Project, path: Path, doc?: ComposeDocument): Location {
  for (let depth = path.length; depth > 0; depth--) {
    const prefix = path.slice(0, depth);
    const found = doc ? doc.locate(prefix) : project.locate(prefix);
    if (found) return found;
  }
  const file = doc ?? project.docs[project.docs.length - 1];
  return { file: file.filename, line: 1, column: 1 };
}

function serviceOf(path: Path): string | undefined {
  return path[0] === "services" && path.length > 1 ? String(path[1]) : undefined;
}

export function createContext(project: Project, rule: CheckRule, secretRules: SecretRules, sink: CheckFinding[], files?: ProjectFiles, fixes = true): CheckContext {
  return {
    project,
    secretRules,
    fixes,
    ...(files ? { files } : {}),
    report(report: Report) {
      const at = locatePath(project, report.path, report.doc);
      const service = report.service === undefined ? serviceOf(report.path) : (report.service ?? undefined);
      sink.push({
        ruleId: rule.id,
        severity: report.severity ?? rule.severity,
        message: report.message,
        file: at.file,
        line: at.line,
        column: at.column,
        ...(service !== undefined ? { service } : {}),
        ...(fixes && rule.fix && report.fix !== null ? { fix: rule.fix } : {}),
      });
    },
  };
}
