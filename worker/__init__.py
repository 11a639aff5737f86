"""Shelfwriter: catalog change events → Celery → ONNX language models → product content.

`celery -A worker ...` finds the Celery app in `worker.celery`. This package stays light
to import (no torch, no transformers, no model loading) so every process can use it.
"""
