import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { fromRoot } from '../../src/paths';
import type { ReportInput } from '../../src/report/input';
import {
  chartOptions,
  formatChange,
  formatCount,
  formatDate,
  formatDateTime,
  formatMoney,
  formatPercent,
  formatStatus,
  formatTarget,
  formatValue,
  type ReportChart,
  renderCharts,
  renderReport,
} from '../../src/report/render';

const COUNTIES: [string, string][] = [
  ['410402', '新华区'],
  ['410403', '卫东区'],
  ['410404', '石龙区'],
  ['410411', '湛河区'],
  ['410421', '宝丰县'],
  ['410422', '叶县'],
  ['410423', '鲁山县'],
  ['410425', '郏县'],
  ['410481', '舞钢市'],
  ['410482', '汝州市'],
];
/** Coverage by county: 0.50, 0.55, … 0.95, except 湛河区 (index 3), withheld. */
const COVERAGE = COUNTIES.map((_, i) => (i === 3 ? null : 0.5 + 0.05 * i));
/** Firms per chain × county; the zeros are the gaps the heat map must mark: (0,0), (1,4), (2,9). */
const CELLS = [
  [0, 3, 6, 9, 12, 1, 2, 3, 4, 5],
  [7, 8, 9, 10, 0, 11, 12, 13, 14, 15],
  [1, 1, 2, 2, 3, 3, 4, 4, 5, 0],
];

// One NOT_MET ratio (82.7% of ≥85%), one SUPPRESSED, one MET count (432 of ≥400 家), one MET yuan metric
// (8,104万元 of ≥5,000万元) and one UNAVAILABLE: 2 met, 1 not met, 1 suppressed, 1 unavailable.
const INPUT: ReportInput = {
  year: 2024,
  regionName: null,
  chainName: null,
  cityName: '平顶山市',
  generatedAt: '2025-03-01T02:30:00.000Z',
  dataAsOf: '2024-12-31',
  source: '测试数据源',
  synthetic: true,
  review: {
    targets: [
      {
        metric: '规上工业企业“四有”覆盖率',
        unit: 'ratio',
        unitName: '',
        comparison: 'AT_LEAST',
        target: 0.85,
        actual: 0.827,
        gap: 0.827 - 0.85,
        status: 'NOT_MET',
        previousActual: 0.8,
        change: 0.827 - 0.8,
      },
      {
        metric: '主导产业骨干企业研发平台覆盖率',
        unit: 'ratio',
        unitName: '',
        comparison: 'AT_LEAST',
        target: 0.6,
        actual: null,
        gap: null,
        status: 'SUPPRESSED',
        previousActual: null,
        change: null,
      },
      {
        metric: '高新技术企业',
        unit: 'count',
        unitName: '家',
        comparison: 'AT_LEAST',
        target: 400,
        actual: 432,
        gap: 32,
        status: 'MET',
        previousActual: 380,
        change: 52,
      },
      {
        metric: '国家和省级项目资金',
        unit: 'yuan',
        unitName: '',
        comparison: 'AT_LEAST',
        target: 50_000_000,
        actual: 81_040_000,
        gap: 31_040_000,
        status: 'MET',
        previousActual: 60_000_000,
        change: 21_040_000,
      },
      {
        metric: '科技副总',
        unit: 'count',
        unitName: '人',
        comparison: 'AT_LEAST',
        target: 100,
        actual: null,
        gap: null,
        status: 'UNAVAILABLE',
        previousActual: 90,
        change: null,
      },
    ],
    met: 2,
    notMet: 1,
    unavailable: 1,
    suppressed: 1,
  },
  previousReview: { year: 2023, met: 1, notMet: 3 },
  series: [
    {
      metric: '规上工业企业“四有”覆盖率',
      unit: 'ratio',
      unitName: '',
      points: [
        { year: 2022, value: 0.7 },
        { year: 2023, value: null },
        { year: 2024, value: 0.827 },
      ],
      target: 0.85,
    },
    {
      metric: '国家和省级项目资金',
      unit: 'yuan',
      unitName: '',
      points: [
        { year: 2022, value: 40_000_000 },
        { year: 2023, value: 60_000_000 },
        { year: 2024, value: 81_040_000 },
      ],
      target: null,
    },
  ],
  counties: {
    metric: '规上工业企业“四有”覆盖率',
    unit: 'ratio',
    unitName: '',
    rows: COUNTIES.map(([code, name], i) => ({ code, name, value: COVERAGE[i] ?? null })),
  },
  matrix: {
    chains: [
      { id: 'nylon', name: '尼龙新材料产业链' },
      { id: 'storage', name: '新型储能产业链' },
      { id: 'steel', name: '特钢不锈钢产业链' },
    ],
    counties: COUNTIES.map(([code, name]) => ({ code, name })),
    cells: CELLS,
  },
  gaps: [
    {
      title: '营收10亿元以上、未参加创新联合体的企业',
      total: 14,
      entries: [
        { name: '测试尼龙科技有限公司', region: '湛河区', detail: '营收23.5亿元', suggestion: '测试创新联合体' },
        { name: '测试特钢股份有限公司', region: '舞钢市', detail: null, suggestion: null },
      ],
    },
    {
      title: '营收1亿元以上、无研发机构的企业',
      total: 1,
      entries: [{ name: '测试储能材料有限公司', region: null, detail: '营收1.6亿元', suggestion: '测试学院' }],
    },
  ],
};

