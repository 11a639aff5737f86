"""Content generation: decide what is stale, generate, guard, write."""
