/**
 * Resource limits and reservations per component, for the 1–3 node stacks the gate is about
 * (chosen defaults, not upstream figures): a limit keeps one runaway component from taking the
 * node the database runs on, a reservation keeps Swarm from placing it where it cannot start.
 * Memory is what these components grow in (TSDB head, query caches, ingester chunks); CPU limits
 * only cap bursts.
 */
import type { Resources } from "./service-edits.js";

const r = (cpus: string, memory: string, reserved: string): Resources => ({ limits: { cpus, memory }, reservations: { memory: reserved } });

export const RESOURCES = {
  prometheus: r("1", "1G", "256M"),
  mimir: r("1", "2G", "512M"),
  alertmanager: r("0.25", "128M", "32M"),
  loki: r("1", "1G", "256M"),
  tempo: r("1", "1G", "256M"),
  alloy: r("0.5", "256M", "64M"),
  "alloy-metrics": r("0.5", "256M", "64M"),
  grafana: r("0.5", "512M", "128M"),
} as const;
