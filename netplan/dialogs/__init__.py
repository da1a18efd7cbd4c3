"""Modal dialogs: the form machinery, confirmations, pickers and the forms built on them."""
