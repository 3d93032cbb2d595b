/** One property a change touched: its value before and after (null: the property was absent). */
export interface PropertyChange {
  property: string;
  before: unknown;
  after: unknown;
  /** The values are left out: the property is confidential and the reader's roles do not reach it. */
  withheld: boolean;
}

/** The `Change` of schema/history.graphql: what one write did to one node or relationship. */
export interface Change {
  id: string;
  at: string;
  entity: 'NODE' | 'RELATIONSHIP';
  action: 'CREATED' | 'UPDATED' | 'DELETED';
  labels: string[] | null;
  labelsAdded: string[] | null;
  labelsRemoved: string[] | null;
  nodeId: string | null;
  type: string | null;
  fromId: string | null;
  toId: string | null;
  properties: PropertyChange[];
  auditEventId: string;
  actor: string;
  operation: string;
  requestId: string | null;
  clientRequestId: string | null;
  outsideApi: boolean;
  batchId: string | null;
  file: string | null;
  row: number | null;
}
