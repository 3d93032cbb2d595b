import {
  getNullableType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  isInputObjectType,
  isListType,
} from 'graphql';

/**
 * Called for every field set in an input object: the object's type, the field's name, its type, its value, and the
 * path to it from the walked value (keys and list indexes, the field's name last).
 */
export type InputFieldVisitor = (
  parent: GraphQLInputObjectType,
  name: string,
  type: GraphQLInputType | undefined,
  value: unknown,
  path: readonly (string | number)[],
) => void;

/**
 * Walks a value given for an input type (an argument's or a variable's), calling `visit` for every input object field
 * it sets, at any depth, through lists. graphql-js validates input values but offers no walk over them with their
 * types; this is the one such walk here (the access rules and the money checks share it).
 */
export function walkInput(
  type: GraphQLInputType,
  value: unknown,
  visit: InputFieldVisitor,
  path: readonly (string | number)[] = [],
): void {
  if (value === null || value === undefined) return;
  const t = getNullableType(type);
  if (isListType(t)) {
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => walkInput(t.ofType, item, visit, [...path, i]));
    return;
  }
  if (!isInputObjectType(t) || typeof value !== 'object') return;
  const fields = t.getFields();
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const field = fields[key];
    visit(t, key, field?.type, inner, [...path, key]);
    if (field) walkInput(field.type, inner, visit, [...path, key]);
  }
}
