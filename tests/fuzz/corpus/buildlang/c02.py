s = "import is fine in strings"  # and in comments: import
