/**
 * What each counted metric counts, where a table says it: the qualification and platform metrics of the letter
 * (docs/letter-figures.md). The live statements (src/queries/metrics.ts) and the maintained counters
 * (src/aggregates/contributions.ts) both read these tables, so a metric of this kind is added here once.
 * The names and kinds are the schema's enums (`MetricName`, `QualificationCode`, `PlatformKind`, `PlatformLevel`),
 * generated into src/domain/schema.generated.ts: a name the schema lacks does not compile.
 */
import type { MetricName, PlatformKind, PlatformLevel, QualificationCode } from './schema.generated';

/** Each qualification metric and the Qualification.code it counts. */
export const QUALIFICATION_METRICS = {
  HIGH_TECH_ENTERPRISES: 'HIGH_TECH',
  INNOVATION_LEADER_ENTERPRISES: 'INNOVATION_LEADER',
  TECH_SMES: 'TECH_SME',
  GAZELLE_ENTERPRISES: 'GAZELLE',
} as const satisfies Partial<Record<MetricName, QualificationCode>>;

/** Each platform metric and the Platform kind and level it counts. */
export const PLATFORM_METRICS = {
  PROVINCIAL_ENGINEERING_CENTERS: { kind: 'ENGINEERING_RESEARCH_CENTER', level: 'PROVINCIAL' },
  MUNICIPAL_ENGINEERING_CENTERS: { kind: 'ENGINEERING_RESEARCH_CENTER', level: 'MUNICIPAL' },
  MUNICIPAL_KEY_LABS: { kind: 'KEY_LABORATORY', level: 'MUNICIPAL' },
  PROVINCIAL_INCUBATORS: { kind: 'INCUBATOR', level: 'PROVINCIAL' },
} as const satisfies Partial<Record<MetricName, { kind: PlatformKind; level: PlatformLevel }>>;

/** The Platform kinds that make a lab partner of a chain (the gap "chains without a lab partner"). */
export const LAB_KINDS = [
  'LABORATORY',
  'KEY_LABORATORY',
  'INTERNATIONAL_JOINT_LAB',
] as const satisfies readonly PlatformKind[];
