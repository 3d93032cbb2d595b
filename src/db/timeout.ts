/**
 * `promise`, or a rejection "no answer within `ms` ms" once that much time has passed, for reads that must not hang
 * when Neo4j stops answering (the connection stays open, so the driver's own timeouts do not fire). The work behind
 * `promise` is not cancelled; its late outcome is ignored.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
