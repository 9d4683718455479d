"""Files in and out: native YAML, the JSON exchange format, importers, safe reading and atomic writing."""
