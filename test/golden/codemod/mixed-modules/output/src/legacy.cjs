const { readSecretEnv } = require("./read-secret-env.cjs");

const { DB_PASSWORD } = { DB_PASSWORD: readSecretEnv("DB_PASSWORD") };

exports.password = DB_PASSWORD;
