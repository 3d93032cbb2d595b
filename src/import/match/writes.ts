import type { KindSpec, NodeWrite, RelWrite } from '../kinds';
import type { GraphIndex } from './graphIndex';
import type { GraphState } from './graphState';
import { codeOf } from './rows';

/**
 * What a row writes: its subject (created with its name and the defaults the schema needs when new; its code), a
 * firm's county (LOCATED_IN, replacing another), and what its kind adds; `source` (file and row) on all of it.
 */
export function writesOf(
  spec: KindSpec,
  values: Record<string, unknown>,
  subjectId: string,
  isNew: boolean,
  index: GraphIndex,
  state: GraphState,
  source: string,
): { nodes: NodeWrite[]; rels: RelWrite[] } {
  const { entity } = spec;
  const subject: Record<string, unknown> = isNew ? { name: values.name, ...entity.defaults, synthetic: false } : {};
  const code = codeOf(entity, values);
  if (code && entity.codeColumn) subject[entity.codeColumn] = code;
  const rels: RelWrite[] = [];
  if (values.county) {
    const to = index.regionIds.get(values.county as string) as string;
    const from = { fromLabel: entity.label, from: subjectId };
    rels.push({ type: 'LOCATED_IN', ...from, toLabel: 'Region', to, props: {}, exclusive: true });
  }
  const reports = state.reports.get(subjectId) ?? new Map<number, string>();
  state.reports.set(subjectId, reports);
  const own = spec.writes({
    values,
    subjectId,
    isNew,
    reports,
    qualificationIds: index.qualificationIds,
    references: index.references,
  });
  const nodes: NodeWrite[] = [
    { label: entity.label, id: subjectId, props: { ...subject, ...own.props } },
    ...own.nodes,
  ];
  const all = { nodes, rels: [...rels, ...own.rels] };
  for (const write of [...all.nodes, ...all.rels]) write.props.source = source;
  return all;
}
