"""Exercises of the course part 'mlp'."""
