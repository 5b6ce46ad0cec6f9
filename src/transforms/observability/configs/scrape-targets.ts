/**
 * What the metrics store scrapes: the exporters of the app stack, found by image, reached over
 * the network the two stacks share. Under Swarm a global exporter has one task per node, and
 * only Docker's `tasks.<service>` DNS name resolves to all of them (the pattern
 * stefanprodan/swarmprom's `prometheus/conf/prometheus.yml` uses); a single-replica exporter is
 * scraped by its service name.
 */
export interface ScrapeTarget {
  /** The Prometheus job name: the alert rules select on it (`job="node"`). */
  job: string;
  /** The exporter's service name in the app stack (a network alias on the shared network). */
  service: string;
  port: number;
  /** Resolve every task (`tasks.<service>`, Swarm only) rather than the service's one address. */
  perTask: boolean;
}

export const NODE_EXPORTER_PORT = 9100;
export const POSTGRES_EXPORTER_PORT = 9187;
