// R&D institution of an enterprise in a year: e HOSTS a Platform (approved by that year), or its AnnualReport of
// that year says hasRdInstitution.
// An expression. Expects: e (Enterprise), reviewYear (integer).
(EXISTS { (e)-[:HAS_REPORT]->(rdReport:AnnualReport {hasRdInstitution: true}) WHERE rdReport.year = reviewYear }
  OR
  // #include shared/hostsPlatform
)
