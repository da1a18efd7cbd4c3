"""Small shared helpers with no knowledge of netplan's data: dates, and making text safe to show."""
