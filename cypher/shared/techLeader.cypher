// Tech leader (科技领军企业): e HOLDS TECH_LEADER, held in the review year.
// An expression. Expects: e (Enterprise), reviewYear (integer), and no variable named h in scope.
EXISTS {
  MATCH (e)-[h:HOLDS]->(:Qualification {code: 'TECH_LEADER'})
  WHERE
  // #include shared/heldInYear
}
