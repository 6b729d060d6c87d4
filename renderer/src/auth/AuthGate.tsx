/** Shows the login page until the server knows who we are, then the app (dashboard, wall, replay). */
import type { ReactNode } from 'react';
import { useAuth } from './session.ts';
import { LoginPage } from './LoginPage.tsx';

export function AuthGate({ children }: { children: ReactNode }) {
  const status = useAuth((s) => s.status);
  if (status === 'signedIn') return <>{children}</>;
  if (status === 'checking') return <div className="login-page" data-testid="auth-checking" />;
  return <LoginPage />;
}
