// trace_start: where the traces from the given elements begin, and the structure of each start.
// An indicator starts from the element it measures, an owner from every result it owns, any
// other element from itself. A start's structure is its unit (itself when it is a programme,
// activity or sub-activity; for a result, the one unit that delivers it, if exactly one does)
// and that unit's PART_OF ancestors.
// Parameters: $cascade (string), $ids (list of strings: the elements asked about).
// Columns: element (map: id, kind, level, name, code), start (map, or null when the element has
//          no start, e.g. an owner that owns nothing), structure (list of maps: the unit, its
//          activity, its programme — as far as PART_OF goes). One row per element and start;
//          no row for an id that is not an element of the cascade.
UNWIND $ids AS id
MATCH (n:Element {cascade: $cascade, id: id})
WITH n, CASE
    WHEN n:Indicator THEN COLLECT {
        MATCH (s:Element)-[:MEASURED_BY]->(n) WHERE s.cascade = $cascade RETURN s ORDER BY s.id }
    WHEN n:Owner THEN COLLECT {
        MATCH (s:Element)-[:OWNED_BY]->(n) WHERE s.cascade = $cascade RETURN s ORDER BY s.id }
    ELSE [n]
  END AS starts
UNWIND CASE WHEN starts = [] THEN [null] ELSE starts END AS s
WITH n, s, CASE
    WHEN s:Programme OR s:Activity OR s:SubActivity THEN [s]
    ELSE [(u:Programme|Activity|SubActivity)-[:SUPPORTS]->(s) | u]
  END AS units
WITH n, s, CASE WHEN size(units) = 1 THEN units[0] END AS unit
OPTIONAL MATCH (unit)-[:PART_OF]->(parent:Element)
OPTIONAL MATCH (parent)-[:PART_OF]->(grandparent:Element)
WITH n, s, unit, parent, grandparent
ORDER BY n.id, s.id, parent.id, grandparent.id
WITH n, s, collect([unit, parent, grandparent])[0] AS chain
RETURN n {.id, .kind, .level, .name, .code} AS element,
       s {.id, .kind, .level, .name, .code} AS start,
       [x IN chain WHERE x IS NOT NULL | x {.id, .kind, .level, .name, .code}] AS structure
ORDER BY element.id, start.id
