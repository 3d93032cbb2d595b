// INDUSTRIAL_ENTERPRISES without a region or chain filter: the same numbers as industrialEnterprises.cypher with
// both filters null, read from the count store (every enterprise) and the founding-date index (those founded in
// the year: foundedOn is a Date, and [1 Jan of the year, 1 Jan of the next) is exactly the dates whose .year is it)
// instead of reading every enterprise.
// Parameters: $year: integer
// Columns: value: integer, newInYear: integer
MATCH (e:Enterprise)
WITH count(e) AS value
CALL () {
  MATCH (founded:Enterprise)
  WHERE date({year: $year, month: 1, day: 1}) <= founded.foundedOn < date({year: $year + 1, month: 1, day: 1})
  RETURN count(founded) AS newInYear
}
RETURN value, newInYear
