/** The golden cases of the example transform, run by compose-gate's own harness. */
import { goldenSuite } from "compose-gate/testing";
import restartPolicy from "./restart-policy.js";

goldenSuite({ dir: new URL("./golden", import.meta.url), transforms: [restartPolicy] });
