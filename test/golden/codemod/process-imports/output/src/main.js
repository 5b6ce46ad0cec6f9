import proc from "node:process";
import * as nodeProcess from "process";
import { default as defaultProcess } from "process";
import { readSecretEnv } from "./read-secret-env.js";

const fromDefault = readSecretEnv("DB_PASSWORD");
const { API_TOKEN: fromNamespace } = { API_TOKEN: readSecretEnv("API_TOKEN") };
const fromNamedDefault = readSecretEnv("API_TOKEN");

// A block-scoped process shadows Node's inside its block only.
let shadowed;
{
  const process = { env: { DB_PASSWORD: "local" } };
  shadowed = process.env.DB_PASSWORD;
}
const afterBlock = readSecretEnv("DB_PASSWORD");

console.log(JSON.stringify({ fromDefault, fromNamespace, fromNamedDefault, shadowed, afterBlock }));
