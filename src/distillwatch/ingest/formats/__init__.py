"""Input formats: one reader per format (see ``registry.READERS``), each yielding RawBatches."""
