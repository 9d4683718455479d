"""A quiz published as a static site that matches in the visitor's browser."""
