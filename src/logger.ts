import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config';

export type { Logger };

/**
 * One logger per process; children carry the request id. `json` (collectors, CI): one JSON object a line on stdout.
 * `pretty` (a person at a terminal): `12:00:01 INFO  API listening  url=…`, through pino-pretty in this thread (no
 * worker), colours only where the stream is a terminal. `auto`: pretty when stdout is a terminal, else JSON.
 */
export function createLogger(
  level: LogLevel,
  format: 'auto' | 'pretty' | 'json' = 'json',
  stream: NodeJS.WritableStream = process.stdout,
): Logger {
  const isTty = (stream as { isTTY?: boolean }).isTTY === true;
  const options = { level, base: { service: 'innovation-graph' } };
  if (format === 'json' || (format === 'auto' && !isTty)) {
    return stream === process.stdout ? pino(options) : pino(options, stream);
  }
  return pino(
    options,
    pretty({
      destination: stream,
      colorize: isTty,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,service',
      singleLine: true,
      sync: true,
    }),
  );
}
