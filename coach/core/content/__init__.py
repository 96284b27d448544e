"""What the coach teaches, Qt-free: technique and routine files (their types, loading and
checks), the safety questions and stop reasons, the 0-10 feel scale, and the plan a
routine becomes.
"""
