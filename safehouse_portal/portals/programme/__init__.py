"""The board, allocation, coverage, an inspection's timeline, the inspector's home, closure days."""
