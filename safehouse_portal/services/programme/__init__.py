"""The programme: allocation, the board, coverage, each inspection's schedule and deadlines."""
