"""The hostile-input suite: the program attacked the way a careless or hostile user would."""
