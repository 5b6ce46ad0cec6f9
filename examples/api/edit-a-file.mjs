// Edit a compose file through the lossless document: only the edited lines change.
import { EditError, parseCompose } from "compose-gate";

const text = `services:
  storage:
    image: nhost/storage:0.7.2
    environment:
      - S3_REGION=us-east-1   # MinIO ignores the region
      - S3_ENDPOINT=http://minio:9000
`;

const doc = parseCompose(text, { filename: "docker-compose.yml" });
doc.setEnv("storage", "S3_REGION", "fsn1"); // list form stays list form; the comment stays
doc.setEnv("storage", "S3_ENDPOINT", "https://fsn1.your-objectstorage.com");
doc.append(["services", "storage", "secrets"], "s3_secret_key");
console.log(doc.toString());

// An unsafe edit throws EditError instead of changing what it should not.
const shared = parseCompose("x-env: &env\n  TZ: UTC\nservices:\n  a:\n    environment: *env\n  b:\n    environment: *env\n");
try {
  shared.setEnv("a", "TZ", "Europe/Berlin");
} catch (error) {
  if (!(error instanceof EditError)) throw error;
  console.log(`refused (${error.code}): ${error.message}`);
}
