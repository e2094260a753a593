"""The Provider Information Return: template, the provider's return, the team's review."""