/** The parts of an ECharts option these tests read back (the option type is a union too wide to index). */
interface DataItem {
  name?: string;
  value: number | string | (number | string)[];
  itemStyle?: { color?: string; borderColor?: string };
  label?: { formatter?: unknown };
}
interface Series {
  type: string;
  nameProperty?: string;
  data: (DataItem | number | string)[];
  markLine?: { data: { xAxis?: number; yAxis?: number }[] };
}
interface Readable {
  title: { text: string; subtext: string };
  series: Series[];
  visualMap?: { pieces?: { value?: number; min?: number }[] };
  yAxis?: { data?: string[] };
}

function chart(id: string): ReportChart {
  const found = chartOptions(INPUT).find((c) => c.id === id);
  if (!found) throw new Error(`no chart ${id}`);
  return found;
}
const option = (id: string): Readable => chart(id).option as unknown as Readable;
const firstSeries = (id: string): Series => option(id).series[0] as Series;
const items = (id: string): DataItem[] => firstSeries(id).data as DataItem[];

/** The text of a docx's main part, runs joined and tags dropped (each TextRun here holds a whole phrase). */
function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('report format (format.ts)', () => {
  it('writes counts with thousands separators and their unit, money in 元 / 万元 / 亿元 by size', () => {
    expect(formatCount(1234, '家')).toBe('1,234家');
    expect(formatMoney(81_040_000)).toBe('8,104万元');
    expect(formatMoney(81_045_678)).toBe('8,104.57万元');
    expect(formatMoney(1.2e9)).toBe('12.00亿元');
    expect(formatMoney(5000)).toBe('5,000元');
    expect(formatMoney(-30_000_000)).toBe('−3,000万元');
  });

  it('writes ratios as percentages with one decimal, and their differences in 个百分点 with a sign', () => {
    expect(formatPercent(0.827)).toBe('82.7%');
    expect(formatChange(0.027, 'ratio', '')).toBe('+2.7个百分点');
    expect(formatChange(-0.002, 'ratio', '')).toBe('−0.2个百分点');
    expect(formatChange(-0.0004, 'ratio', '')).toBe('−0.04个百分点');
    expect(formatChange(0, 'ratio', '')).toBe('0.0个百分点');
  });

  it('signs changes of counts and money in their unit, and writes null as a dash', () => {
    expect(formatChange(12, 'count', '家')).toBe('+12家');
    expect(formatChange(-21_040_000, 'yuan', '')).toBe('−2,104万元');
    expect(formatValue(null, 'ratio', '')).toBe('—');
    expect(formatChange(null, 'count', '家')).toBe('—');
    expect(formatMoney(null)).toBe('—');
  });

  it('writes targets with their direction, statuses in Chinese and dates as a document does', () => {
    expect(formatTarget({ target: 0.85, comparison: 'AT_LEAST', unit: 'ratio', unitName: '' })).toBe('≥85.0%');
    expect(formatTarget({ target: 5e7, comparison: 'AT_MOST', unit: 'yuan', unitName: '' })).toBe('≤5,000万元');
    expect(['MET', 'NOT_MET', 'SUPPRESSED', 'UNAVAILABLE'].map((s) => formatStatus(s as 'MET'))).toEqual([
      '达标',
      '未达标',
      '不公开',
      '暂无数据',
    ]);
    expect(formatDate('2024-12-31')).toBe('2024年12月31日');
    expect(formatDateTime('2025-03-01T02:30:00.000Z')).toBe('2025年3月1日 10:30（北京时间）');
  });
});

