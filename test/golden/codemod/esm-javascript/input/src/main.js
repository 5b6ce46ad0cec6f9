import { dbPassword } from "./db.mjs";
import { token } from "./server.js";

console.log(JSON.stringify({ dbPassword, token }));
