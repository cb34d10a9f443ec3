"""What every room of pokin shares and none owns: the error vocabulary, the level vocabulary and
the settings. It imports no other room, so graph, seed, api and visualize can all depend on it."""
