"""The Questions section (3): the question bank, prep sheets and elevator pitches, one tab each."""
