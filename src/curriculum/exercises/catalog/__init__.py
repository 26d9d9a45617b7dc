"""Exercise definitions, one module per course module; importing them registers them."""
