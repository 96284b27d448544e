"""Everything that speaks SQL, and nothing else does: the SQLite file (opening, checks,
repairs), its schema and migrations, the record types, the recorder that writes a
session as it happens, history and statistics queries, backups, export and import.
"""
