/**
 * The name of the session cookie. Cookies are not port-scoped: a browser sends a cookie set by
 * 127.0.0.1:8080 to every other service on 127.0.0.1 too. Each Lage server therefore names its
 * cookie after its port, so another service on the host never receives a name it could recognise
 * (and two Lage servers on one host do not overwrite each other's sessions). With TLS the
 * `__Host-` prefix makes the browser refuse the cookie unless it is Secure, host-only and Path=/.
 * Shared by the server (sets and reads it) and Electron main (puts it into the window's jar).
 */
export function sessionCookieName(port: number, tls: boolean): string {
  return `${tls ? '__Host-' : ''}lagebild_session_${port}`;
}
