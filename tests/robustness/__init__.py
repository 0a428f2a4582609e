"""Robustness suite: meaning-preserving rewrites of the gold documents, scored against the same gold."""
