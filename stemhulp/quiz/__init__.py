"""The quiz itself: statements, parties, coded positions, answer scales and answer sets."""
