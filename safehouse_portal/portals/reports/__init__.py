"""Reports, QA and the factual-accuracy check, for inspectors and providers (issue 7)."""
