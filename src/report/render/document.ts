import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  type IStylesOptions,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { ReportGapList, ReportInput, ReportTarget } from '../input';
import { type RenderedChart, renderCharts } from './charts';
import {
  formatChange,
  formatDate,
  formatDateTime,
  formatDifference,
  formatStatus,
  formatTarget,
  formatValue,
  NONE,
} from './format';

/**
 * Fonts that Word and WPS both have on a Chinese Windows: 宋体 for text, 黑体 for headings, Times New Roman for Latin
 * letters and digits. Each run names all three slots, so a figure like “82.7%” is not set in 宋体's Latin glyphs.
 */
const LATIN = 'Times New Roman';
const SONG = { ascii: LATIN, hAnsi: LATIN, eastAsia: '宋体' };
const HEI = { ascii: LATIN, hAnsi: LATIN, eastAsia: '黑体' };

/** A4 portrait (twips); 2.5 cm margins leave a text width of 9,070 twips, about 604 px at 96 dpi. */
const PAGE = { width: 11906, height: 16838, margin: 1418 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** The width (px) a chart is set at: the text width, less a little so Word never scales it. */
const IMAGE_WIDTH = 600;
const RED = 'C00000';

/** Font sizes in half-points, by their Chinese names. */
const SIZE = { erhao: 44, sanhao: 32, sihao: 28, xiaosi: 24, wuhao: 21 };

/** A body paragraph: its first line indented two characters (2 × 12 pt = 480 twips), as Chinese documents are. */
function body(text: string): Paragraph {
  return new Paragraph({ indent: { firstLine: 480 }, children: [new TextRun(text)] });
}

function heading(text: string, level: 1 | 2): Paragraph {
  return new Paragraph({ text, heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 });
}

/** The report's title: city, region (when one is chosen and is not the city), year, then the chain in brackets. */
function reportTitle(input: ReportInput): string {
  const region = input.regionName && input.regionName !== input.cityName ? input.regionName : '';
  const chain = input.chainName ? `（${input.chainName}）` : '';
  return `${input.cityName}${region}${input.year}年度科技创新目标考核报告${chain}`;
}

/** One table cell of small text; a header cell is bold on grey. */
function cell(text: string, options: { header?: boolean; left?: boolean; color?: string } = {}): TableCell {
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    shading: options.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'D9D9D9' } : undefined,
    children: [
      new Paragraph({
        style: 'TableText',
        alignment: options.left ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [new TextRun({ text, bold: options.header || options.color !== undefined, color: options.color })],
      }),
    ],
  });
}

/** A table of the text width with a repeated header row; `widths` in twips, summing to the text width. */
function table(header: string[], rows: TableCell[][], widths: number[]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { header: true })) }),
      ...rows.map((children) => new TableRow({ cantSplit: true, children })),
    ],
  });
}

/**
 * A caption, centred: 表 above its table (kept on the table's page), 图 below its figure, as Chinese reports place
 * them.
 */
function caption(label: string, text: string, above = false): Paragraph {
  // The number and the title are set apart by an ideographic space (U+3000), as Chinese captions are.
  return new Paragraph({ style: 'Caption', keepNext: above, children: [new TextRun(`${label}\u3000${text}`)] });
}

/** The target table: 指标 | 目标 | 实际 | 差距 | 状态 | 上年 | 变化, a missed target's status in red. */
function targetTable(targets: ReportTarget[]): Table {
  const rows = targets.map((t) => [
    cell(t.metric, { left: true }),
    cell(formatTarget(t)),
    cell(formatValue(t.actual, t.unit, t.unitName)),
    cell(formatChange(t.gap, t.unit, t.unitName)),
    cell(formatStatus(t.status), t.status === 'NOT_MET' ? { color: RED } : {}),
    cell(formatValue(t.previousActual, t.unit, t.unitName)),
    cell(formatChange(t.change, t.unit, t.unitName)),
  ]);
  return table(
    ['指标', '目标', '实际', '差距', '状态', '上年', '变化'],
    rows,
    [2470, 1100, 1100, 1300, 800, 1100, 1200],
  );
}

