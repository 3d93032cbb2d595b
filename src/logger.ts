import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

/** Structured JSON logs on stdout; one logger per process, children carry the request id. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'innovation-graph' } });
}
