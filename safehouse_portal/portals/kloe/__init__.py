"""One KLOE: prompts, evidence, rating, sufficiency and the live cross-reference panel (issue 6)."""
