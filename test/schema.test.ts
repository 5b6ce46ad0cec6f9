import { describe, expect, it } from "vitest";
import { parseCompose } from "../src/document/compose-document.js";
import { ComposeFile, Port, Service, validateCompose, type SchemaProblem, type ValidationSource } from "../src/schema/index.js";

/** Strip the indentation shared by every line, so YAML can be written inline. */
function dedent(text: string): string {
  const lines = text.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

function validate(yaml: string): SchemaProblem[] {
  return validateCompose(parseCompose(dedent(yaml), { filename: "compose.yml" }));
}

/** Problems as `line:column message`, the way a reviewer reads them. */
function problems(yaml: string): string[] {
  return validate(yaml).map((p) => `${p.line}:${p.column} ${p.message}`);
}

describe("validateCompose accepts", () => {
  it("the top-level keys, including the obsolete version and x-* extensions", () => {
    expect(
      problems(`
        version: "3.9"
        name: shop
        include:
          - ../common/compose.yml
          - path: [a.yml, b.yml]
            env_file: .env.shared
            project_directory: ..
        x-defaults: &defaults
          restart: unless-stopped
        services:
          web:
            <<: *defaults
            image: nginx:1.27
        networks:
          front:
          back: { driver: overlay, attachable: true, driver_opts: { mtu: 1450 } }
          legacy: { external: { name: legacy_net } }
          shared: { external: true, name: shared_net }
        volumes:
          data:
          cache: {}
          pinned: { external: "\${EXTERNAL:-true}" }
        secrets:
          db_password: { file: ./db_password.txt }
          api_token: { environment: API_TOKEN }
          prod_key: { external: true, name: prod_key_v2 }
        configs:
          nginx_conf: { file: ./nginx.conf }
          motd: { content: "hello \${USER}" }
        models:
          llm: { model: ai/smollm2, context_size: 4096 }
      `),
    ).toEqual([]);
  });

  it("build as a path or as a map with args in either form", () => {
    expect(
      problems(`
        services:
          a: { build: ./a }
          b:
            build:
              context: ./b
              dockerfile: Dockerfile.dev
              args: [VERSION, "FLAVOUR=slim"]
              target: prod
              cache_from: [type=registry]
              secrets: [npmrc]
              x-note: keep
          c:
            build:
              context: .
              args: { VERSION: 1.2, DEBUG: false, EMPTY: }
      `),
    ).toEqual([]);
  });

  it("command and entrypoint as a string, a list or null", () => {
    expect(
      problems(`
        services:
          a: { image: x, command: "serve --port 80", entrypoint: /bin/sh }
          b: { image: x, command: [serve, --port, "80"], entrypoint: [tini, --] }
          c: { image: x, command: null, entrypoint: }
      `),
    ).toEqual([]);
  });

  it("environment as a map of scalars or a list of strings, and every env_file form", () => {
    expect(
      problems(`
        services:
          a:
            image: x
            environment:
              STRING: text
              NUMBER: 5432
              FLOAT: 0.3
              BOOLEAN: true
              UNSET:
            env_file: .env
          b:
            image: x
            environment: [A=1, B, "C=\${C:-x}"]
            env_file: [.env, .env.local]
          c:
            image: x
            env_file:
              - path: ./default.env
                required: true
              - path: ./override.env
                required: false
              - ./plain.env
      `),
    ).toEqual([]);
  });

  it("secrets and configs in short and long form, with numeric, octal and string modes", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            secrets:
              - db_password
              - source: api_key
                target: /run/secrets/api
                uid: "1000"
                gid: "1000"
                mode: 0440
              - { source: tls, mode: "0400" }
              - { source: other, mode: 292, x-origin: vault }
            configs:
              - nginx_conf
              - { source: motd, target: /etc/motd, mode: 0444 }
        secrets:
          db_password: { file: a }
          api_key: { file: b }
          tls: { file: c }
          other: { file: d }
        configs:
          nginx_conf: { file: e }
          motd: { content: hi }
      `),
    ).toEqual([]);
  });

  it("depends_on as a list or a map with condition, restart and required", () => {
    expect(
      problems(`
        services:
          a: { image: x, depends_on: [b, c] }
          b:
            image: x
            depends_on:
              c: { condition: service_healthy, restart: true, required: false }
              d: { condition: service_completed_successfully }
          c: { image: x, depends_on: { d: { condition: service_started } } }
          d: { image: x }
      `),
    ).toEqual([]);
  });

  it("volumes in short form and long form with bind, volume and tmpfs options", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            volumes:
              - data:/data
              - ./conf:/etc/app:ro,z
              - type: bind
                source: ./nginx.conf
                target: /etc/nginx/nginx.conf
                read_only: true
                bind: { propagation: rprivate, create_host_path: true, selinux: z }
              - type: volume
                source: data
                target: /backup
                volume: { nocopy: true, subpath: sub }
              - type: tmpfs
                target: /tmp
                tmpfs: { size: 64m, mode: 1777 }
        volumes:
          data:
      `),
    ).toEqual([]);
  });

  it("ports as numbers, strings (interpolated too) and long maps", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            ports:
              - 80
              - "443:443"
              - 127.0.0.1:8080:80/tcp
              - \${HOST_IP:-127.0.0.1}:\${PORT:-5432}:5432
              - target: 9000
                published: "\${MINIO_PORT:-9000}"
                protocol: tcp
                mode: host
              - { target: 53, published: 5353, protocol: udp, host_ip: 0.0.0.0, app_protocol: dns }
            expose: [3000, "3001-3005"]
      `),
    ).toEqual([]);
  });

  it("networks as a list, or a map with empty entries and attachment options", () => {
    expect(
      problems(`
        services:
          a: { image: x, networks: [front, back] }
          b:
            image: x
            networks:
              front:
              back:
                aliases: [db, primary]
                ipv4_address: 172.16.238.10
                priority: 100
        networks:
          front:
          back:
      `),
    ).toEqual([]);
  });

  it("a full deploy block", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            deploy:
              mode: replicated
              replicas: 2
              endpoint_mode: vip
              labels: { com.example.team: payments }
              resources:
                limits: { cpus: "0.50", memory: 512M, pids: 100 }
                reservations:
                  cpus: 0.25
                  memory: 128M
                  devices:
                    - { driver: nvidia, count: 1, capabilities: [gpu] }
              restart_policy: { condition: on-failure, delay: 5s, max_attempts: 3, window: 120s }
              placement:
                constraints: [node.role == manager]
                preferences: [{ spread: node.labels.zone }]
                max_replicas_per_node: 1
              update_config: { parallelism: 2, delay: 10s, order: start-first, failure_action: rollback }
              rollback_config: { parallelism: 1, monitor: 60s, max_failure_ratio: 0.1 }
          worker:
            image: x
            deploy:
      `),
    ).toEqual([]);
  });

  it("healthchecks, logging, labels and the other service keys", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            container_name: app-1
            hostname: app
            healthcheck:
              test: ["CMD-SHELL", "pg_isready -U postgres"]
              interval: 10s
              timeout: 5s
              retries: 5
              start_period: 30s
              start_interval: 1s
            logging:
              driver: json-file
              options: { max-size: 10m, max-file: 3 }
            labels: { com.example.description: "Accounting webapp" }
            profiles: [debug]
            restart: unless-stopped
            extra_hosts: ["somehost:162.242.195.82", "otherhost=50.31.209.229"]
            pid: host
            privileged: false
            read_only: true
            user: "1000:1000"
            working_dir: /srv
            cap_add: [NET_ADMIN]
            cap_drop: [ALL]
            security_opt: [no-new-privileges:true]
            ulimits:
              nproc: 65535
              nofile: { soft: 20000, hard: 40000 }
            tmpfs: [/run, /tmp]
            links: [db:database]
            stop_grace_period: 1m30s
            sysctls: [net.core.somaxconn=1024]
            devices: [/dev/kmsg:/dev/kmsg, { source: /dev/ttyUSB0, permissions: rwm }]
            gpus: all
            post_start:
              - command: ./init.sh
                user: root
          other:
            extends: { service: app, file: base.yml }
            labels: [com.example.tier=backend]
            extra_hosts: { somehost: [162.242.195.82, "::1"] }
            network_mode: "service:app"
            healthcheck: { test: curl -f http://localhost || exit 1, disable: false }
            tmpfs: /run
          short:
            extends: app
            pid:
      `),
    ).toEqual([]);
  });

  it("interpolated strings in every numeric or boolean field", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            privileged: "\${P}"
            read_only: \${RO:-false}
            init: \${INIT}
            scale: \${SCALE:-1}
            cpus: \${CPUS}
            mem_limit: \${MEM:-1g}
            oom_score_adj: \${OOM}
            cpu_count: \${CPU_COUNT}
            healthcheck:
              retries: $RETRIES
              disable: \${NO_HEALTH}
            ulimits:
              nofile: \${NOFILE}
              nproc:
                soft: \${SOFT}
                hard: \${HARD}
            ports:
              - target: \${TARGET}
                published: \${PUBLISHED}
            depends_on:
              db:
                condition: service_healthy
                restart: \${RESTART}
            deploy:
              replicas: "\${N:-1}"
              resources:
                limits:
                  cpus: \${CPU_LIMIT}
                  pids: \${PIDS}
              restart_policy:
                max_attempts: \${ATTEMPTS}
              update_config:
                parallelism: \${PAR}
                max_failure_ratio: \${RATIO}
          db: { image: x }
      `),
    ).toEqual([]);
  });

  it("x-* keys wherever the spec allows extensions", () => {
    expect(
      problems(`
        x-top: { anything: [1, 2] }
        services:
          app:
            image: x
            x-service: 1
            build: { context: ., x-build: 1 }
            deploy: { x-deploy: 1, resources: { x-res: 1, limits: { x-lim: 1 } } }
            healthcheck: { test: "true", x-health: 1 }
            logging: { driver: local, x-log: 1 }
            ports: [{ target: 80, x-port: 1 }]
            volumes: [{ type: volume, source: d, target: /d, x-vol: 1, volume: { x-opt: 1 } }]
            secrets: [{ source: s, x-secret: 1 }]
            depends_on: { db: { condition: service_started, x-dep: 1 } }
            networks: { front: { x-net: 1 } }
          db: { image: x }
        networks: { front: { x-network: 1 } }
        volumes: { d: { x-volume: 1 } }
        secrets: { s: { file: s.txt, x-secret: 1 } }
        configs: { c: { file: c.txt, x-config: 1 } }
      `),
    ).toEqual([]);
  });
});

