// The years for which targets exist, to name the accepted range in an error.
// Parameters: none
// Columns: years (sorted list of Int)
MATCH (t:Target)
WITH DISTINCT t.year AS year ORDER BY year
RETURN collect(year) AS years
