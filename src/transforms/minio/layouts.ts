/**
 * Which environment variables hold an app's S3 settings. A *group* maps roles (endpoint,
 * keys, bucket, region, …) to variable names; a *layout* is the groups one application uses
 * (Langfuse has three: event upload, media upload, batch export). Built-in layouts cover the
 * apps compose-gate has seen; anything else is inferred from the endpoint variable's prefix.
 */

export const ROLES = [
  "endpoint",
  "externalEndpoint",
  "protocol",
  "useSsl",
  "accessKey",
  "secretKey",
  "bucket",
  "region",
  "forcePathStyle",
] as const;
export type Role = (typeof ROLES)[number];

export interface VariableGroup {
  /** For messages: the layout (and prefix) the group comes from. */
  label: string;
  /** Role → variable names (the first present one is used for reading; all present ones are edited). */
  roles: Partial<Record<Role, string[]>>;
  /**
   * Variables that only make sense against MinIO over plain HTTP: removed, or — where the
   * definition sits in a file compose-gate may not edit — overridden with this neutral value.
   */
  remove?: Record<string, string>;
  /** Variables set to a fixed value when present (e.g. Plane's `USE_MINIO: 0`). */
  set?: Record<string, string>;
  /** Add the region variable when it is missing (the app's own default would be wrong). */
  addRegion?: boolean;
}

export interface Layout {
  id: string;
  title: string;
  groups: VariableGroup[];
  /** Path-style addressing: `forced` by the app's code, or set through a `forcePathStyle` variable. */
  pathStyle: "forced" | "variable" | "unknown";
  /** Extra manual steps the app needs after the switch. */
  notes: string[];
  /** Standard variables many apps read (AWS SDK): used for named services only, never to detect an app. */
  generic?: boolean;
}

const group = (label: string, roles: VariableGroup["roles"], extra: Omit<VariableGroup, "label" | "roles"> = {}): VariableGroup => ({
  label,
  roles,
  ...extra,
});

const langfuse = (kind: string): VariableGroup => {
  const p = `LANGFUSE_S3_${kind}_`;
  return group(`langfuse ${p}*`, {
    endpoint: [`${p}ENDPOINT`],
    externalEndpoint: [`${p}EXTERNAL_ENDPOINT`],
    accessKey: [`${p}ACCESS_KEY_ID`],
    secretKey: [`${p}SECRET_ACCESS_KEY`],
    bucket: [`${p}BUCKET`],
    region: [`${p}REGION`],
    forcePathStyle: [`${p}FORCE_PATH_STYLE`],
  });
};

