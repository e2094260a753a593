"""Recommendations followed to done, for providers and inspectors."""
