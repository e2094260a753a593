"""The judgement builder: the workspace, KLOEs, key questions, draft recommendations, serious concerns."""
