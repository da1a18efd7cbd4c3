"""What netplan knows about networking: contacts, follow-ups, goals, metrics, questions, PIE and
the weekly review, as plain functions over records. No Textual and no store internals here."""
