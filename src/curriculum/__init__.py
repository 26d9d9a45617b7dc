"""An executable machine-learning bootcamp."""
