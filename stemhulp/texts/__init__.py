"""Words and the safe showing of text: the Dutch and English tables, inert quiz text, the console."""
