// realisation_targets: what a realisation file of one cascade may name: the cascade's period
// and its indicators and units (id, kind, code), for the file's rows to be checked against.
// Parameters: $cascade (string). Columns: period_start, period_end, elements (list of maps:
// id, kind, code).
MATCH (c:Cascade {id: $cascade})
OPTIONAL MATCH (e:Element {cascade: $cascade})
WHERE e:Indicator OR e:Programme OR e:Activity OR e:SubActivity
RETURN c.period_start AS period_start, c.period_end AS period_end,
       collect({id: e.id, kind: e.kind, code: e.code}) AS elements
