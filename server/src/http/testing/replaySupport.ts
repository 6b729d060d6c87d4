/** For the replay tests: requests signed in as the harness's default user where sign-in exists. */
import * as harness from '../../testing/harness.ts';

export function replayFetch(url: string): Promise<Response> {
  const token = (harness as { defaultToken?: (url: string) => string | undefined }).defaultToken?.(url);
  return fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

export async function replayJson<T>(url: string): Promise<T> {
  const res = await replayFetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
