"""Reports: QA, factual accuracy, issue, documents and the stakeholders' library."""
