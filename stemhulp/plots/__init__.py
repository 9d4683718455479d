"""Research plots (the optional `plot` extra); this package's top is numpy-free for fast start-up."""
