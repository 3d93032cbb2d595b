export { auditMutations, selfAudited, selfAuditedFields } from './auditMutations';
export type { AuditedContext } from './auditMutations';
export { auditedDriver } from './auditedDriver';
export { readAuditEvents } from './events';
export type { AuditEvent, AuditEventFilter } from './events';
export { countingRunner, countsOf, recordAudit, subjectOf } from './record';
export type { AuditSubject, WriteCounts } from './record';
