// An expertise term serves a chain: it contains one of the chain's `keywords` (e.g. 高分子材料 contains 高分子, a
// keyword of the nylon chain). A chain without keywords falls back to its name: the term's first two characters
// occur in it (碳化硅 ~ 硅碳与碳化硅半导体产业链).
// An expression. Expects: term (String), chain (IndustryChain), and no variable named keyword in scope.
(CASE WHEN size(coalesce(chain.keywords, [])) > 0
   THEN any(keyword IN chain.keywords WHERE term CONTAINS keyword)
   ELSE size(term) >= 2 AND chain.name CONTAINS left(term, 2)
 END)
