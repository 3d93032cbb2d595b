import { asTxMetadata, unrecorded } from '../../src/db/writeMetadata';
import { changeOf } from '../../src/history';

const stored = {
  id: 'change-1',
  at: '2026-12-07T03:00:00.000Z',
  entity: 'NODE' as const,
  action: 'UPDATED' as const,
  labels: ['AnnualReport'],
  nodeId: 'report-1',
  properties: ['revenue', 'hasRdStaff'],
  before: '{"revenue":5000000,"hasRdStaff":false}',
  after: '{"revenue":7250000,"hasRdStaff":null}',
  auditId: 'audit-1',
  actor: 'alice',
  operation: 'updateEnterprises',
  outsideApi: false,
};

describe('changeOf: a stored change as the API shows it', () => {
  it('lists each property by name with its value before and after; a removed one after null', () => {
    const change = changeOf(stored, new Set());
    expect(change.properties).toEqual([
      { property: 'hasRdStaff', before: false, after: null, withheld: false },
      { property: 'revenue', before: 5000000, after: 7250000, withheld: false },
    ]);
    expect(change).toMatchObject({ auditEventId: 'audit-1', requestId: null, batchId: null, row: null, type: null });
  });

  it('withholds the values of a property the reader may not read, and only those', () => {
    const change = changeOf(stored, new Set(['revenue']));
    expect(change.properties).toEqual([
      { property: 'hasRdStaff', before: false, after: null, withheld: false },
      { property: 'revenue', before: null, after: null, withheld: true },
    ]);
    expect(JSON.stringify(change)).not.toContain('7250000');
  });
});

describe('write metadata', () => {
  it('keeps only string values, so a missing key is never sent as null', () => {
    expect(asTxMetadata({ app: 'innovation-graph', operation: 'seed', history: 'skip', actor: undefined })).toEqual({
      app: 'innovation-graph',
      operation: 'seed',
      history: 'skip',
    });
    expect(unrecorded('restore')).toEqual({ app: 'innovation-graph', operation: 'restore', history: 'skip' });
  });
});
