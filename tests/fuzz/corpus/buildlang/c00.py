import os  ### "Import used in src/BUILD at line 1\. Import statements are banned in BUILD files .*"