/** How far a missed target is off, in words: below an “at least” target, above an “at most” one. */
function shortfall(t: ReportTarget): string {
  const off = formatDifference(t.gap, t.unit, t.unitName);
  const side = t.comparison === 'AT_LEAST' ? `低于目标${off}` : `超出目标上限${off}`;
  return `${t.metric}实际${formatValue(t.actual, t.unit, t.unitName)}，目标${formatTarget(t)}，${side}`;
}

/**
 * The summary, written from the figures: the review's counts as the API gives them, the missed targets and by how
 * much, the change from last year of each target that has one, and last year's counts when that year had targets.
 */
function summaryParagraphs(input: ReportInput): string[] {
  const { review, previousReview } = input;
  if (review.targets.length === 0) return [`${input.year}年度未设考核目标。`];
  const total = review.met + review.notMet + review.suppressed + review.unavailable;
  const counts =
    `${input.year}年度共考核${total}项指标，其中达标${review.met}项、未达标${review.notMet}项、` +
    `数据不公开${review.suppressed}项、暂无数据${review.unavailable}项。`;
  let previous = '';
  if (previousReview) {
    const delta = review.met - previousReview.met;
    const trend = delta === 0 ? '与上年持平' : `较上年${delta > 0 ? '增加' : '减少'}${Math.abs(delta)}项`;
    previous = `上年（${previousReview.year}年度）达标${previousReview.met}项、未达标${previousReview.notMet}项，本年度达标项数${trend}。`;
  }
  const missed = review.targets.filter((t) => t.status === 'NOT_MET');
  const named = (status: ReportTarget['status']): string[] =>
    review.targets.filter((t) => t.status === status).map((t) => t.metric);
  const paragraphs = [counts + previous];
  paragraphs.push(
    missed.length > 0 ? `未达标指标：${missed.map(shortfall).join('；')}。` : '有数据的指标均已达到目标。',
  );
  const withheld = [
    named('SUPPRESSED').length > 0 ? `数据不公开的指标：${named('SUPPRESSED').join('、')}` : '',
    named('UNAVAILABLE').length > 0 ? `暂无数据的指标：${named('UNAVAILABLE').join('、')}` : '',
  ].filter(Boolean);
  if (withheld.length > 0) paragraphs.push(`${withheld.join('；')}。`);
  const changes = review.targets
    .filter((t) => t.change !== null)
    .map((t) => `${t.metric}${formatChange(t.change, t.unit, t.unitName)}`);
  if (changes.length > 0) paragraphs.push(`与上年相比：${changes.join('，')}。`);
  return paragraphs;
}

/** A chart as an image the width of the text, with its numbered caption below. */
function figure(chart: RenderedChart, number: number): Paragraph[] {
  const height = Math.round((IMAGE_WIDTH * chart.height) / chart.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: chart.png,
          transformation: { width: IMAGE_WIDTH, height },
          altText: { name: chart.id, title: chart.title, description: chart.title },
        }),
      ],
    }),
    caption(`图${number}`, chart.title),
  ];
}

/**
 * One gap list: its title, how many entries it has and how many are shown, and the table of those, numbered
 * `tableNumber` (a list without entries has no table).
 */
function gapSection(list: ReportGapList, index: number, tableNumber: number): (Paragraph | Table)[] {
  const shown = list.entries.length;
  const count =
    list.total === null
      ? '总数不公开（小样本保护）。'
      : list.total === 0
        ? '本年度无此类企业。'
        : `共${list.total}家，${shown < list.total ? `下表列出前${shown}家` : '全部列于下表'}，并附推荐合作方。`;
  const parts: (Paragraph | Table)[] = [heading(`（${index + 1}）${list.title}`, 2), body(count)];
  if (shown === 0) return parts;
  const rows = list.entries.map((e) => [
    cell(e.name, { left: true }),
    cell(e.region ?? NONE),
    cell(e.detail ?? NONE, { left: true }),
    cell(e.suggestion ?? NONE, { left: true }),
  ]);
  parts.push(caption(`表${tableNumber}`, list.title, true));
  parts.push(table(['企业', '所在地', '说明', '推荐合作方'], rows, [2700, 1300, 2570, 2500]));
  return parts;
}

