"""What every portal shares: the signed-in person and the run helper, the shell, forms, downloads."""
