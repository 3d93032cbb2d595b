// @ts-check
// A selected node's change history in the explorer's details panel (Query.history, schema/history.graphql): who
// changed what and when, newest first, a page at a time. Planner-only like the suggestions, and asked through the
// same role mechanism (api.js's isPlanner and plannerGql), so a viewer's page never sends it.
import { codeOf, isPlanner, plannerGql } from './api.js';
import { button, messageOf } from './dom.js';
import { HISTORY_PAGE, queries } from './documents.js';
import { text as t, language } from './i18n.js';
import { relationName, typeName } from './names.js';
import { suggestionButton } from './suggestions.js';
import { vocabulary } from './vocabulary.js';

/** A value longer than this is cut (the whole value is in the line's tooltip). */
const VALUE_MAX = 80;
/** The actor the history trigger gives a write made around the API, with the database password. */
const OUTSIDE_ACTOR = 'outside the API';

/**
 * @typedef {object} PropertyChange
 * @property {string} property
 * @property {unknown} before
 * @property {unknown} after
 * @property {boolean} withheld
 */

/**
 * @typedef {object} Change one entry of Query.history
 * @property {string} id
 * @property {string} at
 * @property {'NODE' | 'RELATIONSHIP'} entity
 * @property {'CREATED' | 'UPDATED' | 'DELETED'} action
 * @property {string | null} type
 * @property {string | null} fromId
 * @property {string | null} toId
 * @property {string} actor
 * @property {string} operation
 * @property {boolean} outsideApi
 * @property {string} auditEventId
 * @property {string | null} file
 * @property {number | null} row
 * @property {PropertyChange[]} properties
 */

/**
 * A JSON value as a planner reads it: — for none, lists joined, 是/否, never raw JSON.
 * @param {unknown} value
 * @returns {string}
 */
function valueText(value) {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.map(valueText).join('、') : '—';
  if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${valueText(v)}`)
      .join('；');
  }
  return String(value);
}

/** @param {string} text */
const cut = (text) => (text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX)}…` : text);

/**
 * An instant in the browser's time zone, to the second. The API gives nanoseconds (and may add a zone name), which
 * Date does not parse: they are cut to milliseconds first.
 * @param {string} at
 */
