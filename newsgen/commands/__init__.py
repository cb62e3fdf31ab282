"""The commands beside `build`: `export`, `check`, `serve` and `init` (`scaffold`)."""
