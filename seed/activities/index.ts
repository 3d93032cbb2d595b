import type { GraphBuilder } from '../graphBuilder';
import type { Random } from '../random';
import { addReports, type Firm } from '../reports';
import { chains } from '../reference/industry';
import { localInstitutes } from '../reference/organisations';
import { CITY_CODE, regionId } from '../reference/regions';
import { addConsortia } from './consortia';
import { linkNamedFirms } from './namedFirms';
import { addPeopleAndCooperation } from './people';
import { addPlatforms } from './platforms';
import { addPoliciesAndContests } from './policies';
import { addProjects } from './projects';
import { addResults } from './results';
import { chainIndex, S } from './shared';
import { addTargets } from './targets';

/** Platforms, people, cooperation, consortia, results, projects, funds, policies, contests and targets. */
export function addActivities(g: GraphBuilder, rnd: Random, scale: number, firms: Firm[]): void {
  for (const i of localInstitutes) {
    g.node('ResearchInstitute', {
      id: i.id,
      name: i.name,
      kind: i.kind,
      local: i.local,
      source: S,
      synthetic: true,
    });
    g.rel('LOCATED_IN', 'ResearchInstitute', i.id, 'Region', regionId(i.regionCode ?? CITY_CODE));
  }
  const byChain = chains.map((_, ci) => firms.filter((f) => f.chain === ci));
  const chainFirms = (ci: number): Firm[] => byChain[ci] ?? [];
  addPlatforms(g, rnd, scale, firms, chainFirms);
  for (const f of firms) addReports(g, rnd, f);
  const nylonDeputy = addPeopleAndCooperation(g, rnd, scale, firms).get(chainIndex('nylon')) ?? 'person-deputy-0';
  addConsortia(g, rnd, scale, chainFirms);
  addResults(g, rnd, scale, firms);
  addProjects(g, rnd, scale, firms, chainFirms);
  addPoliciesAndContests(g, rnd, scale, firms);
  addTargets(g);
  linkNamedFirms(g, nylonDeputy);
}
