export const API_VERSION = process.env.API_VERSION ?? '1';