/** Built-in layouts, most specific first: a variable claimed by an earlier group is not claimed again. */
export const LAYOUTS: readonly Layout[] = [
  {
    id: "nhost",
    title: "Nhost Storage (hasura-storage, nhost/storage)",
    // NX-ST `cli.EnvVars(...)`; HS `cmd/serve.go` for S3_DISABLE_HTTP; path-style hard-coded (domain.md §1.3-1.4).
    groups: [
      group(
        "nhost storage",
        { endpoint: ["S3_ENDPOINT"], accessKey: ["S3_ACCESS_KEY"], secretKey: ["S3_SECRET_KEY"], bucket: ["S3_BUCKET"], region: ["S3_REGION"] },
        { remove: { S3_DISABLE_HTTP: "false", S3_DISABLE_HTTPS: "false" }, addRegion: true },
      ),
    ],
    pathStyle: "forced",
    notes: [],
  },
  {
    id: "langfuse",
    title: "Langfuse (LANGFUSE_S3_EVENT_UPLOAD_*, _MEDIA_UPLOAD_*, _BATCH_EXPORT_*)",
    groups: [langfuse("EVENT_UPLOAD"), langfuse("MEDIA_UPLOAD"), langfuse("BATCH_EXPORT")],
    pathStyle: "variable",
    notes: [],
  },
  {
    id: "plane",
    title: "Plane (AWS_S3_ENDPOINT_URL, AWS_*; USE_MINIO)",
    groups: [
      group(
        "plane",
        {
          endpoint: ["AWS_S3_ENDPOINT_URL", "MINIO_ENDPOINT_URL"],
          accessKey: ["AWS_ACCESS_KEY_ID"],
          secretKey: ["AWS_SECRET_ACCESS_KEY"],
          bucket: ["AWS_S3_BUCKET_NAME"],
          region: ["AWS_REGION"],
        },
        // With USE_MINIO=1 Plane builds file URLs as WEB_URL/<bucket>, served by its proxy from
        // plane-minio (plane `settings/common.py`, AWS_S3_CUSTOM_DOMAIN) [inferred].
        { set: { USE_MINIO: "0" } },
      ),
    ],
    pathStyle: "unknown",
    notes: ["Plane: check that file links work after the switch; with USE_MINIO=1 they were served through the proxy's bucket path [inferred from Plane's settings]"],
  },
  {
    id: "appflowy",
    title: "AppFlowy Cloud (APPFLOWY_S3_*, AI_MINIO_URL)",
    groups: [
      group("appflowy", {
        endpoint: ["APPFLOWY_S3_MINIO_URL"],
        accessKey: ["APPFLOWY_S3_ACCESS_KEY"],
        secretKey: ["APPFLOWY_S3_SECRET_KEY"],
        bucket: ["APPFLOWY_S3_BUCKET"],
        region: ["APPFLOWY_S3_REGION"],
        // The endpoint written into presigned URLs for clients (AppFlowy `S3Setting.presigned_url_endpoint`).
        externalEndpoint: ["APPFLOWY_S3_PRESIGNED_URL_ENDPOINT"],
      }),
      group("appflowy ai", { endpoint: ["AI_MINIO_URL"] }),
    ],
    pathStyle: "unknown",
    notes: [],
  },
  {
    id: "supabase",
    title: "Supabase Storage (GLOBAL_S3_*, AWS_*, REGION)",
    groups: [
      group("supabase storage", {
        endpoint: ["GLOBAL_S3_ENDPOINT"],
        protocol: ["GLOBAL_S3_PROTOCOL"],
        forcePathStyle: ["GLOBAL_S3_FORCE_PATH_STYLE"],
        accessKey: ["AWS_ACCESS_KEY_ID"],
        secretKey: ["AWS_SECRET_ACCESS_KEY"],
        bucket: ["GLOBAL_S3_BUCKET"],
        region: ["REGION"],
      }),
    ],
    pathStyle: "variable",
    notes: [],
  },
  {
    id: "offen",
    title: "offen/docker-volume-backup (AWS_ENDPOINT host, AWS_ENDPOINT_PROTO)",
    groups: [
      group("docker-volume-backup", {
        endpoint: ["AWS_ENDPOINT"],
        protocol: ["AWS_ENDPOINT_PROTO"],
        accessKey: ["AWS_ACCESS_KEY_ID"],
        secretKey: ["AWS_SECRET_ACCESS_KEY"],
        bucket: ["AWS_S3_BUCKET_NAME"],
        forcePathStyle: ["AWS_S3_PATH_STYLE"],
      }),
    ],
    pathStyle: "variable",
    notes: [],
  },
  {
    id: "kartoza",
    title: "kartoza/pg-backup (s3cmd: HOST_BASE, SSL_SECURE)",
    groups: [
      group("kartoza pg-backup", {
        endpoint: ["HOST_BASE"],
        useSsl: ["SSL_SECURE"],
        accessKey: ["ACCESS_KEY_ID"],
        secretKey: ["SECRET_ACCESS_KEY"],
        bucket: ["BUCKET"],
        region: ["DEFAULT_REGION"],
      }),
    ],
    pathStyle: "unknown",
    notes: ["kartoza/pg-backup passes HOST_BUCKET to s3cmd as its host_bucket template; check it matches the new endpoint"],
  },
  {
    id: "aws-sdk",
    title: "AWS SDK standard variables (AWS_ENDPOINT_URL_S3, AWS_ACCESS_KEY_ID, …)",
    groups: [
      group("AWS SDK", {
        endpoint: ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "AWS_S3_ENDPOINT", "S3_ENDPOINT_URL"],
        accessKey: ["AWS_ACCESS_KEY_ID"],
        secretKey: ["AWS_SECRET_ACCESS_KEY"],
        region: ["AWS_REGION", "AWS_DEFAULT_REGION"],
      }),
    ],
    pathStyle: "unknown",
    notes: [],
    generic: true,
  },
];

