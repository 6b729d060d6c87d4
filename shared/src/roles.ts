/**
 * Who may do what. One matrix, used by the server to authorise every subscription and command and
 * by the renderer to hide what a role cannot use (hiding is convenience; the server decides).
 */
export const ROLES = ['operator', 'wall', 'analyst', 'admin', 'ingest', 'federation'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** The live picture (snapshot + batches). */
  'live.read',
  /** Caller names, phone numbers, free-text notes and descriptions. */
  'personal.read',
  /** Positions of handheld radios and officers on foot. */
  'handheld.read',
  'command.assign',
  'command.acknowledge',
  'command.setState',
  'command.open',
  'command.note',
  'events.read',
  'replay.read',
  'heatmap.read',
  'export',
  'audit.read',
  'users.manage',
  'ingest.write',
  /**
   * A neighbouring Lage server's subscription to /live: only what the sharing policy in the settings
   * file allows (server/src/federation/share.ts), never the HTTP API's pictures.
   */
  'federation.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const OPERATOR: Permission[] = [
  'live.read',
  'personal.read',
  'handheld.read',
  'command.assign',
  'command.acknowledge',
  'command.setState',
  'command.open',
  'command.note',
  'heatmap.read',
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  operator: OPERATOR,
  // A wall is read-only and shows no personal data, not even positions of officers on foot.
  wall: ['live.read', 'heatmap.read'],
  // Analysts replay and export; personal data only with a stated reason (audited per replay).
  analyst: [
    'live.read',
    'personal.read',
    'handheld.read',
    'events.read',
    'replay.read',
    'heatmap.read',
    'export',
  ],
  admin: [...OPERATOR, 'events.read', 'replay.read', 'export', 'audit.read', 'users.manage'],
  ingest: ['ingest.write'],
  federation: ['federation.read'],
};

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}

export const COMMAND_PERMISSION = {
  assign: 'command.assign',
  acknowledge: 'command.acknowledge',
  // Whoever may answer a speech request may acknowledge an emergency: the same operator duty.
  acknowledgeEmergency: 'command.acknowledge',
  setState: 'command.setState',
  open: 'command.open',
  note: 'command.note',
} as const satisfies Record<string, Permission>;
