x = 1 + "a"  ### "unsupported operand type\(s\) for \+: 'int' and 'str'"
