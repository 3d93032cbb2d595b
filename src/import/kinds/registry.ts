import type { KindSpec } from './columns';
import { COOPERATIONS } from './cooperations';
import { ENTERPRISES } from './enterprises';
import { QUALIFICATION_LIST } from './qualifications';

/**
 * The kinds of spreadsheet the importer reads (docs/import-formats.md is the contract), one file each: its columns
 * by Chinese header and English name, whether each is required, how its cells are read, and what a row writes.
 */
export const IMPORT_KINDS = ['enterprises', 'qualifications', 'cooperations'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const KINDS: Readonly<Record<ImportKind, KindSpec>> = {
  enterprises: ENTERPRISES,
  qualifications: QUALIFICATION_LIST,
  cooperations: COOPERATIONS,
};

/** The kinds of docs/import-formats.md that this version does not read yet, so that asking for one says so. */
export const PLANNED_KINDS = ['platforms', 'deputies', 'projects'] as const;
