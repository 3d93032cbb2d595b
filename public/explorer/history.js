// A selected node's change history in the explorer's details panel (Query.history, schema/history.graphql): who
// changed what and when, newest first, a page at a time. Planner-only like the suggestions, and asked through the
// same role mechanism (explorer.js passes its isPlanner and plannerGql in), so a viewer's page never sends it.
(function () {
  'use strict';

  const { text: t, language } = window.explorerText;
  /** Changes a page: the first page, and each "more" (documents.js, with the query). */
  const { HISTORY_PAGE } = window.explorerDocuments;
  /** A value longer than this is cut (the whole value is in the line's tooltip). */
  const VALUE_MAX = 80;
  /** The actor the history trigger gives a write made around the API, with the database password. */
  const OUTSIDE_ACTOR = 'outside the API';
  const QUERY = window.explorerDocuments.queries.history;

  /** A JSON value as a planner reads it: — for none, lists joined, 是/否, never raw JSON. */
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

  const cut = (text) => (text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX)}…` : text);

  /**
   * An instant in the browser's time zone, to the second. The API gives nanoseconds (and may add a zone name), which
   * Date does not parse: they are cut to milliseconds first.
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

  /** The plural @neo4j/graphql gives a type in its generated mutations (`updateEnterprises`, `createPeople`). */
  const pluralOf = (type) =>
    type === 'Person' ? 'People' : type.endsWith('y') ? `${type.slice(0, -1)}ies` : `${type}s`;

  /**
   * An operation in the explorer's words where it has them: a generated mutation or an import of a type it names
   * (修改企业, 导入企业), an undo, a direct write; any other operation as the API names it.
   */
  function operationText(operation, api) {
    const typeOf = (plural) => api.types.find((type) => pluralOf(type).toLowerCase() === plural.toLowerCase());
    const generated = /^(create|update|delete)(\w+)$/.exec(operation);
    if (generated && typeOf(generated[2])) {
      return t(`op_${generated[1]}`, { type: api.typeName(typeOf(generated[2])) });
    }
    const imported = /^import (\w+)$/.exec(operation);
    if (imported && typeOf(imported[1])) return t('op_import', { type: api.typeName(typeOf(imported[1])) });
    if (operation === 'undo import') return t('op_undoImport');
    if (operation === 'direct Cypher') return t('op_direct');
    return operation;
  }

  function element(tag, className, ...children) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    el.append(...children);
    return el;
  }

  /** Each property a change touched: `name: before → after`, or one value for a node created or deleted. */
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

  /** What one change did: 新建/修改/删除, for a relationship its type and the other end (a button that opens it). */
  function changeItem(change, id, api) {
    const li = element('li', 'change');
    li.dataset.changeId = change.id;
    li.dataset.entity = change.entity;
    li.dataset.action = change.action;
    const what = element('span', 'change-what');
    if (change.entity === 'RELATIONSHIP') {
      const outward = change.fromId === id;
      const other = outward ? change.toId : change.fromId;
      const name = api.relationName(change.type, outward);
      what.append(
        `${t(`rel_${change.action}`)} `,
        element('span', 'relationship', name === change.type ? name : `${name}（${change.type}）`),
        outward ? ' → ' : ' ← ',
        api.nodeButton(other, other, 'suggestion minor'),
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

  /** One write (one AuditEvent): when, who (a write around the API flagged), through what; then its changes. */
  function writeItem(change, api) {
    const outside = change.outsideApi || change.actor === OUTSIDE_ACTOR;
    const li = element('li', outside ? 'write outside' : 'write');
    li.dataset.auditEventId = change.auditEventId;
    const time = element('time', '', localTime(change.at));
    time.dateTime = change.at;
    time.title = change.at;
    const actor = element('span', outside ? 'actor outside' : 'actor', outside ? t('outsideApi') : change.actor);
    if (outside) actor.title = t('outsideApiHint');
    const operation = element('span', 'operation', operationText(change.operation, api));
    operation.title = change.operation;
    li.append(element('div', 'write-head', time, ' · ', actor, ' · ', operation), element('ul', 'changes'));
    return li;
  }

  /**
   * The 变更记录 section of a selected node: its changes newest first, the first page now and the next on "more",
   * consecutive changes of one write under one heading. Without the planner role a hint, and no request. `api` is
   * explorer.js's: isPlanner, plannerGql, isCurrent (the details still show this node), nodeButton, typeName,
   * relationName, button, and the node types it names (types).
   */
  function historyBox(id, api) {
    const box = element('section', 'history');
    box.id = 'history';
    box.setAttribute('aria-live', 'polite');
    const heading = element('h3', '', t('history'));
    const hint = element('p', 'hint');
    box.append(heading, hint);
    if (api.isPlanner() === false) {
      box.dataset.state = 'needs-planner';
      hint.textContent = t('historyNeedsPlanner');
      return box;
    }
    const list = element('ol', 'history-list');
    list.id = 'history-list';
    list.setAttribute('aria-label', t('history'));
    let loaded = 0;
    const more = api.button(t('historyMore'), () => load());
    more.id = 'history-more';
    more.hidden = true;

    async function load() {
      box.dataset.state = 'loading';
      hint.textContent = t('loading');
      hint.classList.remove('error');
      more.disabled = true;
      try {
        const data = await api.plannerGql(QUERY, { id, offset: loaded });
        if (!api.isCurrent()) return;
        // Never more than a page, whatever the answer holds.
        const page = data.history.slice(0, HISTORY_PAGE);
        for (const change of page) {
          const last = list.lastElementChild;
          const write =
            last && last.dataset.auditEventId === change.auditEventId ? last : list.appendChild(writeItem(change, api));
          // Within a write, the node's own change before its relationships'.
          const changes = write.querySelector('.changes');
          const item = changeItem(change, id, api);
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
        if (!api.isCurrent()) return;
        box.dataset.state = error.code === 'FORBIDDEN' ? 'needs-planner' : 'error';
        hint.hidden = false;
        hint.textContent = error.code === 'FORBIDDEN' ? t('historyNeedsPlanner') : error.message;
        hint.classList.toggle('error', error.code !== 'FORBIDDEN');
        more.disabled = false;
      }
    }

    box.append(list, element('p', 'pager', more));
    load();
    return box;
  }

  window.explorerHistory = { historyBox };
})();
