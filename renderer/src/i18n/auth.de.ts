/** German strings of sign-in and roles (merged into de.ts). */
export const authDe = {
  'auth.prompt': 'Bitte melden Sie sich an.',
  'auth.user': 'Benutzername',
  'auth.password': 'Passwort',
  'auth.submit': 'Anmelden',
  'auth.logout': 'Abmelden',
  'auth.otherLanguage': 'English',
  'auth.notAllowed': 'Ihre Rolle darf diese Aktion nicht ausführen.',
  'auth.failure.wrong': 'Benutzername oder Passwort falsch.',
  'auth.failure.rateLimited': 'Zu viele Anmeldeversuche. Bitte warten Sie eine Minute.',
  'auth.failure.unreachable': 'Der Lage-Server ist nicht erreichbar.',
  'auth.failure.failed': 'Die Anmeldung ist fehlgeschlagen.',
  'role.operator': 'Disponent',
  'role.wall': 'Lagewand',
  'role.analyst': 'Analyse',
  'role.admin': 'Administration',
  'role.ingest': 'Einspeisung',
} as const;
