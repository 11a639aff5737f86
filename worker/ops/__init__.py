"""Operating the fleet: `status` (what an operator asks first), `metrics` (Prometheus, for the
fleet and per worker process), `healthcheck` (container checks: `python -m
worker.ops.healthcheck`) and `flower_auth` (Flower refuses to start without authentication)."""
