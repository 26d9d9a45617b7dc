"""Exercises of the course part 'python'."""
