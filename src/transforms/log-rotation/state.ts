/**
 * How a service's logs rotate, read the same way by the `log-rotation` transform and the
 * `swarm/log-rotation` check: json-file keeps every line unless `max-size` is set; `local`
 * rotates by default; other drivers ship logs elsewhere.
 */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export interface LogState {
  /** `rotated`: max-size set or not json-file; `json-file`: named without max-size; `default`: no driver named. */
  kind: "rotated" | "json-file" | "default";
  /** The options the service already sets (`max-file` is kept when it has one). */
  options: Record<string, unknown>;
}

export function logState(def: Record<string, unknown>): LogState {
  const logging = isObject(def.logging) ? def.logging : undefined;
  const driver = logging?.driver;
  const options = isObject(logging?.options) ? logging.options : {};
  const maxSize = options["max-size"];
  const rotated = maxSize !== undefined && maxSize !== null && String(maxSize).trim() !== "";
  if (rotated || (driver !== undefined && driver !== null && driver !== "json-file")) return { kind: "rotated", options };
  return { kind: driver === "json-file" ? "json-file" : "default", options };
}
