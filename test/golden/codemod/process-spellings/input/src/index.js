'use strict'

// Every way this file reaches Node's process object: each read is rewritten.
const proc = require('node:process')
// A let may be reassigned before the read: reported, not rewritten.
let changing = require('process')

// A parameter named process is whatever the caller passes: reported, not rewritten.
function fromParameter(process) {
  return process.env.DB_PASSWORD
}

function fromCatch() {
  try {
    throw { env: { API_TOKEN: 'thrown' } }
  } catch (process) {
    return process.env.API_TOKEN
  }
}

const settings = {
  element: process['env'].DB_PASSWORD,
  globalThisRead: globalThis.process.env.DB_PASSWORD,
  globalRead: global['process'].env.API_TOKEN,
  required: require('process').env.API_TOKEN,
  alias: proc.env.API_TOKEN,
  aliasElement: (proc)['env']['DB_PASSWORD'],
  parameter: fromParameter({ env: { DB_PASSWORD: 'passed-in' } }),
  caught: fromCatch(),
  reassignable: changing.env.API_TOKEN,
  untouched: process.env.DB_USER,
}

console.log(JSON.stringify(settings))
