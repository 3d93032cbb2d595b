import type { OrganisationLabel, References } from '../kinds';
import { normalizeName, SimilarNames } from './names';

interface OrganisationRef {
  id: string;
  name: string;
  label: OrganisationLabel;
  normalized: string;
}

/** A chain's name as matched: normalized, without `产业链` / `链` at its end (`尼龙` = `尼龙产业链`). */
const chainKey = (name: string, cityPrefixes: readonly string[]) =>
  normalizeName(name, cityPrefixes).replace(/(产业链|链)$/, '');

/**
 * What rows refer to besides their subject, each by normalized name and only when exactly one thing has it:
 * otherwise the problem says so and names the similar ones (an import never creates a partner, host, undertaker,
 * employer or chain, and never guesses one).
 */
export function graphReferences(
  organisations: OrganisationRef[],
  chains: { id: string; name: string }[],
  people: { id: string; name: string; employer: string }[],
  cityPrefixes: readonly string[],
): References {
  const byName = new Map<string, OrganisationRef[]>();
  for (const o of organisations) byName.set(o.normalized, [...(byName.get(o.normalized) ?? []), o]);
  const similar = new Map<string, SimilarNames<OrganisationRef>>();
  const find = <L extends OrganisationLabel>(name: string, labels: readonly L[], what: string) => {
    const normalized = normalizeName(name, cityPrefixes);
    const same = (byName.get(normalized) ?? []).filter((o): o is OrganisationRef & { label: L } =>
      (labels as readonly string[]).includes(o.label),
    );
    if (same.length === 1) return { id: same[0]!.id, label: same[0]!.label };
    if (same.length > 1) return { problem: `more than one ${what} is named so: ${same.map((o) => o.id).join(', ')}` };
    const key = labels.join();
    if (!similar.has(key)) {
      const candidates = organisations.filter((o) => (labels as readonly string[]).includes(o.label));
      similar.set(key, new SimilarNames(candidates));
    }
    const near = similar
      .get(key)!
      .similarTo(normalized)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map(({ item }) => `${item.name} (${item.id})`);
    return { problem: `no ${what} of this name is in the graph${near.length ? `; similar: ${near.join('、')}` : ''}` };
  };
  const chainIds = new Map<string, string[]>();
  for (const c of chains) {
    for (const key of new Set([chainKey(c.name, cityPrefixes), c.id]))
      chainIds.set(key, [...(chainIds.get(key) ?? []), c.id]);
  }
  const staff = new Map<string, string[]>();
  for (const p of people) {
    const key = `${p.employer}|${normalizeName(p.name, cityPrefixes)}`;
    staff.set(key, [...(staff.get(key) ?? []), p.id]);
  }
  return {
    academic: (name) => find(name, ['University', 'ResearchInstitute'] as const, 'university or research institute'),
    organisation: (name) =>
      find(name, ['Enterprise', 'University', 'ResearchInstitute'] as const, 'enterprise, university or institute'),
    chain(name) {
      const ids = chainIds.get(chainKey(name, cityPrefixes)) ?? [];
      if (ids.length === 1) return { id: ids[0] as string };
      const known = chains.map((c) => c.name).join('、');
      return ids.length > 1
        ? { problem: `more than one chain is named so: ${ids.join(', ')}` }
        : { problem: `no industry chain of this name (one of ${known})` };
    },
    persons: (name, employer) => staff.get(`${employer}|${normalizeName(name, cityPrefixes)}`) ?? [],
  };
}
