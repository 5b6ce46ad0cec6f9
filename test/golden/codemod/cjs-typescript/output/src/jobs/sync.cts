import { readSecretEnv } from '../read-secret-env.js';

export const token = readSecretEnv('API_TOKEN')!;
export const headers = { authorization: `Bearer ${readSecretEnv('API_TOKEN')}` };
