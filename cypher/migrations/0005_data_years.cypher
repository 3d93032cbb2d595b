// The years the data covers (cypher/metrics/dataYears.cypher) are read from the ends of year indexes: these complete
// the ones of 0002 (secondments' years, funds' years).
CREATE INDEX seconded_to_from_year IF NOT EXISTS FOR ()-[r:SECONDED_TO]-() ON (r.fromYear);
CREATE INDEX seconded_to_to_year IF NOT EXISTS FOR ()-[r:SECONDED_TO]-() ON (r.toYear);
CREATE INDEX fund_year IF NOT EXISTS FOR (n:Fund) ON (n.year);
