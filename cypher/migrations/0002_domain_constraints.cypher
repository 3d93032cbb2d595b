// Domain model: a unique id on every node type (Region's is in 0001), the natural keys, range indexes on the
// properties that gap, metric and review queries filter on, and one full-text index over names and titles.
// Every statement is IF NOT EXISTS, so a run interrupted half-way can be re-run.

// Unique ids (every node type has one; the type prefix keeps them unique across labels too).
CREATE CONSTRAINT industry_cluster_id IF NOT EXISTS FOR (n:IndustryCluster) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT industry_chain_id IF NOT EXISTS FOR (n:IndustryChain) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT chain_segment_id IF NOT EXISTS FOR (n:ChainSegment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT enterprise_id IF NOT EXISTS FOR (n:Enterprise) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT annual_report_id IF NOT EXISTS FOR (n:AnnualReport) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT qualification_id IF NOT EXISTS FOR (n:Qualification) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT university_id IF NOT EXISTS FOR (n:University) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT research_institute_id IF NOT EXISTS FOR (n:ResearchInstitute) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT platform_id IF NOT EXISTS FOR (n:Platform) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT fund_id IF NOT EXISTS FOR (n:Fund) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT consortium_id IF NOT EXISTS FOR (n:Consortium) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT achievement_id IF NOT EXISTS FOR (n:Achievement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT challenge_id IF NOT EXISTS FOR (n:Challenge) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT policy_id IF NOT EXISTS FOR (n:Policy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contest_id IF NOT EXISTS FOR (n:Contest) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;

// Natural keys: one enterprise per credit code (a missing code is allowed), one Qualification node per code.
CREATE CONSTRAINT enterprise_credit_code IF NOT EXISTS FOR (n:Enterprise) REQUIRE n.creditCode IS UNIQUE;
CREATE CONSTRAINT qualification_code IF NOT EXISTS FOR (n:Qualification) REQUIRE n.code IS UNIQUE;

// Range indexes on what analysis filters on: revenue thresholds, review years, platform kinds and levels. Labels
// with a few dozen nodes (funds, contests, policies, chains) get none: a label scan is as fast.
CREATE INDEX enterprise_revenue IF NOT EXISTS FOR (n:Enterprise) ON (n.revenue);
CREATE INDEX enterprise_backbone IF NOT EXISTS FOR (n:Enterprise) ON (n.backbone);
CREATE INDEX enterprise_industry_code IF NOT EXISTS FOR (n:Enterprise) ON (n.industryCode);
CREATE INDEX annual_report_year IF NOT EXISTS FOR (n:AnnualReport) ON (n.year);
CREATE INDEX annual_report_revenue IF NOT EXISTS FOR (n:AnnualReport) ON (n.revenue);
CREATE INDEX annual_report_year_revenue IF NOT EXISTS FOR (n:AnnualReport) ON (n.year, n.revenue);
CREATE INDEX platform_kind IF NOT EXISTS FOR (n:Platform) ON (n.kind);
CREATE INDEX platform_level IF NOT EXISTS FOR (n:Platform) ON (n.level);
CREATE INDEX platform_approved_year IF NOT EXISTS FOR (n:Platform) ON (n.approvedYear);
CREATE INDEX project_year IF NOT EXISTS FOR (n:Project) ON (n.year);
CREATE INDEX project_level IF NOT EXISTS FOR (n:Project) ON (n.level);
CREATE INDEX project_status IF NOT EXISTS FOR (n:Project) ON (n.status);
CREATE INDEX achievement_year IF NOT EXISTS FOR (n:Achievement) ON (n.year);
CREATE INDEX target_year IF NOT EXISTS FOR (n:Target) ON (n.year);

// Relationship range indexes: qualifications held or expiring in a year, benefits paid in a year.
CREATE INDEX holds_granted_year IF NOT EXISTS FOR ()-[r:HOLDS]-() ON (r.grantedYear);
CREATE INDEX holds_valid_until_year IF NOT EXISTS FOR ()-[r:HOLDS]-() ON (r.validUntilYear);
CREATE INDEX received_year IF NOT EXISTS FOR ()-[r:RECEIVED]-() ON (r.year);

// Full-text search over names and titles. The CJK analyzer indexes Chinese text as character bigrams, so
// "尼龙" finds "尼龙新材料产业链"; the standard analyzer would treat a run of Chinese characters as one token.
// Person.title (a professional title such as 正高级) is indexed too, since a label cannot opt out of a property.
CREATE FULLTEXT INDEX entityNames IF NOT EXISTS
FOR (n:Region|IndustryCluster|IndustryChain|ChainSegment|Enterprise|University|ResearchInstitute|Platform|Person|Project|Fund|Consortium|Achievement|Challenge|Policy|Contest)
ON EACH [n.name, n.title]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
