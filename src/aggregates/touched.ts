import {
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  type GraphQLInputType,
  isInputObjectType,
  isListType,
} from 'graphql';
import { isLabel, type Label } from '../domain';
import type { Touched } from './upkeep';

/** The interfaces of the schema whose `<Name>Where` selects nodes of several labels. */
const INTERFACE_LABELS: Record<string, Label[]> = {
  Organization: ['Enterprise', 'University', 'ResearchInstitute'],
  AcademicOrganization: ['University', 'ResearchInstitute'],
};

/** The labels a `<Name>Where` input type selects nodes of, or null when it is no node filter. */
function whereLabels(typeName: string): Label[] | null {
  const name = typeName.endsWith('Where') ? typeName.slice(0, -'Where'.length) : null;
  if (name === null) return null;
  if (isLabel(name)) return [name];
  return INTERFACE_LABELS[name] ?? null;
}

/** The label a `<Label>CreateInput` creates, or null. */
function createdLabel(typeName: string): Label | null {
  const name = typeName.endsWith('CreateInput') ? typeName.slice(0, -'CreateInput'.length) : null;
  return name !== null && isLabel(name) ? name : null;
}

/** The ids a node filter names when it names nodes by id only (`{ id: { eq } }` or `{ id: { in } }`), else null. */
function idsOnly(where: unknown): string[] | null {
  if (typeof where !== 'object' || where === null) return null;
  const keys = Object.keys(where);
  if (keys.length !== 1 || keys[0] !== 'id') return null;
  const id = (where as { id: unknown }).id;
  if (typeof id !== 'object' || id === null) return null;
  const ops = Object.keys(id);
  if (ops.length !== 1) return null;
  const { eq, in: among } = id as { eq?: unknown; in?: unknown };
  if (ops[0] === 'eq' && typeof eq === 'string') return [eq];
  if (ops[0] === 'in' && Array.isArray(among) && among.every((v) => typeof v === 'string')) return among as string[];
  return null;
}

/**
 * The nodes a generated mutation root field touches, from its arguments alone, for the upkeep of the maintained
 * aggregates (src/aggregates/upkeep.ts): the nodes it creates (every `<Label>CreateInput` carries its id: ids are
 * given, never generated), and the nodes its `where` filters select — which must then name them by id. A node filter
 * under `connect` or `disconnect` is not needed: the node on the other side is touched, and the subjects near it
 * before and after the write include every subject the new or removed relationship concerns. Anything else (a
 * filter by name, by a relationship, with AND/OR/NOT; a nested update or delete without a filter, which acts on
 * every related node) makes the touched nodes unknown: the counters are then marked stale, never left wrong.
 * graphql-js has no walk of input values with their types that stops where we need (src/graphql/inputWalk.ts visits
 * fields, not whole filters), hence this one.
 */
export function touchedByMutation(args: readonly GraphQLArgument[], values: Record<string, unknown>): Touched {
  const ids: Partial<Record<Label, string[]>> = {};
  const add = (label: Label, id: string) => (ids[label] ??= []).push(id);
  let unknown: string | null = null;

  const walk = (type: GraphQLInputType, value: unknown, path: string, linking: boolean): void => {
    if (unknown !== null || value === null || value === undefined) return;
    const t = getNullableType(type);
    if (isListType(t)) {
      (Array.isArray(value) ? value : [value]).forEach((item, i) => walk(t.ofType, item, `${path}[${i}]`, linking));
      return;
    }
    if (!isInputObjectType(t) || typeof value !== 'object') return;
    const labels = whereLabels(t.name);
    if (labels !== null) {
      if (linking) return;
      const named = idsOnly(value);
      if (named === null) {
        unknown = `${path} selects nodes by more than their id`;
        return;
      }
      for (const label of labels) named.forEach((id) => add(label, id));
      return;
    }
    // A nested update or delete without a filter acts on every node related to its parent: not named, so unknown.
    if (
      !linking &&
      (t.name.endsWith('UpdateConnectionInput') || t.name.endsWith('DeleteFieldInput')) &&
      (value as { where?: unknown }).where === undefined
    ) {
      unknown = `${path} updates or deletes every related node (no where)`;
      return;
    }
    const created = createdLabel(t.name);
    if (created !== null) {
      const id = (value as { id?: unknown }).id;
      if (typeof id !== 'string') {
        unknown = `${path} creates a ${created} without an id`;
        return;
      }
      add(created, id);
    }
    const fields = t.getFields();
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      if (field === undefined) continue;
      walk(field.type, inner, `${path}.${key}`, linking || key === 'connect' || key === 'disconnect');
    }
  };

  for (const arg of args) {
    const value = values[arg.name];
    if (value === undefined || !isInputObjectType(getNamedType(arg.type))) continue;
    walk(arg.type, value, arg.name, false);
  }
  if (unknown !== null) return { unknown };
  const hasWhere = args.some((a) => a.name === 'where');
  if (hasWhere && values.where === undefined) return { unknown: 'where: every node of the type' };
  return propertiesOnly(args, values) ? { ids, propertiesOnly: true } : { ids };
}

/**
 * Whether a root update only sets properties of the nodes its `where` names: no argument but `where` and `update`,
 * and every field of `update` a property's (`<Scalar>ScalarMutations`, `ListStringMutations`) other than `id` — no
 * relationship field (`…UpdateFieldInput`, `…UpdateInput`). Such a write cannot change which subjects are near
 * the nodes (cypher/aggregates/subjectsNear.cypher follows labels, ids and relationships, never another property).
 */
function propertiesOnly(args: readonly GraphQLArgument[], values: Record<string, unknown>): boolean {
  const update = args.find((a) => a.name === 'update');
  const type = update === undefined ? null : getNamedType(update.type);
  if (type === null || !isInputObjectType(type) || values.where === undefined) return false;
  if (!Object.keys(values).every((key) => key === 'where' || key === 'update')) return false;
  const given = values.update;
  if (typeof given !== 'object' || given === null) return false;
  const fields = type.getFields();
  return Object.keys(given).every(
    (key) => key !== 'id' && getNamedType(fields[key]?.type ?? type).name.endsWith('Mutations'),
  );
}
