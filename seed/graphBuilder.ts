import type { Label } from '../src/domain';

export { LABELS } from '../src/domain';
export type { Label } from '../src/domain';
export type Props = Record<string, unknown>;

export interface RelGroup {
  type: string;
  from: Label;
  to: Label;
  rows: { from: string; to: string; props: Props }[];
}

/**
 * Collects the demo graph in memory: nodes by label, relationships by (type, from label, to label) so the loader
 * can MATCH both ends through their id constraint. Adding the same node or relationship twice is a bug, caught here.
 */
export class GraphBuilder {
  readonly nodes = new Map<Label, Props[]>();
  readonly rels = new Map<string, RelGroup>();
  private readonly ids = new Set<string>();
  private readonly relKeys = new Set<string>();

  node(label: Label, props: Props & { id: string }): string {
    if (this.ids.has(props.id)) throw new Error(`seed: duplicate id ${props.id}`);
    this.ids.add(props.id);
    let rows = this.nodes.get(label);
    if (!rows) this.nodes.set(label, (rows = []));
    rows.push(props);
    return props.id;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  rel(type: string, from: Label, fromId: string, to: Label, toId: string, props: Props = {}): void {
    const key = `${type}|${fromId}|${toId}`;
    if (this.relKeys.has(key)) throw new Error(`seed: duplicate relationship ${key}`);
    this.relKeys.add(key);
    const groupKey = `${type}|${from}|${to}`;
    let group = this.rels.get(groupKey);
    if (!group) this.rels.set(groupKey, (group = { type, from, to, rows: [] }));
    group.rows.push({ from: fromId, to: toId, props });
  }

  hasRel(type: string, fromId: string, toId: string): boolean {
    return this.relKeys.has(`${type}|${fromId}|${toId}`);
  }

  count(): { nodes: number; relationships: number } {
    let relationships = 0;
    for (const g of this.rels.values()) relationships += g.rows.length;
    return { nodes: this.ids.size, relationships };
  }
}
