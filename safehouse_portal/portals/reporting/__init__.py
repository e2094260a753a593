"""Reports, QA and the factual-accuracy check; stakeholders' final reports."""
