"""Flower's configuration file: `celery -A worker flower` reads `flowerconfig.py` from the
working directory (run it from the repo root, or `/app` in the images). Settings come from the
environment (`FLOWER_*`); this file only refuses to start Flower without authentication —
see worker/ops/flower_auth.py. Names defined here would become Flower options: keep it to this.
"""

from worker.ops.flower_auth import require_auth

require_auth()
