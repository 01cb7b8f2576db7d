x = [1, 2][5]  ### "list index out of range"
