"""The inspection workspace: scope, announcement checklist, KLOEs, judgements, recommendations (issue 6)."""
