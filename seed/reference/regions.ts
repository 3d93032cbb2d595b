/** The city and its units, with GB/T 2260 codes, as listed in reference/letter-figures.md (public facts). */
export interface RegionRow {
  code: string;
  name: string;
  level: 'CITY' | 'DISTRICT' | 'COUNTY' | 'COUNTY_LEVEL_CITY' | 'FUNCTIONAL_ZONE';
}

export const CITY_CODE = '410400';

export const regions: readonly RegionRow[] = [
  { code: '410400', name: '平顶山市', level: 'CITY' },
  { code: '410402', name: '新华区', level: 'DISTRICT' },
  { code: '410403', name: '卫东区', level: 'DISTRICT' },
  { code: '410404', name: '石龙区', level: 'DISTRICT' },
  { code: '410411', name: '湛河区', level: 'DISTRICT' },
  { code: '410421', name: '宝丰县', level: 'COUNTY' },
  { code: '410422', name: '叶县', level: 'COUNTY' },
  { code: '410423', name: '鲁山县', level: 'COUNTY' },
  { code: '410425', name: '郏县', level: 'COUNTY' },
  { code: '410481', name: '舞钢市', level: 'COUNTY_LEVEL_CITY' },
  { code: '410482', name: '汝州市', level: 'COUNTY_LEVEL_CITY' },
  { code: '410471', name: '高新区', level: 'FUNCTIONAL_ZONE' },
  { code: '410472', name: '城乡一体化示范区', level: 'FUNCTIONAL_ZONE' },
];

export const regionId = (code: string): string => `region-${code}`;
