"""Orchestration: the detect pipeline and the end-to-end demo, built from the stages."""
