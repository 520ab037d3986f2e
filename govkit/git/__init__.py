"""Every git call govkit makes: run.py (running git, and the commits govkit writes), log.py
(reading history), objects.py (files as committed)."""
