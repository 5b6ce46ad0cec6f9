/*
 * Licensed under MIT.
 */

export const header = { authorization: process.env.API_TOKEN };
