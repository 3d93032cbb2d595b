export { type AuditedContext, auditMutations, selfAudited, selfAuditedFields } from './auditMutations';
export { auditedDriver } from './auditedDriver';
export { type AuditEvent, type AuditEventFilter, readAuditEvents } from './events';
export {
  auditMetadata,
  type AuditSubject,
  countingRunner,
  countsOf,
  newAuditId,
  recordAudit,
  subjectOf,
  type WriteCounts,
} from './record';
