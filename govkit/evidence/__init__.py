"""What the world says about a team: its activity log and its charter's history (git access is in govkit.git)."""
