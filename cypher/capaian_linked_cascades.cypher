// capaian_linked_cascades: the other cascades some cascades' results reach by one crosscutting
// SUPPORTS link (an agency's Tujuan to the RPJMD, a result to another agency's), upwards or
// downwards, so that a cascade's roll-up and what it endangers can follow them.
// Parameters: $cascades (list of strings).
// Columns: cascade (the other cascade), up (true: the link goes from these cascades to it).
UNWIND $cascades AS cascade
MATCH (a:Element {cascade: cascade}) USING INDEX SEEK a:Element(cascade)
WHERE a:Goal OR a:Target
MATCH (a)-[s:SUPPORTS]-(b:Element)
WHERE s.crosscutting AND NOT b.cascade IN $cascades
RETURN DISTINCT b.cascade AS cascade, startNode(s) = a AS up
ORDER BY cascade, up
