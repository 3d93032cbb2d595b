import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * The checks that may refuse a request before it runs (access, limits, money), as the plugins after them see them.
 * Apollo starts every plugin's `didResolveOperation` in plugin order and runs them concurrently, so the response
 * cache and the argument guards would otherwise read the database for a request that a check is about to refuse.
 * Each checking plugin, wrapped with {@link Preflight.checking}, registers its check when its hook starts; a later
 * plugin awaits {@link Preflight.passed} before any database work.
 */
export class Preflight<TContext extends object> {
  private readonly checks = new WeakMap<TContext, Promise<unknown>[]>();

  /** The plugin, its `didResolveOperation` registered as a check of each request. */
  checking<T extends TContext & BaseContext>(plugin: ApolloServerPlugin<T>): ApolloServerPlugin<T> {
    return {
      ...plugin,
      requestDidStart: async (requestContext) => {
        const listener = await plugin.requestDidStart?.(requestContext);
        const check = listener?.didResolveOperation?.bind(listener);
        if (!listener || !check) return listener;
        return {
          ...listener,
          didResolveOperation: (context) => {
            const running = check(context);
            const list = this.checks.get(context.contextValue) ?? [];
            list.push(running);
            this.checks.set(context.contextValue, list);
            return running;
          },
        };
      },
    };
  }

  /** Whether every check registered for the request so far passed (false as soon as one refused it). */
  async passed(context: TContext): Promise<boolean> {
    const outcomes = await Promise.allSettled(this.checks.get(context) ?? []);
    return outcomes.every((o) => o.status === 'fulfilled');
  }
}
