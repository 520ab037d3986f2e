"""One module per command: each calls the layers (evidence, engine, report, render) and returns what the CLI shows."""
