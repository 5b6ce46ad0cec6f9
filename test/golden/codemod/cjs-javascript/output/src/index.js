'use strict'

var path = require('path')
var config = require('./config')
var { readSecretEnv } = require('./read-secret-env')

console.log(JSON.stringify({ password: config.password, user: config.user, token: readSecretEnv('API_TOKEN'), base: path.basename('/a/b') }))
