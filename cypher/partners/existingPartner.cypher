// e works with cand already, so cand is never suggested to it: e COOPERATES_WITH or HOSTS it, it PARTNERS_WITH e,
// they share a consortium, or cand employs a 科技副总 seconded to e. (bench/matchmaking.ts applies the same rule to
// its baselines.)
// An expression. Expects: e (Enterprise), cand.
(EXISTS { (e)-[:COOPERATES_WITH|HOSTS]->(cand) }
  OR EXISTS { (cand)-[:PARTNERS_WITH]->(e) }
  OR EXISTS { (e)-[:LEADS|MEMBER_OF]->(:Consortium)<-[:MEMBER_OF]-(cand) }
  OR EXISTS { (cand)<-[:EMPLOYED_BY]-(:Person)-[:SECONDED_TO]->(e) })
