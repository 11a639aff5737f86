"""Tags from the platform's vocabulary: loading vocabularies into Postgres, embedding them,
and matching a product onto 3–8 vocabulary entries (the model may propose, the vocabulary
decides)."""
