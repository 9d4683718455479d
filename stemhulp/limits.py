"""Every resource limit in one place: input beyond these is refused with a clear message.

The limits keep a hostile or broken file from hanging the program or eating the machine's
memory; they are far above what a real quiz needs (docs/limits.md lists them).
"""

from __future__ import annotations

MAX_FILE_BYTES = 50_000_000  # bytes read from one JSON file (counted while reading, not from st_size)
MAX_YAML_BYTES = 2_000_000  # bytes read from one YAML file (YAML is slow to parse: about 1 MB/s)
MAX_DEPTH = 32  # nesting of lists and mappings in any document
MAX_NUMBER_CHARS = 40  # characters in one number literal
MAX_STATEMENTS = 20_000  # statements (main and tie-break) in one quiz
MAX_PARTIES = 500  # parties in one quiz
MAX_CELLS = 1_000_000  # statements × parties: the matching tables grow with this product
MAX_OPTIONS = 11  # options on a quiz's scale
MAX_RESPONDENTS = 100_000_000  # simulated respondents in one run
MAX_WORKERS = 256  # simulation processes
MAX_WEIGHT = 1_000_000.0  # a statement weight or a party's salience; bounds every weighted sum
