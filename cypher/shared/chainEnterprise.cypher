// A chain's enterprises: e OPERATES_IN one of the chain's segments, or LEADS_CHAIN it.
// An expression. Expects: e (Enterprise), chain (IndustryChain).
(EXISTS { (e)-[:OPERATES_IN]->(:ChainSegment)-[:OF_CHAIN]->(chain) } OR EXISTS { (e)-[:LEADS_CHAIN]->(chain) })
