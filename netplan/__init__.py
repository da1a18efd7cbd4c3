"""netplan: a terminal planner for networking your way into a tech job."""

__version__ = "0.1.0"
