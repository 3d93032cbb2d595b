// The chains an enterprise works in or feeds, and how: 'SEGMENT' for the chains of shared/chainsOfEnterprise (its
// segments, the chains it leads), 'INDUSTRY' for the chains whose `industryCodes` (GB/T 4754 classes or divisions,
// with or without the section letter) its industryCode falls under. Matchmaking's notion of "the firm's chains":
// most firms operate in no segment, but every firm has an industry.
// Clauses inside a statement (one CALL subquery). Expects: e (Enterprise), and no variable named chain, via, code or
// firmDigits in scope. Binds: chain (IndustryChain), via (String); one row per chain and way.
CALL (e) {
  // #include shared/chainsOfEnterprise
  RETURN DISTINCT chain, 'SEGMENT' AS via
  UNION
  // Codes compare without their section letter ('C2651' and '2651' are one class; 'C26' is its division).
  WITH e, CASE WHEN e.industryCode =~ '[A-Za-z].*' THEN substring(e.industryCode, 1) ELSE e.industryCode END AS firmDigits
  MATCH (chain:IndustryChain)
  WHERE firmDigits IS NOT NULL
    AND any(code IN [code IN coalesce(chain.industryCodes, []) |
        CASE WHEN code =~ '[A-Za-z].*' THEN substring(code, 1) ELSE code END]
      WHERE size(code) >= 2 AND firmDigits STARTS WITH code)
  RETURN chain, 'INDUSTRY' AS via
}
