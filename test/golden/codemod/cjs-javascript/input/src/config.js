module.exports = {
  password: process.env.DB_PASSWORD,
  user: process.env.DB_USER
}
