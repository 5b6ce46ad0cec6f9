/** Which images are postgres_exporter (the checks ask too, without loading the transform). */
import { imageBaseName, parseImage } from "../../image/reference.js";

export function isPostgresExporterImage(image: string): boolean {
  return /(^|[-_])postgres(ql)?[-_]exporter$/.test(imageBaseName(parseImage(image)));
}
