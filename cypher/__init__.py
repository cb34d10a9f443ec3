"""The named Cypher queries of pokin, one ``NAME.cypher`` file each, shipped as package data
and read through ``importlib.resources`` by ``pokin.graph.queries``."""
