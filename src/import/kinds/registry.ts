import type { KindSpec } from './columns';
import { COOPERATIONS } from './cooperations';
import { DEPUTIES } from './deputies';
import { ENTERPRISES } from './enterprises';
import { PLATFORMS } from './platforms';
import { PROJECTS } from './projects';
import { QUALIFICATION_LIST } from './qualifications';

/**
 * The kinds of spreadsheet the importer reads (docs/import-formats.md is the contract), one file each: its columns
 * by Chinese header and English name, whether each is required, how its cells are read, and what a row writes.
 */
export const IMPORT_KINDS = [
  'enterprises',
  'qualifications',
  'platforms',
  'deputies',
  'projects',
  'cooperations',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const KINDS: Readonly<Record<ImportKind, KindSpec>> = {
  enterprises: ENTERPRISES,
  qualifications: QUALIFICATION_LIST,
  platforms: PLATFORMS,
  deputies: DEPUTIES,
  projects: PROJECTS,
  cooperations: COOPERATIONS,
};
