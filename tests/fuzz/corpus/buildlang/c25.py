x = 2 ** 64  ### "integer overflow"
