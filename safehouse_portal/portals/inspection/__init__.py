"""An inspection's own page: its deadlines, and the forms that move it along."""