describe("the schemas keep what the user wrote", () => {
  it("x-* keys survive parsing at every level", () => {
    const parsed = ComposeFile.parse({
      "x-top": { a: 1 },
      services: { app: { image: "x", "x-svc": true, deploy: { "x-dep": [1] }, healthcheck: { "x-h": "y" } } },
    });
    expect(parsed["x-top"]).toEqual({ a: 1 });
    const app = parsed.services!.app;
    expect(app["x-svc"]).toBe(true);
    expect(app.deploy!["x-dep"]).toEqual([1]);
    expect(app.healthcheck!["x-h"]).toBe("y");
  });

  it("unknown keys are reported, not stripped", () => {
    const result = Service.safeParse({ image: "x", imgae: "y" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path, i.message])).toEqual([
      [["imgae"], `"imgae" is not a valid service key (custom keys must start with "x-"); did you mean "image"?`],
    ]);
  });

  it("keys the spec leaves open (gpu requests) are kept without a problem", () => {
    const parsed = Service.parse({ gpus: [{ driver: "nvidia", vendor_hint: "a100" }] });
    expect(parsed.gpus).toEqual([{ driver: "nvidia", vendor_hint: "a100" }]);
  });

  it("schemas and types share a name", () => {
    const port: Port = { target: 80, published: "8080" };
    expect(Port.parse(port)).toEqual(port);
  });
});

