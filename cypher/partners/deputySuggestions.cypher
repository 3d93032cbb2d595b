// 科技副总 suggestions for a page of enterprises: people employed by a university or research institute whose
// expertise serves one of the firm's chains (shared/chainsFedBy, shared/expertiseServesChain) and who are free in
// $year: no secondment runs past $year (one that ends in $year frees them: "whose secondment ends"). Never
// someone seconded to the firm already (now or before).
//
// Evidence per person: terms (expertise terms that serve the firm's chains), employerPartner (the employer already
// cooperates with the firm: the secondment builds on a link), employerPeers (firms of the firm's industry class that
// cooperate with the employer), seniority (1 for a full senior title: 教授, 研究员, 正高级…; 0.5 for an associate
// one: 副教授, 副研究员, 高级工程师…), experience (secondments that ended before $year).
// Score = w.terms × terms + w.employerPartner × employerPartner + w.employerPeers × ln(1 + employerPeers) +
//         w.seniority × seniority + w.experience × ln(1 + experience); weights ($weights, keys as below) default to:
WITH {
  terms: toFloat(coalesce($weights.terms, 2.0)),
  employerPartner: toFloat(coalesce($weights.employerPartner, 1.0)),
  employerPeers: toFloat(coalesce($weights.employerPeers, 0.5)),
  seniority: toFloat(coalesce($weights.seniority, 0.5)),
  experience: toFloat(coalesce($weights.experience, 0.5))
} AS w
// Parameters: $enterpriseIds (list of String), $year (Int), $limit (Int, per firm), $weights (map|null)
// Columns: enterpriseId, suggestions (list of maps: id, name, title, degree, expertise (matched terms), chains,
//   employerId, employerName, employerType, endingSecondment (the name of the firm whose secondment ends in $year, or
//   null), employerPartner, employerPeers, seniority, experience, score)
UNWIND $enterpriseIds AS enterpriseId
MATCH (e:Enterprise {id: enterpriseId})
CALL (e) {
  // #include shared/chainsFedBy
  RETURN collect(DISTINCT chain) AS chains
}
WITH w, collect({e: e, chains: chains}) AS firms
// Once per page: the people who fit each of the page's chains and are free in $year (no secondment runs past it),
// with what does not depend on the firm; and each employer's partners in each of the page's industry classes.
CALL (firms) {
  UNWIND firms AS f
  UNWIND f.chains AS chain
  WITH DISTINCT chain
  MATCH (person:Person)-[:EMPLOYED_BY]->(employer)
  WHERE (employer:University OR employer:ResearchInstitute)
  WITH chain, person, employer, [term IN person.expertise WHERE
      // #include shared/expertiseServesChain
    ] AS terms
  WHERE size(terms) > 0
    AND NOT EXISTS { (person)-[s:SECONDED_TO]->(:Enterprise) WHERE coalesce(s.toYear, 9999) > $year }
  RETURN collect({
    chain: chain, person: person, employer: employer, terms: terms,
    endingSecondment: COLLECT {
      MATCH (person)-[s:SECONDED_TO]->(firm:Enterprise) WHERE s.toYear = $year RETURN firm.name
    }[0],
    experience: COUNT { (person)-[s:SECONDED_TO]->(:Enterprise) WHERE s.toYear < $year },
    seniority: CASE
      WHEN person.title IS NULL THEN 0.0
      WHEN person.title STARTS WITH '副' OR person.title IN ['高级工程师', '高级实验师', '讲师'] THEN 0.5
      WHEN person.title IN ['教授', '研究员', '正高级', '正高级工程师', '教授级高级工程师'] THEN 1.0
      ELSE 0.0
    END
  }) AS fits
}
CALL (firms) {
  UNWIND firms AS f
  WITH DISTINCT f.e.industryCode AS industry
  WHERE industry IS NOT NULL
  MATCH (peer:Enterprise {industryCode: industry})-[:COOPERATES_WITH]->(employer)
  WITH industry, employer, count(DISTINCT peer) AS n
  RETURN collect({industry: industry, employer: employer, n: n}) AS peersOf
}
UNWIND firms AS f
WITH w, f.e AS e, f.chains AS chains, fits, peersOf
CALL (e, chains, w, fits, peersOf) {
  // The firm's class's entries first: each person then looks through a few, not the page's.
  WITH e, chains, w, fits, [y IN peersOf WHERE y.industry = e.industryCode] AS classPeers
  UNWIND [x IN fits WHERE x.chain IN chains] AS x
  WITH e, w, classPeers, x.person AS person, x.employer AS employer, x.endingSecondment AS endingSecondment,
       x.experience AS experience, x.seniority AS seniority, collect(x.chain.name) AS chainNames,
       reduce(s = [], l IN collect(x.terms) | s + [t IN l WHERE NOT t IN s]) AS terms
  WHERE NOT EXISTS { (person)-[:SECONDED_TO]->(e) }
  WITH e, w, person, employer, endingSecondment, experience, seniority, chainNames, terms,
       CASE WHEN EXISTS { (e)-[:COOPERATES_WITH]->(employer) } THEN 1 ELSE 0 END AS employerPartner,
       coalesce(head([y IN classPeers WHERE y.employer = employer | y.n]), 0) AS sameClass
  // The firm's own cooperation is not a peer's.
  WITH person, employer, chainNames, terms, endingSecondment, experience, employerPartner, seniority,
       sameClass - CASE WHEN sameClass > 0 THEN employerPartner ELSE 0 END AS employerPeers, w
  WITH person, employer, chainNames, terms, endingSecondment, experience, employerPartner, seniority, employerPeers,
       w.terms * size(terms) + w.employerPartner * employerPartner + w.employerPeers * log(1 + employerPeers) +
       w.seniority * seniority + w.experience * log(1 + experience) AS score
  ORDER BY score DESC, person.id
  LIMIT $limit
  RETURN collect({
    id: person.id, name: person.name, title: person.title, degree: person.degree, expertise: terms,
    chains: chainNames, employerId: employer.id, employerName: employer.name,
    employerType: head([l IN labels(employer) WHERE l IN ['University', 'ResearchInstitute']]),
    endingSecondment: endingSecondment, employerPartner: employerPartner = 1, employerPeers: employerPeers,
    seniority: seniority, experience: experience, score: score
  }) AS suggestions
}
RETURN e.id AS enterpriseId, suggestions
