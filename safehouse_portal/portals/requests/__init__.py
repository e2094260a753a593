"""Additional information requests, for providers and inspectors."""
