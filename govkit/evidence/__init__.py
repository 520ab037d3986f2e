"""What the world says about a team: its activity log, its repos' history, its charter's history."""
