// schema_constraints: the uniqueness constraints and indexes pokin's queries need.
// Parameters: none. Columns: none.
// Statements are separated by lines holding only ';'. Every one is idempotent (IF EXISTS /
// IF NOT EXISTS).
// An element is identified by (cascade, id): two agencies of one region may hold the same
// sub-activity code and the same owner title. Databases made before that held a unique
// constraint on id alone, per label; those are dropped by name first.
DROP CONSTRAINT element_id IF EXISTS
;
DROP CONSTRAINT goal_id IF EXISTS
;
DROP CONSTRAINT target_id IF EXISTS
;
DROP CONSTRAINT programme_id IF EXISTS
;
DROP CONSTRAINT activity_id IF EXISTS
;
DROP CONSTRAINT sub_activity_id IF EXISTS
;
DROP CONSTRAINT indicator_id IF EXISTS
;
DROP CONSTRAINT owner_id IF EXISTS
;
CREATE CONSTRAINT element_key IF NOT EXISTS FOR (n:Element) REQUIRE (n.cascade, n.id) IS UNIQUE
;
CREATE CONSTRAINT owner_key IF NOT EXISTS FOR (n:Owner) REQUIRE (n.cascade, n.id) IS UNIQUE
;
CREATE CONSTRAINT cascade_id IF NOT EXISTS FOR (n:Cascade) REQUIRE n.id IS UNIQUE
;
CREATE CONSTRAINT graph_stamp_id IF NOT EXISTS FOR (n:GraphStamp) REQUIRE n.id IS UNIQUE
;
CREATE INDEX cascade_region IF NOT EXISTS FOR (n:Cascade) ON (n.region)
;
CREATE INDEX element_id_lookup IF NOT EXISTS FOR (n:Element) ON (n.id)
;
CREATE INDEX element_cascade IF NOT EXISTS FOR (n:Element) ON (n.cascade)
;
CREATE INDEX element_level IF NOT EXISTS FOR (n:Element) ON (n.level)
;
CREATE INDEX target_level IF NOT EXISTS FOR (n:Target) ON (n.level)
;
CREATE INDEX reference_cascade IF NOT EXISTS FOR (n:Reference) ON (n.cascade)
;
CREATE INDEX reference_target IF NOT EXISTS FOR (n:Reference) ON (n.to_cascade)
;
CREATE FULLTEXT INDEX element_names IF NOT EXISTS
FOR (n:Goal|Target|Programme|Activity|SubActivity|Indicator|Owner) ON EACH [n.name]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } }
;
CREATE INDEX element_code IF NOT EXISTS FOR (n:Element) ON (n.code)
;
CREATE CONSTRAINT measurement_key IF NOT EXISTS FOR (n:Measurement) REQUIRE (n.cascade, n.of, n.year, n.quarter) IS UNIQUE
;
CREATE INDEX similar_name_cascade IF NOT EXISTS FOR ()-[s:SIMILAR_NAME]-() ON (s.cascade)
