import type { RunOperation } from '../export';
import { collectReport, type ReportScope } from './collect';
import { renderReport } from './render';

export { collectReport, type ReportScope } from './collect';
export type { ReportInput } from './input';
export { chartOptions, renderCharts, renderReport } from './render';

/** The Word document's media type. */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The annual review as a Word document: its figures read through `run` (the API's pipeline, as the caller), then
 * rendered with its charts. The one code path of `npm run report` and `GET /export/report`.
 */
export async function buildReport(run: RunOperation, scope: ReportScope): Promise<Buffer> {
  return renderReport(await collectReport(run, scope));
}
