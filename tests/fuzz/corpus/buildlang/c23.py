x = 1 / 0  ### "division by zero"
