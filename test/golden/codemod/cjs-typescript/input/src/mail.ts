import { format } from 'node:util'
import { log } from './log'

let smtpPassword: string | undefined
let apiToken: string | undefined

export function load() {
  ;({ SMTP_PASSWORD: smtpPassword, API_TOKEN: apiToken } = process.env)
  log(format('mail configured: %s', Boolean(smtpPassword && apiToken)))
}

export const sender = process.env.MAIL_FROM || 'noreply@example.com'
