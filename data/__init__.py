"""Built-in content (YAML), shipped in the wheel as the `netplan.data` package."""
