// @ts-check
// The API as the page uses it: POST /graphql with the kept bearer token, errors by their code, and the planner role.
// Where authentication is configured the API wants a bearer token: the page asks for one on a 401 and keeps it in
// localStorage (TOKEN_KEY), so a planner pastes it once per browser. In local mode no token is needed or asked for.
import { $ } from './dom.js';
import { text as t } from './i18n.js';

const TOKEN_KEY = 'innovation-graph.token';

/** The kept token, or '' when there is none. */
export const storedToken = () => window.localStorage.getItem(TOKEN_KEY) || '';

/**
 * Keeps `token` for the next requests (and page loads); forgets what the last token's answers told of its role.
 * @param {string} token
 */
export function keepToken(token) {
  window.localStorage.setItem(TOKEN_KEY, token);
  plannerAnswer = null;
}

/** Forgets the kept token and what its answers told of its role. */
export function forgetToken() {
  window.localStorage.removeItem(TOKEN_KEY);
  plannerAnswer = null;
}

/** @returns {Record<string, string>} */
export const authHeaders = () => (storedToken() ? { authorization: `Bearer ${storedToken()}` } : {});

/**
 * Shows the token form (and puts the cursor in it when `focus`).
 * @param {boolean} focus
 */
export function showTokenForm(focus) {
  $('token-form').hidden = false;
  if (focus) $('token-input').focus();
}

/** A GraphQL error of the API, with its `extensions.code` (undefined for an HTTP failure without one). */
export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {string | undefined} code
   */
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/**
 * The `extensions.code` of an error the API gave, or undefined for anything else thrown.
 * @param {unknown} error
 */
export const codeOf = (error) => (error instanceof ApiError ? error.code : undefined);

/**
 * @typedef {object} GraphQLBody
 * @property {unknown} [data]
 * @property {{ message: string, extensions?: { code?: string } }[]} [errors]
 */

/**
 * Sends `query` with `variables`; resolves to the answer's data, rejects with an ApiError. The data's shape is the
 * query's selection: each caller states it (answers.js) with a cast, as nothing derives it from the query's text
 * without a build step.
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @returns {Promise<unknown>}
 */
export async function gql(query, variables) {
  const headers = { 'content-type': 'application/json', ...authHeaders() };
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  /** @type {GraphQLBody} */
  const body = (response.headers.get('content-type') || '').includes('json')
    ? await response.json()
    : { errors: [{ message: `HTTP ${response.status} ${response.statusText}` }] };
  if (response.status === 401) {
    showTokenForm(true);
    throw new ApiError(storedToken() ? t('tokenRefused') : t('needsToken'), 'UNAUTHENTICATED');
  }
  if (body.errors && body.errors.length) {
    const code = body.errors[0]?.extensions?.code;
    throw new ApiError(body.errors.map((e) => e.message).join('; '), code);
  }
  return body.data;
}

// The planner role: the gap lists, coverage and suggestions need it (a viewer gets 403 FORBIDDEN), and the API has
// no "who am I" field. A token with a `roles` claim tells before any request (a viewer's page never asks for
// suggestions); without one (local mode, or roles under another claim) the first planner-only answer does, kept
// until the token changes.
const PLANNER_ROLES = ['planner', 'editor', 'admin'];
/** @type {boolean | null} */
let plannerAnswer = null;

/**
 * The `roles` claim of the kept token (not verified here: the API does that), or null when there is none.
 * @returns {string[] | null}
 */
function tokenRoles() {
  const payload = storedToken().split('.')[1];
  if (!payload) return null;
  try {
    const bytes = Uint8Array.from(window.atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const claims = /** @type {{ roles?: unknown }} */ (JSON.parse(new window.TextDecoder().decode(bytes)));
    return Array.isArray(claims.roles) ? claims.roles.map(String) : null;
  } catch {
    return null;
  }
}

/**
 * true or false when the caller's planner role is known, null when not yet.
 * @returns {boolean | null}
 */
export function isPlanner() {
  const roles = tokenRoles();
  return roles ? roles.some((r) => PLANNER_ROLES.includes(r)) : plannerAnswer;
}

/**
 * A planner-only request: its answer (or its 403) tells whether the caller has the role.
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @returns {Promise<unknown>} the data, as gql's
 */
export async function plannerGql(query, variables) {
  try {
    const data = await gql(query, variables);
    plannerAnswer = true;
    return data;
  } catch (error) {
    if (codeOf(error) === 'FORBIDDEN') plannerAnswer = false;
    throw error;
  }
}
