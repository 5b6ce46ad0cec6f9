const { DB_PASSWORD } = process.env;

exports.password = DB_PASSWORD;
