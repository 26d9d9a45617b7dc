"""Exercises of the course part 'ml'."""
