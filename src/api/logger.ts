import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs (pino). Credentials never reach a log line: request headers are not logged at all, and
 * any field named like a secret is redacted wherever it appears.
 */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? process.env.SALVO_LOG_LEVEL ?? 'info',
      base: { service: 'salvo' },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'csrfToken',
          '*.csrfToken',
          'authorization',
          '*.authorization',
          'cookie',
          '*.cookie',
          'headers',
          '*.headers',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination,
  );
}

/** A logger that writes nothing (tests, benchmarks). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
