x = 99999999999999999999  ### "integer literal too large"
