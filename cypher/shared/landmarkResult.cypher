// Landmark result: e ACHIEVED an Achievement with landmark = true in the last $withinYears years up to the review
// year, i.e. reviewYear - $withinYears < year <= reviewYear (3 years: 2022, 2023 and 2024 for 2024).
// An expression. Expects: e (Enterprise), reviewYear (integer). Parameters: $withinYears: integer (≥ 1)
EXISTS {
  MATCH (e)-[:ACHIEVED]->(result:Achievement {landmark: true})
  WHERE reviewYear - toInteger($withinYears) < result.year AND result.year <= reviewYear
}