describe("validateCompose reports", () => {
  it("a bad port with its path, line and column", () => {
    expect(
      validate(`
        services:
          web:
            image: nginx
            ports:
              - [80, 443]
      `),
    ).toEqual([
      {
        code: "SCHEMA",
        path: ["services", "web", "ports", 0],
        message:
          'services.web.ports[0]: expected a port number, a "[HOST:]CONTAINER[/PROTOCOL]" string or a map with target, published, protocol…, got a list',
        file: "compose.yml",
        line: 5,
        column: 9,
      },
    ]);
  });

  it("every problem in the file, in file order", () => {
    expect(
      problems(`
        services:
          web:
            image: nginx
            enviroment:
              A: 1
            environment: "A=1"
            deploy:
              replicas: 1.5
          db:
            image: [postgres]
            depends_on:
              web: { condition: healthy }
        foo: bar
      `),
    ).toEqual([
      '4:5 services.web.enviroment: "enviroment" is not a valid service key (custom keys must start with "x-"); did you mean "environment"?',
      "6:5 services.web.environment: must be a map of KEY: value or a list of KEY=value strings, got the string \"A=1\"",
      '8:7 services.web.deploy.replicas: expected an integer or a string such as "${VAR}", got the number 1.5',
      "10:5 services.db.image: expected a string, got a list",
      '12:14 services.db.depends_on.web.condition: expected one of "service_started", "service_healthy", "service_completed_successfully", got the string "healthy"',
      '13:1 foo: "foo" is not a valid top-level key (custom keys must start with "x-")',
    ]);
  });

  it("the bad item, not the whole list, when a list has the right shape", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            environment:
              - A=1
              - 5
              - B=2
      `),
    ).toEqual(["6:9 services.app.environment[1]: expected a string, got the number 5"]);
  });

  it("map values that compose cannot turn into strings", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            environment:
              NESTED: { a: 1 }
      `),
    ).toEqual([
      "5:7 services.app.environment.NESTED: expected a string, number, boolean or empty value (lists and maps are not allowed here), got a map",
    ]);
  });

  it("a missing required key on the entry that lacks it", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            depends_on:
              db: { restart: true }
            volumes:
              - source: data
                target: /data
          db: { image: x }
      `),
    ).toEqual([
      '5:7 services.app.depends_on.db.condition: is required (one of "service_started", "service_healthy", "service_completed_successfully")',
      '7:9 services.app.volumes[0].type: is required (one of "bind", "volume", "tmpfs", "cluster", "npipe", "image")',
    ]);
  });

  it("unknown keys, except x-* where allowed, and x-* where the spec forbids extensions", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            x-fine: 1
            deploy:
              replica: 2
            env_file:
              - path: .env
                x-not-here: 1
            ports:
              - { target: 80, publish: 8080 }
      `),
    ).toEqual([
      '6:7 services.app.deploy.replica: "replica" is not a valid deploy key (custom keys must start with "x-"); did you mean "replicas"?',
      '9:9 services.app.env_file[0].x-not-here: "x-not-here" is not a valid env_file entry key',
      '11:23 services.app.ports[0].publish: "publish" is not a valid port key (custom keys must start with "x-"); did you mean "published"?',
    ]);
  });

  it("duplicate list items at the repeat", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            cap_add: [NET_ADMIN, NET_ADMIN]
            ports: ["80:80", "80:80"]
      `),
    ).toEqual([
      '4:26 services.app.cap_add[1]: duplicate of item [0] (the string "NET_ADMIN"); items must be unique',
      '5:22 services.app.ports[1]: duplicate of item [0] (the string "80:80"); items must be unique',
    ]);
  });

  it("invalid resource names and empty secrets, which the spec requires to be maps", () => {
    expect(
      problems(`
        services:
          "my app": { image: x }
        secrets:
          token:
        volumes:
          "bad/name":
      `),
    ).toEqual([
      '2:3 services["my app"]: "my app" is not a valid service name (use letters, digits, ".", "_" and "-")',
      "4:3 secrets.token: expected a map, got an empty value",
      '6:3 volumes["bad/name"]: "bad/name" is not a valid volume name (use letters, digits, ".", "_" and "-")',
    ]);
  });

  it("values of the wrong type in enums and patterns", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            cgroup: shared
            pull_policy: sometimes
            container_name: "-"
            gpus: some
      `),
    ).toEqual([
      '4:5 services.app.cgroup: expected one of "host", "private", got the string "shared"',
      "5:5 services.app.pull_policy: expected always, never, missing, build, if_not_present, refresh, daily, weekly or every_<duration>",
      '6:5 services.app.container_name: must contain a name made of letters, digits, "_", "." and "-"',
      '7:5 services.app.gpus: must be "all" or a list of GPU device requests, got the string "some"',
    ]);
  });

  it("duplicates among long-form items whatever their key order", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            ports:
              - { target: 80, published: 8080 }
              - { published: 8080, target: 80 }
      `),
    ).toEqual(['6:9 services.app.ports[1]: duplicate of item [0] (a map); items must be unique']);
  });

  it("missing required values of every kind", () => {
    expect(
      problems(`
        services:
          app:
            image: x
            post_start:
              - user: root
            develop:
              watch:
                - path: ./src
        models:
          llm: { context_size: 4096 }
      `),
    ).toEqual([
      "5:9 services.app.post_start[0].command: is required: expected a command string, a list of strings, or null",
      '8:11 services.app.develop.watch[0].action: is required (one of "rebuild", "sync", "restart", "sync+restart", "sync+exec")',
      "10:3 models.llm.model: is required",
    ]);
  });

  it("open and closed external maps as the spec defines them", () => {
    expect(
      problems(`
        volumes:
          v: { external: { name: v1, labels: x } }
        secrets:
          s: { external: { name: s1, note: kept } }
      `),
    ).toEqual(['2:30 volumes.v.external.labels: "labels" is not a valid external volume key (custom keys must start with "x-")']);
  });

  it("numbers where the spec wants strings, as compose does (quote them)", () => {
    expect(
      problems(`
        version: 3.8
        services:
          app:
            image: 5
            user: 1000
      `),
    ).toEqual([
      "1:1 version: expected a string, got the number 3.8",
      "4:5 services.app.image: expected a string, got the number 5",
      "5:5 services.app.user: expected a string, got the number 1000",
    ]);
  });

  it("sections that must be maps", () => {
    expect(problems("services:\nvolumes: [data]\n")).toEqual([
      "1:1 services: expected a map, got an empty value",
      "2:1 volumes: expected a map, got a list",
    ]);
  });

  it("a problem inherited through a merge key where the anchor defines it", () => {
    expect(
      problems(`
        x-defaults: &defaults
          restart: always
          privilged: true
        services:
          a:
            <<: *defaults
            image: x
      `),
    ).toEqual(['3:3 services.a.privilged: "privilged" is not a valid service key (custom keys must start with "x-"); did you mean "privileged"?']);
  });

  it("a document that is not a map at all", () => {
    const source: ValidationSource = { filename: "list.yml", toJS: () => ["a"], locate: () => undefined };
    expect(validateCompose(source)).toEqual([
      { code: "SCHEMA", path: [], message: "(root): expected a map, got a list", file: "list.yml", line: 1, column: 1 },
    ]);
  });

  it("the nearest located ancestor when the exact entry has no location", () => {
    const located: string[] = [];
    const source: ValidationSource = {
      filename: "gen.yml",
      toJS: () => ({ services: { app: { ports: [true] } } }),
      locate: (path) => {
        located.push(path.join("."));
        return path.length <= 2 ? { file: "gen.yml", line: 7, column: 3 } : undefined;
      },
    };
    expect(validateCompose(source).map((p) => [p.line, p.column, p.message])).toEqual([
      [7, 3, expect.stringMatching(/^services\.app\.ports\[0\]: expected a port number/)],
    ]);
    expect(located).toEqual(["services.app.ports.0", "services.app.ports", "services.app"]);
  });
});