function localTime(at) {
  const date = new Date(
    String(at)
      .replace(/\[[^\]]*\]$/, '')
      .replace(/(\.\d{3})\d+/, '$1'),
  );
  if (Number.isNaN(date.getTime())) return String(at);
  return date.toLocaleString(language() === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/**
 * The plural @neo4j/graphql gives a type in its generated mutations (`updateEnterprises`, `createPeople`).
 * @param {string} type
 */
const pluralOf = (type) => (type === 'Person' ? 'People' : type.endsWith('y') ? `${type.slice(0, -1)}ies` : `${type}s`);

/**
 * An operation in the explorer's words where it has them: a generated mutation or an import of a label of the
 * graph's vocabulary (修改企业, 导入企业), an undo, a direct write; any other operation as the API names it.
 * @param {string} operation
 * @param {readonly string[]} labels
 */
function operationText(operation, labels) {
  /** @param {string} plural */
  const typeOf = (plural) => labels.find((type) => pluralOf(type).toLowerCase() === plural.toLowerCase());
  const generated = /^(create|update|delete)(\w+)$/.exec(operation);
  const generatedType = generated && typeOf(generated[2] ?? '');
  if (generated && generatedType) return t(`op_${generated[1]}`, { type: typeName(generatedType) });
  const imported = /^import (\w+)$/.exec(operation);
  const importedType = imported && typeOf(imported[1] ?? '');
  if (importedType) return t('op_import', { type: typeName(importedType) });
  if (operation === 'undo import') return t('op_undoImport');
  if (operation === 'direct Cypher') return t('op_direct');
  return operation;
}

/**
 * An element with a class and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} className
 * @param {...(string | Node)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function element(tag, className, ...children) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.append(...children);
  return el;
}

/**
 * Each property a change touched: `name: before → after`, or one value for a node created or deleted.
 * @param {Change} change
 */
function propertyList(change) {
  const list = element('ul', 'change-properties');
  const whole = change.entity === 'NODE' && change.action !== 'UPDATED';
  for (const p of change.properties) {
    // A created or deleted node is known by its id already.
    if (whole && p.property === 'id') continue;
    const li = element('li', p.withheld ? 'withheld' : '');
    li.dataset.property = p.property;
    let value;
    if (p.withheld) value = t('withheld');
    else if (change.action === 'CREATED') value = valueText(p.after);
    else if (change.action === 'DELETED') value = valueText(p.before);
    else value = `${valueText(p.before)} → ${valueText(p.after)}`;
    li.title = `${p.property}: ${value}`;
    if (p.withheld || change.action === 'UPDATED') {
      li.append(element('span', 'property', p.property), ': ');
      if (p.withheld) li.append(value);
      else {
        li.append(
          element('span', 'before', cut(valueText(p.before))),
          ' → ',
          element('span', 'after', cut(valueText(p.after))),
        );
      }
    } else li.append(element('span', 'property', p.property), ': ', cut(value));
    list.append(li);
  }
  return list;
}

/**
 * What one change did: 新建/修改/删除, for a relationship its type and the other end (a button that opens it).
 * @param {Change} change
 * @param {string} id the node whose history this is
 */
function changeItem(change, id) {
  const li = element('li', 'change');
  li.dataset.changeId = change.id;
  li.dataset.entity = change.entity;
  li.dataset.action = change.action;
  const what = element('span', 'change-what');
  if (change.entity === 'RELATIONSHIP') {
    const outward = change.fromId === id;
    const other = String(outward ? change.toId : change.fromId);
    const type = String(change.type);
    const name = relationName(type, outward);
    what.append(
      `${t(`rel_${change.action}`)} `,
      element('span', 'relationship', name === type ? name : `${name}（${type}）`),
      outward ? ' → ' : ' ← ',
      suggestionButton(other, other, 'suggestion minor'),
    );
  } else what.textContent = t(`node_${change.action}`);
  li.append(what);
  if (change.file) {
    const where = change.row === null ? t('fromFile', { file: change.file }) : t('fromRow', change);
    li.append(' ', element('span', 'meta source', where));
  }
  if (change.properties.length) li.append(propertyList(change));
  return li;
}

/**
 * One write (one AuditEvent): when, who (a write around the API flagged), through what; then its changes.
 * @param {Change} change
 * @param {readonly string[]} labels
 */
function writeItem(change, labels) {
  const outside = change.outsideApi || change.actor === OUTSIDE_ACTOR;
  const li = element('li', outside ? 'write outside' : 'write');
  li.dataset.auditEventId = change.auditEventId;
  const time = element('time', '', localTime(change.at));
  time.dateTime = change.at;
  time.title = change.at;
  const actor = element('span', outside ? 'actor outside' : 'actor', outside ? t('outsideApi') : change.actor);
  if (outside) actor.title = t('outsideApiHint');
  const operation = element('span', 'operation', operationText(change.operation, labels));
  operation.title = change.operation;
  li.append(element('div', 'write-head', time, ' · ', actor, ' · ', operation), element('ul', 'changes'));
  return li;
}

/**
 * The node labels operations are named by; none when vocabulary.json cannot be read, and then each operation is
 * shown as the API names it rather than the history failing.
 * @returns {Promise<readonly string[]>}
 */
const operationLabels = () =>
  vocabulary().then(
    (v) => v.labels,
    () => [],
  );

/**
 * The 变更记录 section of a selected node: its changes newest first, the first page now and the next on "more",
 * consecutive changes of one write under one heading. Without the planner role a hint, and no request.
 * @param {string} id
 * @param {() => boolean} isCurrent whether the details still show this node (a late answer is dropped)
 */
export function historyBox(id, isCurrent) {
  const box = element('section', 'history');
  box.id = 'history';
  box.setAttribute('aria-live', 'polite');
  const heading = element('h3', '', t('history'));
  const hint = element('p', 'hint');
  box.append(heading, hint);
  if (isPlanner() === false) {
    box.dataset.state = 'needs-planner';
    hint.textContent = t('historyNeedsPlanner');
    return box;
  }
  const list = element('ol', 'history-list');
  list.id = 'history-list';
  list.setAttribute('aria-label', t('history'));
  let loaded = 0;
  const more = button(t('historyMore'), () => load());
  more.id = 'history-more';
  more.hidden = true;

  async function load() {
    box.dataset.state = 'loading';
    hint.textContent = t('loading');
    hint.classList.remove('error');
    more.disabled = true;
    try {
      const [answer, labels] = await Promise.all([
        plannerGql(queries.history, { id, offset: loaded }),
        operationLabels(),
      ]);
      if (!isCurrent()) return;
      const data = /** @type {{ history: Change[] }} */ (answer);
      // Never more than a page, whatever the answer holds.
      const page = data.history.slice(0, HISTORY_PAGE);
      for (const change of page) {
        const last = list.lastElementChild;
        const write =
          last instanceof HTMLElement && last.dataset.auditEventId === change.auditEventId
            ? last
            : list.appendChild(writeItem(change, labels));
        // Within a write, the node's own change before its relationships'.
        const changes = /** @type {HTMLElement} */ (write.querySelector('.changes'));
        const item = changeItem(change, id);
        const firstRelationship = changes.querySelector(':scope > li[data-entity="RELATIONSHIP"]');
        if (change.entity === 'NODE' && firstRelationship) changes.insertBefore(item, firstRelationship);
        else changes.append(item);
      }
      loaded += page.length;
      box.dataset.state = 'shown';
      box.dataset.loaded = String(loaded);
      hint.textContent = loaded === 0 ? t('historyNone') : '';
      hint.hidden = !hint.textContent;
      more.hidden = page.length < HISTORY_PAGE;
      more.disabled = false;
    } catch (error) {
      if (!isCurrent()) return;
      const forbidden = codeOf(error) === 'FORBIDDEN';
      box.dataset.state = forbidden ? 'needs-planner' : 'error';
      hint.hidden = false;
      hint.textContent = forbidden ? t('historyNeedsPlanner') : messageOf(error);
      hint.classList.toggle('error', !forbidden);
      more.disabled = false;
    }
  }

  box.append(list, element('p', 'pager', more));
  load();
  return box;
}
