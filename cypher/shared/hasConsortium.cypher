// Has a consortium: e LEADS or is MEMBER_OF an innovation Consortium.
// An expression. Expects: e (Enterprise).
EXISTS { (e)-[:LEADS|MEMBER_OF]->(:Consortium) }
