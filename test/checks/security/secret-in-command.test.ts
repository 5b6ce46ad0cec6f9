import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("security/secret-in-command", () => {
  it("reports literal passwords in flags, assignments and URLs, without the value", () => {
    const text = yaml`
      services:
        cache:
          image: redis:7.4
          command: redis-server --requirepass hunter2hunter2
        db:
          image: mysql:8.4
          healthcheck:
            test: ["CMD", "mysqladmin", "ping", "-h", "localhost", "-uroot", "-pS3cretRoot!"]
        api:
          image: ghcr.io/busflow/api:1.0.0
          entrypoint: ["/bin/sh", "-c", "PGPASSWORD=letmein psql -h db -c 'select 1' && exec api --db=postgres://app:pa55word@db/app"]
    `;
    const found = check(text, "security/secret-in-command");
    // Two findings at one position come in code-unit order of their messages ("P" before "a").
    expect(lines(found)).toEqual([
      '4:5 error Service "cache": command passes a literal secret as --requirepass …, visible via docker inspect',
      '8:72 error Service "db": healthcheck.test passes a literal secret as -p…, visible via docker inspect',
      '11:35 error Service "api": entrypoint passes a literal secret as PGPASSWORD=…, visible via docker inspect',
      '11:35 error Service "api": entrypoint passes a literal secret as a postgres:// URL with a password, visible via docker inspect',
    ]);
    const text2 = JSON.stringify(found);
    for (const secret of ["hunter2hunter2", "S3cretRoot!", "letmein", "pa55word"]) expect(text2).not.toContain(secret);
  });

  it("reads the script of sh -c \"…\" in either form, and block scalars (#19 item 7)", () => {
    const text = yaml`
      services:
        cache:
          image: redis:7.4
          command: sh -c "redis-server --requirepass s3cr#et-one --port 6379"
        worker:
          image: busybox:1.36
          entrypoint: ["sh", "-c", "export DB_PASSWORD='two secret'; exec worker"]
        db:
          image: mysql:8.4
          healthcheck:
            test: ["CMD-SHELL", "sh -c 'mysqladmin ping -h localhost -pthree-3'"]
        queue:
          image: redis:7.4
          command: |
            redis-server \
              --requirepass four-4
    `;
    const found = check(text, "security/secret-in-command");
    expect(lines(found)).toEqual([
      '4:5 error Service "cache": command passes a literal secret as --requirepass …, visible via docker inspect',
      '7:30 error Service "worker": entrypoint passes a literal secret as DB_PASSWORD=…, visible via docker inspect',
      '11:27 error Service "db": healthcheck.test passes a literal secret as -p…, visible via docker inspect',
      '14:5 error Service "queue": command passes a literal secret as --requirepass …, visible via docker inspect',
    ]);
    for (const secret of ["s3cr", "two secret", "three-3", "four-4"]) expect(JSON.stringify(found)).not.toContain(secret);
  });

  it("warns for compose references: the value still lands in the service spec", () => {
    const text = yaml`
      services:
        db:
          image: postgres:16
          healthcheck:
            test: "PGPASSWORD=\${POSTGRES_PASS} pg_isready -h 127.0.0.1"
        app:
          image: busybox:1.36
          command: ["app", "--password", "\${APP_PASSWORD}"]
    `;
    expect(lines(check(text, "security/secret-in-command"))).toEqual([
      '5:7 warning Service "db": healthcheck.test passes a ${…} secret as PGPASSWORD=…, visible via docker inspect',
      '8:22 warning Service "app": command passes a ${…} secret as --password …, visible via docker inspect',
    ]);
  });

  it("treats a literal default inside ${…} as written in the file", () => {
    const text = "services:\n  redis:\n    image: redis:7.4\n    command: >\n      --requirepass ${REDIS_AUTH:-myredissecret}\n";
    const found = check(text, "security/secret-in-command");
    expect(lines(found)).toEqual(['4:5 error Service "redis": command passes a literal secret as --requirepass …, visible via docker inspect']);
    expect(JSON.stringify(found)).not.toContain("myredissecret");
  });

  it("passes values the container's shell reads at run time, like env-to-secrets' shim", () => {
    const text = yaml`
      services:
        graphql:
          image: hasura/graphql-engine:v2.40.0
          entrypoint: ["/bin/sh", "-c"]
          command:
            - |
              export HASURA_GRAPHQL_ADMIN_SECRET="$$(cat /run/secrets/hasura_admin_secret)"
              export HASURA_GRAPHQL_DATABASE_URL="postgres://postgres:$$(cat /run/secrets/postgres_password)@postgres:5432/postgres"
              exec graphql-engine serve
        db:
          image: mysql:8.4
          healthcheck:
            test: ["CMD-SHELL", "mysqladmin ping -uroot -p$$MYSQL_ROOT_PASSWORD"]
        web:
          image: nginx:1.27
          command: ["nginx", "-p", "/etc/nginx", "--password-file=/run/secrets/web"]
    `;
    expect(check(text, "security/secret-in-command")).toEqual([]);
  });
});
