// Experts of each chain on the page of the partner suggestions (partnerSuggestions and partnerSuggestionsMaintained):
// the people universities and institutes employ whose expertise serves the chain (shared/expertiseServesChain).
// Clauses inside a statement. Expects: firms (partners/suggestionFirms). Binds: expertsOf.
CALL (firms) {
  UNWIND firms AS f
  UNWIND f.chains AS chain
  WITH DISTINCT chain
  MATCH (person:Person)-[:EMPLOYED_BY]->(cand)
  WHERE (cand:University OR cand:ResearchInstitute)
  WITH chain, cand, person, [term IN person.expertise WHERE
      // #include shared/expertiseServesChain
    ] AS terms
  WHERE size(terms) > 0
  RETURN collect({chain: chain, cand: cand, person: person.id, terms: terms}) AS expertsOf
}
