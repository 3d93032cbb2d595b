// The firms an expert could serve as 科技副总: firms of the chains the person's expertise serves
// (shared/expertiseServesChain) — in one of their segments, leading them, or of an industry class or division the
// chain's `industryCodes` name — that the person is not seconded to (now or before). Gap firms first: gaps counts
// the two gaps a 科技副总 closes, no R&D institution (the shared definition, in the latest report year) and no
// industry-university-research cooperation (no COOPERATES_WITH and the report does not claim any); then fit
// (w.segment per chain the firm works in a segment of or leads, w.industry per chain its industry feeds, w.employer
// when the person's employer already cooperates with the firm), then above-scale firms, larger revenue, id.
// Score = w.gap × gaps + fit; weights ($weights) default to (the gaps are those of the review year: $year, else the
// latest report year):
// #include shared/reviewYear
WITH reviewYear, {
  gap: toFloat(coalesce($weights.gap, 10.0)),
  segment: toFloat(coalesce($weights.segment, 2.0)),
  industry: toFloat(coalesce($weights.industry, 1.0)),
  employer: toFloat(coalesce($weights.employer, 0.5))
} AS w
// Parameters: $personId (String), $year (Int|null), $limit (Int), $weights (map|null)
// Columns: id, name, industryCode, aboveScale, chains (names), via (SEGMENT and/or INDUSTRY), gaps (list of
//   NO_RD_INSTITUTION, NO_COOPERATION), expertise (the person's terms that serve them), employerPartner, score;
//   no row for an unknown person.
MATCH (person:Person {id: $personId})
MATCH (chain:IndustryChain)
WITH w, person, reviewYear, chain, [term IN person.expertise WHERE
    // #include shared/expertiseServesChain
  ] AS terms
WHERE size(terms) > 0
CALL (chain) {
  MATCH (chain)<-[:OF_CHAIN]-(:ChainSegment)<-[:OPERATES_IN]-(e:Enterprise)
  RETURN e, 'SEGMENT' AS via
  UNION
  MATCH (chain)<-[:LEADS_CHAIN]-(e:Enterprise)
  RETURN e, 'SEGMENT' AS via
  UNION
  // A code matches firms' codes written with or without the section letter, each prefix an index seek (the letter
  // of a code written without one follows from its division: GB/T 4754-2017's sections A–T).
  UNWIND coalesce(chain.industryCodes, []) AS code
  WITH code, CASE WHEN code =~ '[A-Za-z].*' THEN substring(code, 1) ELSE code END AS digits
  WHERE size(digits) >= 2 AND digits =~ '[0-9]+'
  WITH code, digits, toInteger(left(digits, 2)) AS division
  WITH code, digits, CASE
      WHEN division <= 5 THEN 'A' WHEN division <= 12 THEN 'B' WHEN division <= 43 THEN 'C'
      WHEN division <= 46 THEN 'D' WHEN division <= 50 THEN 'E' WHEN division <= 52 THEN 'F'
      WHEN division <= 60 THEN 'G' WHEN division <= 62 THEN 'H' WHEN division <= 65 THEN 'I'
      WHEN division <= 69 THEN 'J' WHEN division <= 70 THEN 'K' WHEN division <= 72 THEN 'L'
      WHEN division <= 75 THEN 'M' WHEN division <= 79 THEN 'N' WHEN division <= 82 THEN 'O'
      WHEN division <= 83 THEN 'P' WHEN division <= 85 THEN 'Q' WHEN division <= 90 THEN 'R'
      WHEN division <= 96 THEN 'S' ELSE 'T'
    END AS letter
  UNWIND [code, letter + digits, digits] AS prefix
  WITH DISTINCT prefix
  MATCH (e:Enterprise)
  WHERE e.industryCode STARTS WITH prefix
  RETURN e, 'INDUSTRY' AS via
}
WITH w, person, reviewYear, e, collect(DISTINCT chain.name) AS chainNames, collect(DISTINCT via) AS vias,
     count(DISTINCT CASE via WHEN 'SEGMENT' THEN chain END) AS segmentChains,
     count(DISTINCT CASE via WHEN 'INDUSTRY' THEN chain END) AS industryChains,
     reduce(s = [], l IN collect(terms) | s + [x IN l WHERE NOT x IN s]) AS terms
WHERE NOT EXISTS { (person)-[:SECONDED_TO]->(e) }
OPTIONAL MATCH (e)-[:HAS_REPORT]->(report:AnnualReport {year: reviewYear})
WITH w, person, reviewYear, e, report, chainNames, vias, segmentChains, industryChains, terms
WITH w, person, e, chainNames, vias, segmentChains, industryChains, terms,
     [gap IN [
       {code: 'NO_RD_INSTITUTION', has: report.hasRdInstitution = true OR
         // #include shared/rdInstitution
       },
       {code: 'NO_COOPERATION', has: report.hasIurCooperation = true OR EXISTS { (e)-[:COOPERATES_WITH]->() }}
     ] WHERE NOT coalesce(gap.has, false) | gap.code] AS gaps,
     CASE WHEN EXISTS { (e)-[:COOPERATES_WITH]->()<-[:EMPLOYED_BY]-(person) } THEN 1 ELSE 0 END AS employerPartner
WITH e, chainNames, vias, terms, gaps, employerPartner,
     w.gap * size(gaps) + w.segment * segmentChains + w.industry * industryChains + w.employer * employerPartner AS score
ORDER BY score DESC, e.aboveScale DESC, e.revenue DESC, e.id
LIMIT $limit
RETURN e.id AS id, e.name AS name, e.industryCode AS industryCode, e.aboveScale AS aboveScale, chainNames AS chains,
       vias AS via, gaps, terms AS expertise, employerPartner = 1 AS employerPartner, score
