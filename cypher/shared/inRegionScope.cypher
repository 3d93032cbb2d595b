// The region filter: with $regionCode, e is LOCATED_IN that region or in a region PART_OF it at any depth;
// without, any enterprise passes.
// An expression. Expects: e (Enterprise). Parameters: $regionCode: string|null
($regionCode IS NULL OR EXISTS { (e)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {code: $regionCode}) })
