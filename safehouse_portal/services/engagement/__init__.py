"""Engagement between inspections: the designated inspector's meetings and concerns heard."""
