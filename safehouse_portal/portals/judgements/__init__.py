"""The inspection workspace and one KLOE."""
