"""The one quiz dialogue shared by the terminal and the web, the notes under a result, result documents."""
