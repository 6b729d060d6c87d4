/** `?view=audit` opens the audit log instead of the dashboard (admins; the server decides). */
export const AUDIT_VIEW_QUERY = 'view=audit';

export const isAuditView = (search: string): boolean => new URLSearchParams(search).get('view') === 'audit';