describe('report charts (chartOptions)', () => {
  it('gives the targets chart, a trend per series, the ranking, the map and the matrix, each naming its data year', () => {
    const charts = chartOptions(INPUT);
    expect(charts.map((c) => c.id)).toEqual(['targets', 'trend-0', 'trend-1', 'counties', 'map', 'matrix']);
    for (const c of charts) expect((c.option as unknown as Readable).title.subtext).toMatch(/数据年份：20\d\d/);
  });

  it('draws each target as actual ÷ target in %, coloured by status, with no bar for a withheld figure', () => {
    const data = items('targets');
    expect(data.map((d) => d.value)).toEqual([
      expect.closeTo((0.827 / 0.85) * 100, 9),
      0,
      expect.closeTo(108, 9),
      expect.closeTo(162.08, 9),
      0,
    ]);
    expect(data.map((d) => d.itemStyle?.color)).toEqual(['#c62828', '#9e9e9e', '#2e7d32', '#2e7d32', '#9e9e9e']);
    expect(data.map((d) => d.label?.formatter)).toEqual([
      '82.7%（目标≥85.0%）',
      '不公开',
      '432家（目标≥400家）',
      '8,104万元（目标≥5,000万元）',
      '暂无数据',
    ]);
    expect(firstSeries('targets').markLine?.data).toEqual([{ xAxis: 100 }]);
  });

  it("draws a series' values per year in its unit, a missing year as a gap, and its target as a line", () => {
    expect(firstSeries('trend-0').data).toEqual([expect.closeTo(70, 9), '-', expect.closeTo(82.7, 9)]);
    expect(firstSeries('trend-0').markLine?.data).toEqual([{ yAxis: expect.closeTo(85, 9), name: '目标' }]);
    expect(option('trend-0').title.subtext).toContain('单位：%');
    expect(firstSeries('trend-1').data).toEqual([4000, 6000, expect.closeTo(8104, 9)]);
    expect(option('trend-1').title.subtext).toContain('单位：万元');
    expect(firstSeries('trend-1').markLine).toBeUndefined();
  });

  it('ranks the counties by value, highest first, with the withheld one last and labelled 不公开', () => {
    const names = option('counties').yAxis?.data;
    expect(names).toEqual([
      '汝州市',
      '舞钢市',
      '郏县',
      '鲁山县',
      '叶县',
      '宝丰县',
      '石龙区',
      '卫东区',
      '新华区',
      '湛河区',
    ]);
    expect(items('counties').at(-1)?.label?.formatter).toBe('不公开');
  });

  it('joins the map data to the county boundaries by GB/T 2260 code, one item for every county of the map file', () => {
    const geoJson = JSON.parse(readFileSync(fromRoot('public', 'maps', '410400.json'), 'utf8')) as {
      features: { properties: { code: string; name: string } }[];
    };
    const mapCodes = geoJson.features.map((f) => f.properties.code).sort();
    expect(mapCodes).toEqual(COUNTIES.map(([code]) => code).sort());
    expect(firstSeries('map')).toMatchObject({ type: 'map', nameProperty: 'code' });
    const byCode = new Map(items('map').map((d) => [d.name, d.value]));
    expect([...byCode.keys()].sort()).toEqual(mapCodes);
    expect(byCode.get('410402')).toBeCloseTo(50, 9);
    expect(byCode.get('410482')).toBeCloseTo(95, 9);
    expect(byCode.get('410411')).toBe('-');
  });

  it('marks the empty chain × county cells of the heat map, and only those', () => {
    const data = items('matrix');
    expect(data).toHaveLength(30);
    const marked = data.filter((d) => d.label?.formatter === '空').map((d) => d.value);
    expect(marked).toEqual([
      [0, 0, 0],
      [4, 1, 0],
      [9, 2, 0],
    ]);
    expect(data.find((d) => Array.isArray(d.value) && d.value[0] === 1 && d.value[1] === 0)?.value).toEqual([1, 0, 3]);
    expect(option('matrix').visualMap?.pieces?.[0]).toMatchObject({ value: 0 });
  });
});

