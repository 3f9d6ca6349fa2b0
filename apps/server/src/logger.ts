import type { FastifyServerOptions } from 'fastify';
import { TOKEN_MAC_PATTERN } from '@accord/api';

// Tokens and person keys are secrets: whoever reads the logs must not be able to open a board or
// speak as someone. Request URLs are logged with their `token` and `person` parameters redacted,
// and as a last line of defence every log line is scrubbed of anything shaped like a capability
// token's MAC, wherever it appears (an unknown path, an error message, a future field).

/** Replaces the values of `token` and `person` query parameters. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|person)=)[^&#]*/gi, '$1[redacted]');
}

const MAC = TOKEN_MAC_PATTERN.slice(1, -1);
/** A token's last part: `.facilitator.`, `.participant.` or `.viewer.` and 43 base64url characters. */
const TOKEN_MAC = new RegExp(`(\\.(?:facilitator|participant|viewer)\\.)${MAC}(?![A-Za-z0-9_-])`, 'g');

/** A log line with every token-shaped string's MAC and every `token=` / `person=` value replaced. */
export function scrubSecrets(line: string): string {
  return redactUrl(line).replace(TOKEN_MAC, '$1[redacted]');
}

/** A destination that scrubs each line before handing it on (pino writes one line per call). */
function scrubbing(dest: NodeJS.WritableStream): { write(line: string): void } {
  return { write: (line: string) => void dest.write(scrubSecrets(line)) };
}

/**
 * Fastify logger options: pino at `level`, request URLs redacted, the Authorization and person
 * headers censored, and every line scrubbed on its way to `dest` (stdout by default).
 */
export function loggerOptions(level: string, dest: NodeJS.WritableStream = process.stdout): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    stream: scrubbing(dest),
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'req.headers["x-accord-person"]', 'headers["x-accord-person"]', 'token'], censor: '[redacted]' },
    serializers: {
      req(req: { method: string; url: string; hostname?: string; ip?: string }) {
        return { method: req.method, url: redactUrl(req.url), host: req.hostname, remoteAddress: req.ip };
      },
    },
  };
}
