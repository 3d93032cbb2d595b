import os from 'node:os';
import { parseArgs } from 'node:util';
import { mintToken } from '../auth';
import { isRole, ROLES, type Role } from '../domain';
import { ConfigError, loadConfig } from '../config';
import { argumentsOrExit } from './commandLine';

const USAGE = `usage: npm run token -- --role ROLE [--role ROLE …] [--sub NAME] [--ttl 8h]
Prints a bearer token signed with AUTH_JWT_SECRET (and AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE when set).
  --role   ${ROLES.join(', ')} (each includes the ones before it); repeat for several
  --sub    who the token is for, recorded as the actor of every change it makes (default: your user name)
  --ttl    lifetime: a number and s, m, h or d, at most AUTH_MAX_TOKEN_AGE (default 8h; 24h unless set)
exit codes: 0 printed; 2 usage or configuration error`;

/** What the command was asked for; throws an Error naming the option and what it accepts. */
export function parseTokenArgs(argv: string[]): { help: boolean; roles: Role[]; sub: string; ttl: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true, roles: [], sub: '', ttl: '8h' };
  const roles = values.role ?? [];
  if (roles.length === 0) throw new Error(`--role is required (one of ${ROLES.join(', ')})`);
  const unknown = roles.find((r) => !isRole(r));
  if (unknown !== undefined) throw new Error(`--role ${unknown} is not a role; the roles are ${ROLES.join(', ')}`);
  const sub = values.sub ?? os.userInfo().username;
  if (sub.trim() === '' || sub.length > 256) throw new Error('--sub must be 1 to 256 characters');
  return { help: false, roles: roles as Role[], sub, ttl: values.ttl ?? '8h' };
}

async function main(): Promise<number> {
  const args = argumentsOrExit(parseTokenArgs, USAGE);
  if (typeof args === 'number') return args;
  try {
    const config = loadConfig(process.env);
    console.log(await mintToken(config.auth, args));
    return 0;
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `token: ${(error as Error).message}`);
    return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('fatal:', error);
    process.exit(2);
  },
);
