// schema_constraints: the uniqueness constraints and indexes pokin's queries need.
// Parameters: none. Columns: none.
// Statements are separated by lines holding only ';'. Every one is idempotent (IF NOT EXISTS).
CREATE CONSTRAINT element_id IF NOT EXISTS FOR (n:Element) REQUIRE n.id IS UNIQUE
;
CREATE CONSTRAINT goal_id IF NOT EXISTS FOR (n:Goal) REQUIRE n.id IS UNIQUE
;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE
;
CREATE CONSTRAINT programme_id IF NOT EXISTS FOR (n:Programme) REQUIRE n.id IS UNIQUE
;
CREATE CONSTRAINT activity_id IF NOT EXISTS FOR (n:Activity) REQUIRE n.id IS UNIQUE
;
CREATE CONSTRAINT sub_activity_id IF NOT EXISTS FOR (n:SubActivity) REQUIRE n.id IS UNIQUE
;
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE
;
CREATE CONSTRAINT owner_id IF NOT EXISTS FOR (n:Owner) REQUIRE n.id IS UNIQUE
;
CREATE CONSTRAINT cascade_id IF NOT EXISTS FOR (n:Cascade) REQUIRE n.id IS UNIQUE
;
CREATE INDEX element_cascade IF NOT EXISTS FOR (n:Element) ON (n.cascade)
;
CREATE INDEX element_level IF NOT EXISTS FOR (n:Element) ON (n.level)
;
CREATE INDEX target_level IF NOT EXISTS FOR (n:Target) ON (n.level)
;
CREATE FULLTEXT INDEX element_names IF NOT EXISTS
FOR (n:Goal|Target|Programme|Activity|SubActivity|Indicator|Owner) ON EACH [n.name]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } }
