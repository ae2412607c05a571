// Routes anyone may call, and routes that change only the caller's own things (so auditors may).
// Adding to either list is a security decision: it must be made here, on purpose. The authorization
// tests read them.

export const publicOperations = new Set([
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/auth/login',
  // a heartbeat push URL is its own credential (a secret token in the path)
  'GET /api/v1/heartbeats/{token}',
  'POST /api/v1/heartbeats/{token}',
  // a published status page is for anyone; unpublished and unknown slugs answer the same 404
  'GET /api/v1/public/status-pages/{slug}',
]);

export const selfServiceOperations = new Set([
  'POST /api/v1/auth/logout',
  'PATCH /api/v1/auth/me',
  'POST /api/v1/auth/password',
  'POST /api/v1/tokens',
  'DELETE /api/v1/tokens/{id}',
  // one's own notification centre and notification preferences
  'POST /api/v1/me/notifications/{id}/read',
  'POST /api/v1/me/notifications/read-all',
  'PUT /api/v1/me/notification-preferences',
]);
