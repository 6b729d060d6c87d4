// Types for server-url.mjs.
export function parseServerUrl(output: string): string | null;
