/**
 * A TypeScript code base for the codemod row: `files` modules in nested folders, of which
 * `readers` read the given environment variables in the three ways application code does
 * (`process.env.X`, `process.env["X"]`, destructuring). The rest are ordinary modules, so the
 * codemod has to parse them to find out there is nothing to change.
 */

function plainModule(i: number): string {
  return `import { EventEmitter } from "node:events";

export interface Record${i} {
  id: string;
  createdAt: Date;
  tags: readonly string[];
}

/** Keeps the latest records of kind ${i} and tells listeners about changes. */
export class Store${i} extends EventEmitter {
  readonly #items = new Map<string, Record${i}>();

  put(record: Record${i}): void {
    this.#items.set(record.id, record);
    this.emit("change", record.id);
  }

  find(tag: string): Record${i}[] {
    return [...this.#items.values()].filter((r) => r.tags.includes(tag));
  }
}

export function summarize${i}(records: readonly Record${i}[]): string {
  const byTag = new Map<string, number>();
  for (const r of records) for (const t of r.tags) byTag.set(t, (byTag.get(t) ?? 0) + 1);
  return [...byTag].map(([t, n]) => \`\${t}=\${n}\`).join(", ");
}
`;
}

function readerModule(i: number, vars: readonly string[]): string {
  const [a, b = a] = vars;
  const forms = [
    `const secret = process.env.${a};`,
    `const secret = process.env["${b}"] ?? "";`,
    `const { ${a}: secret } = process.env;`,
  ];
  return `${plainModule(i)}
export function connect${i}(url: string): { url: string; secret: string | undefined } {
  ${forms[i % forms.length]}
  if (!secret) console.warn("no credentials for ${i}");
  return { url, secret };
}
`;
}

/** Relative path and content of each file. */
export function sourceTree(files: number, readers: number, vars: readonly string[]): { path: string; content: string }[] {
  const every = Math.max(1, Math.floor(files / readers));
  return Array.from({ length: files }, (_, i) => ({
    path: `src/feature-${String(Math.floor(i / 100)).padStart(2, "0")}/module-${String(i).padStart(4, "0")}.ts`,
    content: i % every === 0 && i / every < readers ? readerModule(i, vars) : plainModule(i),
  }));
}
