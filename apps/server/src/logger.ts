import type { FastifyServerOptions } from 'fastify';

/** Replaces the value of any `token` query parameter so capability tokens never reach logs. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

/**
 * Fastify logger options: pino at `level`, tokens redacted from request URLs and from the
 * Authorization header (pino's default request serializer would not print the header, but a
 * future `req.headers` log line would).
 */
export function loggerOptions(level: string): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'token'], censor: '[redacted]' },
    serializers: {
      req(req: { method: string; url: string; hostname?: string; ip?: string }) {
        return { method: req.method, url: redactUrl(req.url), host: req.hostname, remoteAddress: req.ip };
      },
    },
  };
}