/** The gap lists in order, their tables numbered on from 表1 (the target table). */
function gapSections(lists: ReportGapList[]): (Paragraph | Table)[] {
  let tables = 1;
  return lists.flatMap((list, i) => gapSection(list, i, list.entries.length > 0 ? (tables += 1) : tables));
}

/** The red, boxed line on the first page of a report made from generated demo data. */
function syntheticNotice(): Paragraph {
  const line = { style: BorderStyle.SINGLE, size: 8, color: RED, space: 4 };
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    border: { top: line, bottom: line, left: line, right: line },
    spacing: { before: 120, after: 240 },
    children: [
      new TextRun({
        text: '【示例数据，非真实统计】本报告中的数字由系统生成，仅供演示，不得作为考核依据或对外引用。',
        bold: true,
        color: RED,
      }),
    ],
  });
}

/** The document's styles: 宋体 小四 text, 黑体 headings, small table text, centred captions. */
function styles(): IStylesOptions {
  const black = '000000';
  return {
    default: {
      document: {
        run: { font: SONG, size: SIZE.xiaosi, language: { value: 'en-US', eastAsia: 'zh-CN' } },
        // lineRule said outright: LibreOffice reads a bare w:line as exact, which clips an inline chart to one line.
        paragraph: { spacing: { line: 360, lineRule: LineRuleType.AUTO, after: 60 } },
      },
      title: {
        run: { font: HEI, size: SIZE.erhao, bold: false, color: black },
        paragraph: {
          alignment: AlignmentType.CENTER,
          spacing: { before: 240, after: 240, line: 240, lineRule: LineRuleType.AUTO },
        },
      },
      heading1: {
        run: { font: HEI, size: SIZE.sanhao, bold: false, color: black },
        paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
      },
      heading2: {
        run: { font: HEI, size: SIZE.sihao, bold: false, color: black },
        paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
      },
    },
    paragraphStyles: [
      {
        id: 'TableText',
        name: 'Table Text',
        basedOn: 'Normal',
        run: { font: SONG, size: SIZE.wuhao },
        paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 40, after: 40 } },
      },
      {
        id: 'Caption',
        name: 'Caption',
        basedOn: 'Normal',
        run: { font: HEI, size: SIZE.wuhao },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 60, after: 200 } },
      },
    ],
  };
}

/**
 * The annual review (年度目标考核报告) as a Word document: title, the demo-data notice when the figures are
 * synthetic, the summary, the target table and charts, the trends, the counties, the chain × county matrix, the gap
 * lists, and where and when the data came from. Opens in Word and WPS.
 */
export async function renderReport(input: ReportInput): Promise<Buffer> {
  const charts = await renderCharts(input);
  const byId = new Map(charts.map((c) => [c.id, c]));
  const trends = charts.filter((c) => c.id.startsWith('trend-'));
  let figures = 0;
  const place = (chart: RenderedChart | undefined): Paragraph[] => (chart ? figure(chart, (figures += 1)) : []);
  const title = reportTitle(input);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    ...(input.synthetic ? [syntheticNotice()] : []),
    heading('一、总体情况', 1),
    ...summaryParagraphs(input).map(body),
    heading('二、目标完成情况', 1),
    caption('表1', `${input.year}年度目标考核结果`, true),
    targetTable(input.review.targets),
    ...place(byId.get('targets')),
    heading('三、主要指标变化趋势', 1),
    ...(trends.length > 0 ? trends.flatMap(place) : [body('暂无可列示的指标趋势。')]),
    heading('四、各县（市、区）情况', 1),
    ...place(byId.get('counties')),
    ...place(byId.get('map')),
    heading('五、产业链布局', 1),
    ...place(byId.get('matrix')),
    heading('六、短板企业清单', 1),
    ...(input.gaps.length > 0 ? gapSections(input.gaps) : [body('本报告未列短板清单。')]),
    heading('七、数据说明', 1),
    body(`数据截至：${formatDate(input.dataAsOf)}`),
    body(`数据来源：${input.source}`),
    body(`生成时间：${formatDateTime(input.generatedAt)}`),
  ];
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
  const doc = new Document({
    title,
    creator: 'innovation-graph',
    styles: styles(),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        footers: { default: footer },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
