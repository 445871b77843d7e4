"""Command-line interface `corpus` over the Python API and the Prefect flows."""
