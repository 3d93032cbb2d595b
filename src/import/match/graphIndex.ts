import type { ManagedTransaction } from 'neo4j-driver';
import { importCypher } from '../apply/statements';
import { groupBy } from '../apply/groupBy';
import type { References, SubjectSpec } from '../kinds';
import type { ValueContext } from '../read/values';
import { normalizeName, SimilarNames } from './names';
import { graphReferences } from './references';

/** A firm, platform or project a row may be matched to, with its code (credit code, 项目编号) when known. */
export interface SubjectRef {
  id: string;
  name: string;
  normalized: string;
  code: string | null;
}

/**
 * What the plan reads from the graph before matching: regions, the kind's subjects (firms, platforms or projects)
 * by code, name and id, qualifications' ids, and what rows may refer to (organisations, chains, people).
 */
export interface GraphIndex {
  context: ValueContext;
  regionIds: Map<string, string>;
  /** Subjects by code: a credit code names one firm; a 项目编号 may be held by projects of several programmes. */
  byCode: Map<string, SubjectRef[]>;
  /** A subject's name as matched (normalizeName, keeping a leading place where the kind says so). */
  normalize: (name: string) => string;
  byName: Map<string, SubjectRef[]>;
  byId: Map<string, SubjectRef>;
  qualificationIds: Map<string, string>;
  /** The subjects indexed for similar names, built on first use (a file matched by codes never needs it). */
  similar: () => SimilarNames<SubjectRef>;
  references: References;
}

type Run = Pick<ManagedTransaction, 'run'>;

/** Rows of `cypher/import/<name>.cypher` (columns id, name, code) as references matched by normalized name. */
async function namedRefs(
  tx: Run,
  name: string,
  cityPrefixes: readonly string[],
  placePrefixes = true,
): Promise<SubjectRef[]> {
  const result = await tx.run<{ id: string; name: string; code: string | null }>(importCypher(name));
  return result.records.map((r) => ({
    id: r.get('id'),
    name: r.get('name'),
    code: r.get('code'),
    normalized: normalizeName(r.get('name'), cityPrefixes, placePrefixes),
  }));
}

/** Reads the graph index for a kind whose rows are about `entity` (firms, platforms or projects). */
export async function readGraphIndex(tx: Run, entity: SubjectSpec): Promise<GraphIndex> {
  const regions = await tx.run<{ id: string; code: string; name: string; level: string }>(importCypher('regions'));
  const city = regions.records.filter((r) => r.get('level') === 'CITY').map((r) => r.get('name'));
  const context: ValueContext = {
    // A firm is in a county, district or zone: the city itself is not one (its name is a prefix, not a county).
    counties: regions.records
      .filter((r) => r.get('level') !== 'CITY')
      .map((r) => ({ code: r.get('code'), name: r.get('name') })),
    cityPrefixes: [...city, ...city.map((n) => n.replace(/市$/, ''))],
  };
  const regionIds = new Map(regions.records.map((r) => [r.get('code'), r.get('id')]));
  const enterprises = await namedRefs(tx, 'enterprises', context.cityPrefixes);
  const subjects =
    entity.label === 'Enterprise'
      ? enterprises
      : await namedRefs(
          tx,
          entity.label === 'Platform' ? 'platforms' : 'projects',
          context.cityPrefixes,
          entity.placePrefixes,
        );
  const byName = new Map<string, SubjectRef[]>();
  for (const e of subjects) byName.set(e.normalized, [...(byName.get(e.normalized) ?? []), e]);
  const quals = await tx.run<{ id: string; code: string }>(importCypher('qualifications'));
  let similar: SimilarNames<SubjectRef> | undefined;
  const academic = await tx.run<{ id: string; name: string; label: 'University' | 'ResearchInstitute' }>(
    importCypher('academic'),
  );
  const academicRefs = academic.records.map((r) => ({
    id: r.get('id'),
    name: r.get('name'),
    label: r.get('label'),
    normalized: normalizeName(r.get('name'), context.cityPrefixes),
  }));
  const chains = await tx.run<{ id: string; name: string }>(importCypher('chains'));
  const people = await tx.run<{ id: string; name: string; employer: string }>(importCypher('people'));
  const references = graphReferences(
    [...enterprises.map((e) => ({ ...e, label: 'Enterprise' as const })), ...academicRefs],
    chains.records.map((r) => ({ id: r.get('id'), name: r.get('name') })),
    people.records.map((r) => ({ id: r.get('id'), name: r.get('name'), employer: r.get('employer') })),
    context.cityPrefixes,
  );
  return {
    context,
    regionIds,
    byCode: groupBy(
      subjects.filter((e) => e.code),
      (e) => e.code as string,
    ),
    normalize: (name) => normalizeName(name, context.cityPrefixes, entity.placePrefixes),
    byName,
    byId: new Map(subjects.map((e) => [e.id, e])),
    similar: () => (similar ??= new SimilarNames(subjects, entity.commonEnding)),
    references,
    qualificationIds: new Map(quals.records.map((r) => [r.get('code'), r.get('id')])),
  };
}
