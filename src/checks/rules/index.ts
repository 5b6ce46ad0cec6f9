/**
 * Every rule `compose-gate check` runs, in listing order: the gate items first (what blocks
 * onboarding), then security, then the Swarm profile. Ids are part of the CLI contract
 * (`--rule`, suppressions, SARIF rule ids).
 */
import type { CheckRule } from "../types.js";
import gateBackupVerify from "./gate/backup-verify.js";
import gateMinio from "./gate/minio.js";
import gateObservability from "./gate/observability.js";
import gateOffsiteBackup from "./gate/offsite-backup.js";
import gatePlaintextSecret from "./gate/plaintext-secret.js";
import gatePostgresExporter from "./gate/postgres-exporter.js";
import gateVolumeAutoresize from "./gate/volume-autoresize.js";
import gateVolumeMonitoring from "./gate/volume-monitoring.js";
import gateVolumePlacement from "./gate/volume-placement.js";
import securityCapAdd from "./security/cap-add.js";
import securityDockerSocket from "./security/docker-socket.js";
import securityHostMount from "./security/host-mount.js";
import securityPortAllInterfaces from "./security/port-all-interfaces.js";
import securityPrivileged from "./security/privileged.js";
import securitySecretInCommand from "./security/secret-in-command.js";
import securityUnpinnedImage from "./security/unpinned-image.js";
import swarmBuild from "./swarm/build.js";
import swarmDependsOnCondition from "./swarm/depends-on-condition.js";
import swarmDotenv from "./swarm/dotenv.js";
import swarmDuplicatePort from "./swarm/duplicate-port.js";
import swarmHealthcheck from "./swarm/healthcheck.js";
import swarmLogRotation from "./swarm/log-rotation.js";
import swarmResourceLimits from "./swarm/resource-limits.js";
import swarmTraefikLabels from "./swarm/traefik-labels.js";
import swarmUpdateConfig from "./swarm/update-config.js";
import swarmFileVersion from "./swarm/file-version.js";
import swarmForbidden from "./swarm/forbidden.js";
import swarmHostIpPort from "./swarm/host-ip-port.js";
import swarmInterpolationAlt from "./swarm/interpolation-alt.js";
import swarmNestedInterpolation from "./swarm/nested-interpolation.js";
import swarmProfiles from "./swarm/profiles.js";
import swarmRejectedKey from "./swarm/rejected-key.js";
import swarmResetTag from "./swarm/reset-tag.js";
import swarmRestart from "./swarm/restart.js";
import swarmSecretModeString from "./swarm/secret-mode-string.js";
import swarmTopLevelName from "./swarm/top-level-name.js";
import swarmUnsupported from "./swarm/unsupported.js";
import swarmValueType from "./swarm/value-type.js";

export const RULES: readonly CheckRule[] = [
  gateMinio,
  gatePlaintextSecret,
  gateOffsiteBackup,
  gateBackupVerify,
  gateVolumeMonitoring,
  gateVolumeAutoresize,
  gateVolumePlacement,
  gatePostgresExporter,
  gateObservability,
  securityPortAllInterfaces,
  securityUnpinnedImage,
  securityPrivileged,
  securityDockerSocket,
  securityHostMount,
  securityCapAdd,
  securitySecretInCommand,
  swarmFileVersion,
  swarmTopLevelName,
  swarmRejectedKey,
  swarmForbidden,
  swarmProfiles,
  swarmDependsOnCondition,
  swarmValueType,
  swarmSecretModeString,
  swarmInterpolationAlt,
  swarmNestedInterpolation,
  swarmHostIpPort,
  swarmBuild,
  swarmRestart,
  swarmUnsupported,
  swarmResetTag,
  swarmDuplicatePort,
  swarmTraefikLabels,
  swarmDotenv,
  swarmUpdateConfig,
  swarmLogRotation,
  swarmHealthcheck,
  swarmResourceLimits,
];
