"""Inspector-side information requests and recommendation threads (issue 5)."""
