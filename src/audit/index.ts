export { auditMutations, selfAudited, selfAuditedFields } from './auditMutations';
export type { AuditedContext } from './auditMutations';
export { auditedDriver } from './auditedDriver';
export { readAuditEvents } from './events';
export type { AuditEvent, AuditEventFilter } from './events';
export { auditMetadata, countingRunner, countsOf, newAuditId, recordAudit, subjectOf } from './record';
export type { AuditSubject, WriteCounts } from './record';
