"""The survivor survey: question sets, links per inspection, and the public side survivors use."""
