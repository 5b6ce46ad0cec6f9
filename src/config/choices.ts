/** The values `check.failOn` and `check.format` allow (also the CLI's --fail-on and --format). */
export const FAIL_ON = ["error", "warning", "info", "none"] as const;
export const FORMATS = ["stylish", "json", "sarif", "github", "markdown"] as const;

export type FailOn = (typeof FAIL_ON)[number];
export type Format = (typeof FORMATS)[number];
