"""`shelfwriter demo`: the whole pipeline on one machine, with nothing installed but Python.

- `run`: the demo itself (services, migrate, import, dispatcher + worker, show content).
- `embedded`: real PostgreSQL and Redis from wheels, started under one data directory.
- `process`: the child-process wrapper both use (own session, log file, parent-death signal,
  stop signal then SIGKILL).
"""
