import proc from "node:process";
import * as nodeProcess from "process";
import { default as defaultProcess } from "process";

const fromDefault = proc.env.DB_PASSWORD;
const { API_TOKEN: fromNamespace } = nodeProcess.env;
const fromNamedDefault = defaultProcess.env.API_TOKEN;

// A block-scoped process shadows Node's inside its block only.
let shadowed;
{
  const process = { env: { DB_PASSWORD: "local" } };
  shadowed = process.env.DB_PASSWORD;
}
const afterBlock = process.env.DB_PASSWORD;

console.log(JSON.stringify({ fromDefault, fromNamespace, fromNamedDefault, shadowed, afterBlock }));
