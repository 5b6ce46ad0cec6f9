/** Alertmanager: the one receiver, its credential from a Docker secret, its state on a volume. */
import { IMAGES } from "./components.js";
import { alertmanagerConfig, type Receiver } from "./configs/alertmanager.js";
import { SECRETS } from "./names.js";
import { addService, changed, declareVolume, grantFile, limit, networksFor, refused, secretDeclaration, type Run } from "./run.js";
import { flagValue, grantSecret } from "./service-edits.js";

function receiver(run: Run): Receiver {
  const o = run.o;
  if (o.receiver === "slack") return { kind: "slack", secretPath: `/run/secrets/${SECRETS.slack}`, channel: o.slackChannel };
  return { kind: "email", secretPath: `/run/secrets/${SECRETS.email}`, to: o.emailTo, from: o.emailFrom, smarthost: o.smtpSmarthost, username: o.smtpUsername };
}

/** Adds or finishes the Alertmanager; returns the secret whose value a person must provide, if one was granted. */
export function alertmanager(run: Run): string | undefined {
  const existing = run.names.get("alertmanager");
  const name = existing ?? "alertmanager";
  if (!existing) {
    run.names.set("alertmanager", name);
    addService(
      run,
      name,
      {
        image: IMAGES.alertmanager,
        command: ["--config.file=/etc/alertmanager/alertmanager.yml", "--storage.path=/alertmanager"],
        volumes: ["alertmanager-data:/alertmanager"],
        networks: networksFor(run, false),
      },
      `delivers the alerts to ${run.o.receiver === "slack" ? "Slack" : run.o.emailTo}`,
    );
    declareVolume(run, "alertmanager-data");
  }
  const secret = wire(run, name);
  limit(run, name, "alertmanager");
  return secret;
}

function wire(run: Run, name: string): string | undefined {
  const own = flagValue(run.doc, name, "config.file");
  if (own && own !== "/etc/alertmanager/alertmanager.yml") {
    refused(run, name, `reads its own configuration (${own}): compose-gate leaves its receivers alone`);
    return undefined;
  }
  const r = receiver(run);
  const content = alertmanagerConfig(r);
  const target = "/etc/alertmanager/alertmanager.yml";
  if (!grantFile(run, name, { key: "alertmanager_config", file: run.files.alertmanager, target, content, description: "Alertmanager configuration: one receiver, credential from a Docker secret" })) return undefined;
  const secret = r.kind === "slack" ? SECRETS.slack : SECRETS.email;
  grantSecret(run.doc, name, secret, secretDeclaration(run, secret));
  changed(run, name, `sends alerts ${r.kind === "slack" ? "to Slack" : `by email to ${r.to}`}, the ${r.kind === "slack" ? "webhook URL" : "SMTP password"} read from the secret ${secret}`);
  return secret;
}
