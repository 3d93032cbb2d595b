import ExcelJS from 'exceljs';
import { regions } from '../../../seed/reference/regions';
import { QUALIFICATIONS } from '../../domain';
import { type ImportKind, KINDS } from './registry';

/**
 * An empty workbook for a kind: a first sheet (the one imported) with its headers (required ones marked *, which
 * the importer ignores), a frozen header row and Excel data validation on the columns that take one of a few values
 * (yes/no columns, counties, qualifications, years, amounts ≥ 0), so that a mistake is caught while typing; and a
 * second sheet, 示例, with the same headers and an example row. The example is on its own sheet so that a filled-in
 * template never imports it by mistake.
 */
export async function writeTemplate(kind: ImportKind): Promise<Buffer> {
  const spec = KINDS[kind];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(kind, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    key: c.key,
    width: Math.max(12, c.header.length * 2 + 4, c.example.length + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  const exampleSheet = workbook.addWorksheet('示例', { views: [{ state: 'frozen', ySplit: 1 }] });
  exampleSheet.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  exampleSheet.getRow(1).font = { bold: true };
  exampleSheet.addRow(Object.fromEntries(spec.columns.map((c) => [c.key, c.example])));
  const lists: Partial<Record<string, string[]>> = {
    boolean: ['是', '否'],
    county: regions.filter((r) => r.level !== 'CITY').map((r) => r.name),
    qualification: Object.values(QUALIFICATIONS).map((q) => q.name),
  };
  // Validation by range (rows 2–2001), not per cell: cells given a validation would count as rows of the sheet.
  // exceljs has `workvalidations.add(range, …)` (lib/doc/data-validations.js) but its typings omit it.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  spec.columns.forEach((column, i) => {
    const letter = sheet.getColumn(i + 1).letter;
    const range = `${letter}2:${letter}2001`;
    const list = column.choices?.map((c) => c.texts[0] as string) ?? lists[column.type];
    const message = { showErrorMessage: true, errorTitle: column.header };
    if (list) {
      validations.add(range, {
        type: 'list',
        allowBlank: !column.required,
        formulae: [`"${list.join(',')}"`],
        ...message,
        error: `请选择：${list.join('、')}`,
      });
    } else if (column.type === 'year') {
      validations.add(range, {
        type: 'whole',
        operator: 'between',
        allowBlank: !column.required,
        formulae: [1949, 2100],
        ...message,
        error: '1949–2100 之间的年份',
      });
    } else if (column.type === 'wanYuan' || column.type === 'count') {
      validations.add(range, {
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [0],
        ...message,
        error: '不能为负数',
      });
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
