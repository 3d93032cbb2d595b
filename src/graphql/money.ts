import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  GraphQLError,
  type GraphQLSchema,
  isScalarType,
  Kind,
  type ValueNode,
} from 'graphql';
import { isInt } from 'neo4j-driver';
import { badInput } from '../errors';
import { walkInput } from './inputWalk';
import { executionOf, rootFieldNodes } from './operations';

const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;
const OUT_OF_RANGE = `must be a whole number from ${MIN} to ${MAX}`;

/** The exact value of a BigInt input as written, or null when it is not a whole number. */
function exactly(raw: unknown): bigint | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const text = String(raw).trim();
  return /^[+-]?\d+$/.test(text) ? BigInt(text) : null;
}

/**
 * Makes @neo4j/graphql's BigInt scalar refuse values outside the 64-bit range: neo4j-driver's `int()` wraps them
 * silently (2^63 became -2^63, matching every firm with a small revenue). The check runs on the value as written,
 * before the library's own parsing, and the error shows that value, never a wrapped one.
 */
export function boundBigInt(schema: GraphQLSchema): void {
  const scalar = schema.getType('BigInt');
  if (!isScalarType(scalar)) return;
  const { parseValue, parseLiteral } = scalar;
  const check = (raw: unknown): void => {
    const value = exactly(raw);
    if (value !== null && (value < MIN || value > MAX)) {
      throw new GraphQLError(`BigInt ${OUT_OF_RANGE}; got ${String(raw).trim()}`);
    }
  };
  scalar.parseValue = (value: unknown) => {
    check(value);
    return parseValue.call(scalar, value);
  };
  scalar.parseLiteral = (node: ValueNode, variables?: Record<string, unknown> | null) => {
    if (node.kind === Kind.INT || node.kind === Kind.STRING) check(node.value);
    return parseLiteral.call(scalar, node, variables);
  };
}

function isNegative(value: unknown): boolean {
  if (isInt(value)) return value.isNegative();
  if (typeof value === 'bigint') return value < 0n;
  return typeof value === 'number' && value < 0;
}

/**
 * Every amount in the schema is a BigInt of whole yuan (revenue, R&D spending, funding, budgets, awards, amounts),
 * and none can be negative: a mutation that writes a negative one — created, set or added, at any depth — or that
 * subtracts from one (which could take it below 0) is refused before it runs, as BAD_USER_INPUT naming the field and where it was given. Filters (the `where` argument,
 * `…Where` and `…Filters` inputs, also inside a nested update or connect) may compare with any value.
 */
export function moneyNotNegative<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          const mutationType = schema.getMutationType();
          if (operation?.operation !== 'mutation' || !mutationType) return;
          const { variables, includes } = executionOf(schema, operation, request.variables ?? {});
          if (!variables) return;
          // A root field that @skip/@include leave out writes nothing: it is not refused.
          for (const node of rootFieldNodes(document, operation, includes)) {
            const field = mutationType.getFields()[node.name.value];
            if (!field) continue;
            let args: Record<string, unknown>;
            try {
              args = getArgumentValues(field, node, variables);
            } catch {
              continue; // execution reports an argument that does not coerce
            }
            for (const argument of field.args) {
              if (argument.name === 'where') continue;
              walkInput(argument.type, args[argument.name], (parent, name, type, value, path) => {
                if (!type || getNamedType(type).name !== 'BigInt' || /(Where|Filters)$/.test(parent.name)) return;
                const subtracting = name === 'subtract' && value !== null && value !== undefined;
                if (!isNegative(value) && !subtracting) return;
                const where = [argument.name, ...path].map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`));
                const at = where.join('').replace(/^\./, '').replace(/\.\[/g, '[');
                const amount = [...path]
                  .reverse()
                  .find((p) => typeof p === 'string' && !['set', 'add', 'subtract'].includes(p));
                const amountField = String(amount ?? name);
                throw badInput(
                  amountField,
                  subtracting
                    ? `an amount is set or added to, never subtracted from (it could fall below 0): set the new amount instead, at ${at} (in ${field.name})`
                    : `an amount cannot be negative; got ${String(value)} at ${at} (in ${field.name})`,
                  String(value),
                  { argument: argument.name, field: amountField, path: at },
                );
              });
            }
          }
        },
      };
    },
  };
}
