const { readSecretEnv } = require("./read-secret-env")

module.exports = {
  password: readSecretEnv("DB_PASSWORD"),
  user: process.env.DB_USER
}
