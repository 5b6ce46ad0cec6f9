import { format } from 'node:util'
import { log } from './log'
import { readSecretEnv } from './read-secret-env'

let smtpPassword: string | undefined
let apiToken: string | undefined

export function load() {
  ;({ SMTP_PASSWORD: smtpPassword, API_TOKEN: apiToken } = { SMTP_PASSWORD: readSecretEnv('SMTP_PASSWORD'), API_TOKEN: readSecretEnv('API_TOKEN') })
  log(format('mail configured: %s', Boolean(smtpPassword && apiToken)))
}

export const sender = process.env.MAIL_FROM || 'noreply@example.com'
