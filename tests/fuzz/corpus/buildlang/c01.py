x = 1
from foo import bar  ### "Import used in src/BUILD at line 2\..*"