describe('report rendering (renderCharts, renderReport)', () => {
  it('renders every chart to an SVG and to a PNG twice its width', async () => {
    const charts = await renderCharts(INPUT);
    expect(charts.map((c) => c.id)).toEqual(chartOptions(INPUT).map((c) => c.id));
    for (const c of charts) {
      expect(c.svg.startsWith('<svg')).toBe(true);
      expect(c.svg.trimEnd().endsWith('</svg>')).toBe(true);
      expect(c.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
      expect(c.png.readUInt32BE(16)).toBe(2 * c.width);
      expect(Math.abs(c.png.readUInt32BE(20) - 2 * c.height)).toBeLessThanOrEqual(1);
      expect(c.png.length).toBeGreaterThan(5000);
    }
  });

  it('writes the title, the demo notice, the summary, the target table, the gap lists and one image per chart', async () => {
    const zip = await JSZip.loadAsync(await renderReport(INPUT));
    const xml = await zip.file('word/document.xml')?.async('string');
    if (xml === undefined) throw new Error('no word/document.xml');
    const text = textOf(xml);
    expect(text).toContain('平顶山市2024年度科技创新目标考核报告');
    expect(text).toContain('示例数据，非真实统计');
    expect(text).toContain('2024年度共考核5项指标，其中达标2项、未达标1项、数据不公开1项、暂无数据1项。');
    expect(text).toContain('上年（2023年度）达标1项、未达标3项，本年度达标项数较上年增加1项。');
    expect(text).toContain('规上工业企业“四有”覆盖率实际82.7%，目标≥85.0%，低于目标2.3个百分点');
    for (const figure of ['82.7%', '432家', '8,104万元', '+2.7个百分点', '+2,104万元']) expect(text).toContain(figure);
    for (const status of ['达标', '未达标', '不公开', '暂无数据']) expect(text).toContain(status);
    for (const entry of ['测试尼龙科技有限公司', '测试特钢股份有限公司', '测试储能材料有限公司', '测试创新联合体']) {
      expect(text).toContain(entry);
    }
    expect(text).toContain('共14家，下表列出前2家');
    expect(text).toContain('数据截至：2024年12月31日');
    expect(text).toContain('数据来源：测试数据源');
    const charts = chartOptions(INPUT).length;
    expect(Object.keys(zip.files).filter((name) => /^word\/media\/.+\.png$/.test(name))).toHaveLength(charts);
    expect(xml.match(/<pic:pic[ >]/g)).toHaveLength(charts);
    expect(xml.match(/<w:drawing>/g)).toHaveLength(charts);
  });
});
