// The `loupe` command.
print("loupe")
