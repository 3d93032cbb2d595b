// The candidates of the partner suggestions (partnerSuggestions and partnerSuggestionsMaintained): each firm's
// evidence rows summed per candidate and kind, existing partners and merged platforms left out.
// Clauses inside a statement. Expects: w, e, and rows cand, kind, n, people, terms, chains (one per piece of
// evidence). Binds: w, e, cand, counts (list of {kind, n}), expertise, chainNames; one row per firm and candidate.
WITH w, e, cand, kind, sum(n) AS n, collect(people) AS people, collect(terms) AS terms, collect(chains) AS chains
WHERE n > 0 OR kind = 'experts'
WITH w, e, cand,
     collect({kind: kind, n: CASE kind WHEN 'experts' THEN size(reduce(s = [], l IN people | s + [x IN l WHERE NOT x IN s])) ELSE n END})
       AS counts,
     reduce(s = [], l IN reduce(a = [], t IN collect(terms) | a + t) | s + [x IN l WHERE NOT x IN s]) AS expertise,
     reduce(s = [], l IN reduce(a = [], c IN collect(chains) | a + c) | s + [x IN l WHERE NOT x IN s]) AS chainNames
// Never an existing partner, nor a platform merged into another.
WHERE NOT EXISTS { (cand)-[:MERGED_INTO]->() }
  AND NOT
  // #include partners/existingPartner
