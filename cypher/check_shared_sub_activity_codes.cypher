// check_shared_sub_activity_codes: one sub-activity code delivered by several agencies of a
// region where the nomenclature makes it agency-specific: every code outside the supporting
// programme X.XX.01 (Program Penunjang Urusan Pemerintahan Daerah, which every agency runs).
// Reported once per code, on the first agency's sub-activity; informational (a shared code may
// be a deliberate joint delivery).
// Parameters: $region (string or null), $cascade (string or null: codes this cascade shares).
// Columns: cascade, id (the sub-activity of the first agency), detail (map: code, cascades
//          (every agency delivering it), sub_activities (their 'cascade:id')).
// each cascade's elements are reached through the Element(cascade) index (a hint: the
// planner cannot see which of $region and $cascade is null; the kind is a property test, not a
// label, so that no label scan is joined in)
MATCH (c:Cascade)
WHERE coalesce(c.kind, 'agency') = 'agency'
  AND ($region IS NULL OR c.region = $region)
MATCH (s:Element {cascade: c.id}) USING INDEX s:Element(cascade)
WHERE s.kind = 'sub_activity' AND s.code IS NOT NULL AND split(s.code, '.')[2] <> '01'
WITH s.code AS code, s ORDER BY s.cascade, s.id
WITH code, collect(s) AS subs
WHERE size(subs) > 1
  AND ($cascade IS NULL OR any(x IN subs WHERE x.cascade = $cascade))
RETURN subs[0].cascade AS cascade, subs[0].id AS id,
       {code: code, cascades: [x IN subs | x.cascade],
        sub_activities: [x IN subs | x.cascade + ':' + x.id]} AS detail
ORDER BY cascade, id
