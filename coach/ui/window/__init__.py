"""The main window and its parts: the one place where screens are wired to each other and
to the session (layout, menus and keys, the ticker, recording, the file actions, the
link to the review window).
"""
