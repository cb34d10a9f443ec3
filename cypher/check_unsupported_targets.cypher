// check_unsupported_targets: results nothing below supports. A target below the strategic level
// needs a lower result or a unit that supports (delivers) it; a strategic target needs a
// programme-level result; the Goal needs a strategic target. A SUPPORTS from another cascade
// counts whatever its level (an agency's Tujuan under an RPJMD Sasaran, a crosscutting link):
// the region is in view, so an RPJMD Sasaran is flagged here exactly when the region check
// rpjmd_targets_unsupported flags it.
// Parameters: $cascade (string).
// Columns: id, detail (map: level, needs (what should support it), supported_by (ids of what
//          does support it, e.g. a result of the same or a higher level)).
WITH {goal: 0, strategic: 1, programme: 2, activity: 3, sub_activity: 4} AS rank
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (t:Element {cascade: $cascade}) USING INDEX t:Element(cascade)
WHERE t:Goal OR t:Target
WITH rank, t, CASE t.level
    WHEN 'goal' THEN 'strategic'
    WHEN 'strategic' THEN 'programme'
    ELSE 'lower'
  END AS needs
WHERE NOT EXISTS {
    MATCH (x:Element)-[:SUPPORTS]->(t)
    WHERE x.cascade <> $cascade OR CASE needs
        WHEN 'lower' THEN x:Programme OR x:Activity OR x:SubActivity
                          OR (x:Target AND rank[x.level] > rank[t.level])
        ELSE x:Target AND x.level = needs
      END
  }
RETURN t.id AS id,
       {level: t.level,
        needs: CASE needs
            WHEN 'lower' THEN 'a lower result or a unit'
            WHEN 'strategic' THEN 'a strategic target'
            ELSE 'a programme-level result'
          END,
        supported_by: [(x:Element)-[:SUPPORTS]->(t) | x.id]} AS detail
ORDER BY id
