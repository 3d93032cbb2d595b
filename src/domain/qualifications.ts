/**
 * The qualifications (QualificationCode of schema/enterprise-records.graphql) with their Chinese names and the
 * aliases lists use, and their validity in years when a list gives no 有效期至.
 */
export const QUALIFICATIONS: Readonly<Record<string, { name: string; aliases: readonly string[]; years: number }>> = {
  HIGH_TECH: { name: '高新技术企业', aliases: ['高企', '国家高新技术企业'], years: 3 },
  TECH_SME: { name: '科技型中小企业', aliases: ['科技型中小企'], years: 1 },
  INNOVATION_LEADER: { name: '省创新龙头企业', aliases: ['创新龙头企业'], years: 3 },
  GAZELLE: { name: '瞪羚企业', aliases: ['瞪羚'], years: 3 },
  SPECIALIZED_NEW: { name: '专精特新企业', aliases: ['专精特新', '专精特新中小企业'], years: 3 },
  TECH_LEADER: { name: '科技领军企业', aliases: ['科技领军'], years: 3 },
};
