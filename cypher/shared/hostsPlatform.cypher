// e HOSTS a Platform approved by the review year (any approval year when reviewYear is null). A platform without
// an approval year counts only when no year is asked.
// An expression. Expects: e (Enterprise), reviewYear (integer or null).
EXISTS { (e)-[:HOSTS]->(hosted:Platform) WHERE reviewYear IS NULL OR hosted.approvedYear <= reviewYear }
