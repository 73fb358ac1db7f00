"""Privacy: what is stored about a worker, and what never is."""
