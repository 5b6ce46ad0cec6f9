import legacy from "./legacy.cjs";

console.log(JSON.stringify({ token: process.env.API_TOKEN, password: legacy.password }));
