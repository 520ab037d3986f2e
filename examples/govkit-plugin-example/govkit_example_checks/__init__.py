"""Example govkit check types."""
