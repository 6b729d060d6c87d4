/** English strings of sign-in and roles (merged into en.ts). */
import type { authDe } from './auth.de.ts';

export const authEn: Record<keyof typeof authDe, string> = {
  'auth.prompt': 'Please sign in.',
  'auth.user': 'User name',
  'auth.password': 'Password',
  'auth.submit': 'Sign in',
  'auth.logout': 'Sign out',
  'auth.otherLanguage': 'Deutsch',
  'auth.notAllowed': 'Your role may not do this.',
  'auth.failure.wrong': 'Wrong user name or password.',
  'auth.failure.rateLimited': 'Too many sign-in attempts. Please wait a minute.',
  'auth.failure.rateLimitedFor': 'Too many sign-in attempts. Please wait {seconds} s.',
  'auth.failure.unreachable': 'The Lage server cannot be reached.',
  'auth.failure.failed': 'Signing in failed.',
  'role.operator': 'Operator',
  'role.wall': 'Wall display',
  'role.analyst': 'Analyst',
  'role.admin': 'Administrator',
  'role.ingest': 'Ingest',
  'role.federation': 'Federation peer',
};
