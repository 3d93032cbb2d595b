import { PassThrough } from 'node:stream';
import { createLogger } from '../../src/logger';

/** What a logger writes for one line, read back from the stream it writes to. */
function written(format: 'auto' | 'pretty' | 'json', isTTY: boolean): Promise<string> {
  const stream = new PassThrough();
  Object.assign(stream, { isTTY });
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const logger = createLogger('info', format, stream);
  logger.info({ url: 'http://127.0.0.1:4000/graphql' }, 'API listening');
  return new Promise((resolve) => setImmediate(() => resolve(Buffer.concat(chunks).toString('utf8'))));
}

describe('the console: readable lines for a person, JSON for a collector', () => {
  it('writes one JSON object a line when asked for json, and by default when stdout is no terminal', async () => {
    for (const text of [await written('json', true), await written('auto', false)]) {
      const line = JSON.parse(text.trim()) as Record<string, unknown>;
      expect(line).toMatchObject({ level: 30, msg: 'API listening', url: 'http://127.0.0.1:4000/graphql' });
    }
  });

  it('writes a readable line on a terminal: time, level, message and fields, no JSON, colours only on a terminal', async () => {
    const tty = await written('auto', true);
    const plain = await written('pretty', false);
    for (const text of [tty, plain]) {
      expect(text.trim().startsWith('{')).toBe(false);
      expect(text).toContain('API listening');
      expect(text).toContain('http://127.0.0.1:4000/graphql');
      expect(text).toMatch(/\d\d:\d\d:\d\d/);
    }
    expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: API listening/);
    // Escape codes (colours) only where a terminal reads them; a file or a pipe gets plain text.
    const escape = String.fromCharCode(27);
    expect(plain.includes(`${escape}[`)).toBe(false);
    expect(tty.includes(`${escape}[`)).toBe(true);
  });
});
