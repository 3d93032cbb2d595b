// @ts-check
// The page's elements, looked up by id and checked to be of the kind the code expects, and the small pieces every
// panel builds (a button, the status line).

/**
 * The element of id `id`, of kind `kind` (HTMLElement unless given); a missing or other element is a bug of the page
 * and throws.
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @param {new () => T} [kind]
 * @returns {T}
 */
export function $(id, kind) {
  const element = document.getElementById(id);
  const expected = kind ?? HTMLElement;
  if (!(element instanceof expected)) throw new Error(`the page has no ${expected.name} #${id}`);
  return /** @type {T} */ (element);
}

/**
 * A button that calls `onClick`.
 * @param {string} label
 * @param {(event: MouseEvent) => void} onClick
 */
export function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/**
 * Says `message` in the footer's status line (in red when `isError`).
 * @param {string} message
 * @param {boolean} [isError]
 */
export function status(message, isError) {
  const el = $('status');
  el.textContent = message;
  el.className = isError ? 'error' : '';
}

/**
 * The message of whatever was thrown.
 * @param {unknown} error
 */
export const messageOf = (error) => (error instanceof Error ? error.message : String(error));
