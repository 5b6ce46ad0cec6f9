'use strict'

var path = require('path')
var config = require('./config')

console.log(JSON.stringify({ password: config.password, user: config.user, token: process.env.API_TOKEN, base: path.basename('/a/b') }))
