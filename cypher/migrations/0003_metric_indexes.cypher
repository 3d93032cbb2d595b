// Indexes for the metrics that count a year's population: the 四有 population (a year's reports that say
// aboveScale: one composite seek instead of every report of the year filtered), and enterprises founded in a year
// (INDUSTRIAL_ENTERPRISES' newInYear, a range seek on the founding date). Both IF NOT EXISTS, so a re-run is safe.
CREATE INDEX annual_report_year_above_scale IF NOT EXISTS FOR (n:AnnualReport) ON (n.year, n.aboveScale);
CREATE INDEX enterprise_founded_on IF NOT EXISTS FOR (n:Enterprise) ON (n.foundedOn);
