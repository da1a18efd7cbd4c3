"""The five sections (one module each) and the dialogs they share."""
