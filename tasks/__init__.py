"""Celery tasks. Thin by design: read ids, call the domain code in `worker`, return counts."""
