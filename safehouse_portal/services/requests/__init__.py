"""Additional information requests: inspectors ask, providers answer, nothing is asked twice."""