export const LAYOUT_IDS = LAYOUTS.map((l) => l.id) as [string, ...string[]];

export function layoutById(id: string): Layout | undefined {
  return LAYOUTS.find((l) => l.id === id);
}

const ENDPOINT_SUFFIX = /(ENDPOINT_URL|ENDPOINT|_URL|_HOST)$/;

/** Suffix candidates per role, for prefix inference. */
const SUFFIXES: Partial<Record<Role, string[]>> = {
  accessKey: ["ACCESS_KEY_ID", "ACCESS_KEY"],
  secretKey: ["SECRET_ACCESS_KEY", "SECRET_KEY"],
  bucket: ["BUCKET", "BUCKET_NAME"],
  region: ["REGION"],
  forcePathStyle: ["FORCE_PATH_STYLE", "PATH_STYLE"],
  protocol: ["PROTOCOL", "PROTO"],
  useSsl: ["USE_SSL", "SSL"],
};

/**
 * A group inferred from an endpoint variable nobody claimed: `FOO_S3_ENDPOINT` → prefix
 * `FOO_S3_` → `FOO_S3_ACCESS_KEY_ID`, … then the shorter prefix `FOO_`, then the AWS SDK
 * names. Only variables the service actually has are taken.
 */
export function inferGroup(endpointVariable: string, present: ReadonlySet<string>): VariableGroup | undefined {
  const m = ENDPOINT_SUFFIX.exec(endpointVariable);
  if (!m) return undefined;
  const prefixes = prefixChain(endpointVariable.slice(0, m.index));
  const roles: VariableGroup["roles"] = { endpoint: [endpointVariable] };
  for (const [role, suffixes] of Object.entries(SUFFIXES) as [Role, string[]][]) {
    const found = prefixes.flatMap((p) => suffixes.map((s) => p + s)).find((name) => present.has(name));
    if (found) roles[role] = [found];
  }
  const aws = layoutById("aws-sdk")!.groups[0].roles;
  for (const role of ["accessKey", "secretKey", "region"] as const) {
    const found = roles[role] ? undefined : aws[role]!.find((name) => present.has(name));
    if (found) roles[role] = [found];
  }
  return { label: `inferred from ${endpointVariable}`, roles };
}

/** `A_B_C_` → [`A_B_C_`, `A_B_`, `A_`]: never the empty prefix (bare `BUCKET` could be anything). */
function prefixChain(prefix: string): string[] {
  const out: string[] = [];
  let p = prefix.endsWith("_") || prefix === "" ? prefix : `${prefix}_`;
  while (p.length > 0) {
    out.push(p);
    const cut = p.slice(0, -1).lastIndexOf("_");
    p = cut >= 0 ? p.slice(0, cut + 1) : "";
  }
  return out;
}

/**
 * Whether a variable name looks like an S3 endpoint (for inference): `…ENDPOINT`,
 * `…ENDPOINT_URL`, or a `…_URL` / `…_HOST` that says S3 or MinIO. A `CONSOLE_URL` pointing at
 * MinIO's console is a reference to report, not an endpoint to move.
 */
export function looksLikeEndpoint(name: string): boolean {
  const m = ENDPOINT_SUFFIX.exec(name);
  if (!m) return false;
  return m[1].startsWith("ENDPOINT") || /(^|_)(S3|MINIO)(_|$)/.test(name);
}
