import type { EChartsOption } from 'echarts';
import type { ReportUnit } from '../input';

/** One chart of the report: its ECharts option and the size (CSS px) it is drawn at. */
export interface ReportChart {
  id: string;
  title: string;
  option: EChartsOption;
  width: number;
  height: number;
}

/**
 * The font every chart asks for. resvg finds it among the system fonts (Noto Sans CJK SC, installed with the
 * fonts-noto-cjk package); ECharts' default (sans-serif) would leave resvg to pick a font without Chinese glyphs.
 */
const FONT_FAMILY = 'Noto Sans CJK SC, sans-serif';
export const WIDTH = 900;
export const COLOR = { met: '#2e7d32', notMet: '#c62828', none: '#9e9e9e', line: '#1f5fa8', target: '#c62828' };
/** The heat map's colour for an empty chain × county cell (a gap), and its label. */
export const EMPTY_CELL = { color: '#fde2e1', border: '#c62828', label: '空' };
export const BLUES = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#1f5fa8'];

/** How a unit's values are drawn: the axis unit, and the conversion from the input's figure to it. */
interface Scale {
  unit: string;
  of: (value: number) => number;
}

/**
 * A ratio is drawn in % and yuan in 万元, or in 亿元 when the largest amount reaches 1亿元 (the rule of format.ts);
 * a count in its own unit. Money is divided, not multiplied by 1e-4, so a round amount stays round on the axis.
 */
export function scaleOf(unit: ReportUnit, unitName: string, values: (number | null)[]): Scale {
  if (unit === 'ratio') return { unit: '%', of: (v) => v * 100 };
  if (unit === 'count') return { unit: unitName || '个', of: (v) => v };
  const largest = Math.max(0, ...values.map((v) => Math.abs(v ?? 0)));
  return largest >= 1e8 ? { unit: '亿元', of: (v) => v / 1e8 } : { unit: '万元', of: (v) => v / 1e4 };
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`: an axis end that reads well. */
export function niceCeil(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

/**
 * Title, subtitle (unit, data year and any note, set apart by ideographic spaces) and the settings every chart
 * shares: white ground, CJK font, no animation.
 */
export function frame(title: string, notes: string[]): EChartsOption {
  const subtext = notes.join('\u3000');
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_FAMILY },
    title: {
      text: title,
      subtext,
      left: 'center',
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 18 },
      subtextStyle: { fontFamily: FONT_FAMILY, fontSize: 13, color: '#555' },
    },
  };
}
