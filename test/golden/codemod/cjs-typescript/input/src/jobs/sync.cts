export const token = process.env.API_TOKEN!;
export const headers = { authorization: `Bearer ${process.env['API_TOKEN']}` };
