/** The redaction of logs and diagnostics lives in core (electron/core/logs/redact.ts) so the host and CLI share it. */
export * from '../core/logs/redact.ts';
