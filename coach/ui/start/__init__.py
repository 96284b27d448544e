"""The start screen: the list of routines, techniques and free breathing to choose from."""
