import type { GraphBuilder } from '../graphBuilder';
import type { Random } from '../random';
import { type Firm, REVIEW_YEAR } from '../reports';
import { LETTER_SOURCE, namedAchievements } from '../reference/organisations';
import { S, UNI_IDS } from './shared';

export function addResults(g: GraphBuilder, rnd: Random, scale: number, firms: Firm[]): void {
  for (const a of namedAchievements) {
    g.node('Achievement', {
      id: a.id,
      title: a.title,
      kind: a.kind,
      year: a.year,
      landmark: true,
      source: LETTER_SOURCE,
      synthetic: false,
    });
    g.rel('ACHIEVED', 'Platform', a.by, 'Achievement', a.id);
  }
  // R2: about two thirds of the firms above 5亿 have a landmark result of 2022–2024; some only an older one.
  firms.slice(0, 120 * scale).forEach((f, i) => {
    const r = rnd.next();
    if (r > 0.8) return;
    const year = r < 0.65 ? rnd.int(2022, REVIEW_YEAR) : rnd.int(2016, 2020);
    const id = g.node('Achievement', {
      id: `ach-landmark-${i}`,
      title: `${f.name.replace('（示例）', '')}标志性成果（示例）`,
      kind: rnd.pick(['PRODUCT', 'TECHNOLOGY', 'STANDARD']),
      year,
      landmark: true,
      source: S,
      synthetic: true,
    });
    g.rel('ACHIEVED', 'Enterprise', f.id, 'Achievement', id);
  });
  for (let i = 0; i < 1000 * scale; i++) {
    const f = rnd.pick(firms);
    const id = g.node('Achievement', {
      id: `ach-patent-${i}`,
      title: `发明专利${i + 1}（示例）`,
      kind: 'PATENT',
      year: rnd.int(2018, REVIEW_YEAR),
      landmark: false,
      source: S,
      synthetic: true,
    });
    g.rel('ACHIEVED', 'Enterprise', f.id, 'Achievement', id);
  }
  // F16: 10 provincial S&T progress awards of 2023.
  for (let i = 0; i < 10 * scale; i++) {
    const id = g.node('Achievement', {
      id: `ach-award-2023-${i}`,
      title: `河南省科学技术进步奖（2023）获奖项目${i + 1}（示例）`,
      kind: 'AWARD',
      year: 2023,
      landmark: true,
      source: S,
      synthetic: true,
    });
    if (i % 2 === 0) g.rel('ACHIEVED', 'University', UNI_IDS[i % 4] as string, 'Achievement', id);
    else g.rel('ACHIEVED', 'Enterprise', (firms[200 + i] as Firm).id, 'Achievement', id);
  }
}
